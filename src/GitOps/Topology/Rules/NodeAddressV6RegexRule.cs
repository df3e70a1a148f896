using System.Text.RegularExpressions;
using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// GITOPS130 for the IPv6 detection by interface name in a dual-stack lab: the regex of the node-network interfaces
/// must match no other addressed device, or calico-node may take that device's IPv6 address (calico-node's interface
/// method takes the first address of a matching interface; docs.tigera.io "Autodetection methods"). A detection left
/// at its default is reported at the <c>.IPv6Pool(...)</c> call (docs/dual-stack.md).
/// </summary>
/// <remarks>Reports GITOPS130 (NodeAddressRegexAmbiguous).</remarks>
internal sealed class NodeAddressV6RegexRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        if (lab.Calico.AddressDetectionV6 != NodeAddress.Interface)
        {
            yield break;
        }

        var nodeNetwork = lab.Cluster.NodeNetwork;
        var pattern = NodeAddressPattern.For(lab.Nodes, nodeNetwork);
        foreach (var node in lab.Nodes)
        {
            foreach (var (device, network) in NodeAddressPattern.AddressedDevices(node).Where(d => d.Network != nodeNetwork))
            {
                if (Regex.IsMatch(device, pattern, RegexOptions.CultureInvariant))
                {
                    yield return ModelErrors.Error(NodeAddressRegexAmbiguous, "lab/calico/nodeAddressDetectionV6",
                        $"the IPv6 node address detection's interface regex {pattern} also matches '{device}' on node '{node.Name}', which is on network '{network.Name}', so calico-node there may take its IPv6 address as the node address. " +
                        $"Name the node network's interfaces so that no other device matches (e.g. a systemd .link per node), or give the cluster a node network whose subnet is IPv6 and use .DetectNodeAddressV6(NodeAddress.Subnet).",
                        sources["lab/calico/nodeAddressDetectionV6"]);
                }
            }
        }
    }
}
