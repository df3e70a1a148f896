using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Every node has a plain (not bridged) interface on the cluster's node network, where Calico finds the node address.</summary>
/// <remarks>Reports GITOPS113 (MissingElement).</remarks>
internal sealed class NodeOnNodeNetworkRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        foreach (var node in lab.Nodes)
        {
            if (!node.Interfaces.Any(i => i.Network == lab.Cluster.NodeNetwork && i.Bridge is null))
            {
                yield return ModelErrors.Error(MissingElement, $"lab/nodes/{node.Name}/interfaces", $"node '{node.Name}' has no interface on the node network '{lab.Cluster.NodeNetwork.Name}'; Calico needs one to find the node address. Add .Interface(\"eth1\", \"{lab.Cluster.NodeNetwork.Name}\").", node.Source);
            }
        }
    }
}
