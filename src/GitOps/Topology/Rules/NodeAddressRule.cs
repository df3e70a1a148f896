using System.Text.RegularExpressions;
using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// One address per node on the node network, and the <c>interface</c> regex (when chosen) matches only it: on a node
/// where it also matches another network's device calico-node may take that address (first match wins).
/// </summary>
/// <remarks>Reports GITOPS142 (NodeNetworkPodsOnly), GITOPS140 (NodeNetworkAddressAmbiguous), GITOPS130 (NodeAddressRegexAmbiguous).</remarks>
internal sealed class NodeAddressRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        var nodeNetwork = lab.Cluster.NodeNetwork;
        if (nodeNetwork.Addressing == Addressing.None)
        {
            yield return ModelErrors.Error(NodeNetworkPodsOnly, $"lab/networks/{nodeNetwork.Name}/hostAddressing",
                $"'{nodeNetwork.Name}' is the cluster's node network, where K3s and Calico take each node's address, but .HostAddressing(Addressing.None) gives the nodes no address on it. " +
                $"Use .HostAddressing(Addressing.Dhcp) on '{nodeNetwork.Name}', or make another network the node network with .NodeNetwork(\"…\").", nodeNetwork.Source);
            yield break;
        }

        foreach (var node in lab.Nodes)
        {
            var onNodeNetwork = NodeAddressPattern.AddressedDevices(node).Where(d => d.Network == nodeNetwork).Select(d => d.Device).ToArray();
            if (onNodeNetwork.Length > 1)
            {
                yield return ModelErrors.Error(NodeNetworkAddressAmbiguous, $"lab/nodes/{node.Name}/interfaces",
                    $"node '{node.Name}' has {string.Join(" and ", onNodeNetwork.Select(d => $"'{d}'"))} addressed on the node network '{nodeNetwork.Name}', so Calico and K3s may each pick a different node address; " +
                    $"keep one device on '{nodeNetwork.Name}' per node (a bridge there takes the address of its uplink).", node.Source);
            }
        }

        if (lab.Calico.AddressDetection != NodeAddress.Interface)
        {
            yield break;
        }

        var pattern = NodeAddressPattern.For(lab.Nodes, nodeNetwork);
        foreach (var node in lab.Nodes)
        {
            foreach (var (device, network) in NodeAddressPattern.AddressedDevices(node).Where(d => d.Network != nodeNetwork))
            {
                if (Regex.IsMatch(device, pattern, RegexOptions.CultureInvariant))
                {
                    yield return ModelErrors.Error(NodeAddressRegexAmbiguous, "lab/calico/nodeAddressDetection",
                        $"the interface regex {pattern} also matches '{device}' on node '{node.Name}', which is on network '{network.Name}', so calico-node there may take its '{network.Name}' address as the node address. " +
                        $"Remove .DetectNodeAddress(NodeAddress.Interface): the default detects by the node network's subnet ({nodeNetwork.Subnet}) whatever the interfaces are called.",
                        sources["lab/calico/nodeAddressDetection"]);
                }
            }
        }
    }
}
