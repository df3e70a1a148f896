using System.Text.RegularExpressions;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Dual-stack rules (docs/dual-stack.md): the IPv6 node address detection and its interface regex.</summary>
internal sealed partial class LabAssembler
{
    /// <summary>
    /// The IPv6 node address detection of a dual-stack lab. <c>Subnet</c> (<c>cidrs</c>) and <c>Gateway</c>
    /// (<c>canReach</c>) need an IPv6 prefix and gateway of the node network, which the model has only when the node
    /// network's subnet is IPv6; <c>Interface</c> needs only the interface names, which carry both families. The
    /// operator checks each family alike (tigera/operator pkg/controller/installation/validation.go,
    /// validateNodeAddressDetection), so every method it takes for IPv4 is offered for IPv6.
    /// </summary>
    /// <remarks>Reports GITOPS193 (NodeAddressFamilyUnknown).</remarks>
    private CalicoSettings? WithNodeAddressV6(CalicoSettings? calico, ClusterSettings? cluster)
    {
        var choice = _lab.CalicoChoice?.DetectionV6;
        if (calico is null || cluster is null)
        {
            return calico;
        }

        if (!calico.DualStack)
        {
            if (choice is { } unused)
            {
                _errors.Add(NodeAddressFamilyUnknown, "lab/calico/nodeAddressDetectionV6",
                    $".DetectNodeAddressV6(NodeAddress.{unused.Value}) chooses how calico-node finds each node's IPv6 address in a dual-stack cluster, but the lab has one pool ({calico.Pool.Cidr}), so nothing would use it. " +
                    "Add .IPv6Pool(\"fd00:42::/56\") for dual stack, or remove .DetectNodeAddressV6(...).", unused.Source);
            }

            return calico;
        }

        var nodeNetworkV6 = !IpMath.IsIPv4(cluster.NodeNetwork.Subnet.BaseAddress);

        // The IPv4 detection likewise: its Subnet/Gateway default needs an IPv4 node network; on an IPv6 one a
        // dual-stack lab detects IPv4 by interface name unless the user chose otherwise.
        var v4Method = calico.AddressDetection;
        if (nodeNetworkV6 && v4Method != NodeAddress.Interface)
        {
            if (_lab.CalicoChoice!.DetectionSource != default)
            {
                _errors.Add(NodeAddressFamilyUnknown, "lab/calico/nodeAddressDetection",
                    $"NodeAddress.{v4Method} for IPv4 needs the node network's IPv4 {(v4Method == NodeAddress.Subnet ? "prefix" : "gateway")}, but network '{cluster.NodeNetwork.Name}' has the IPv6 subnet {cluster.NodeNetwork.Subnet} and the model knows one subnet per network. " +
                    "Use .DetectNodeAddress(NodeAddress.Interface): the node network's interface names carry both families.", _lab.CalicoChoice.DetectionSource);
                return null;
            }

            v4Method = NodeAddress.Interface;
        }

        var method = choice?.Value ?? (nodeNetworkV6 ? NodeAddress.Subnet : NodeAddress.Interface);
        if (method != NodeAddress.Interface && !nodeNetworkV6 && choice is { } set)
        {
            _errors.Add(NodeAddressFamilyUnknown, "lab/calico/nodeAddressDetectionV6",
                $"NodeAddress.{method} for IPv6 needs the node network's IPv6 {(method == NodeAddress.Subnet ? "prefix" : "gateway")}, but network '{cluster.NodeNetwork.Name}' has the IPv4 subnet {cluster.NodeNetwork.Subnet} and the model knows one subnet per network. " +
                "Use .DetectNodeAddressV6(NodeAddress.Interface) (the default): the node network's interface names carry both families.", set.Source);
            return null;
        }

        return calico with { AddressDetection = v4Method, AddressDetectionV6 = method };
    }

    /// <summary>
    /// GITOPS130 for the IPv6 detection by interface name: the regex of the node-network interfaces must match no
    /// other addressed device, or calico-node may take that device's IPv6 address (calico-node's interface method
    /// takes the first address of a matching interface; docs.tigera.io "Autodetection methods").
    /// </summary>
    /// <remarks>Reports GITOPS130 (NodeAddressRegexAmbiguous).</remarks>
    private void CheckNodeAddressV6Regex(Lab lab)
    {
        if (lab.Calico.AddressDetectionV6 != NodeAddress.Interface)
        {
            return;
        }

        var nodeNetwork = lab.Cluster.NodeNetwork;
        var pattern = NodeAddressPattern.For(lab.Nodes, nodeNetwork);
        var at = _lab.CalicoChoice!.DetectionV6?.Source ?? _lab.CalicoChoice.SecondV6!.Cidr.Source;
        foreach (var node in lab.Nodes)
        {
            foreach (var (device, network) in NodeAddressPattern.AddressedDevices(node).Where(d => d.Network != nodeNetwork))
            {
                if (Regex.IsMatch(device, pattern, RegexOptions.CultureInvariant))
                {
                    _errors.Add(NodeAddressRegexAmbiguous, "lab/calico/nodeAddressDetectionV6",
                        $"the IPv6 node address detection's interface regex {pattern} also matches '{device}' on node '{node.Name}', which is on network '{network.Name}', so calico-node there may take its IPv6 address as the node address. " +
                        $"Name the node network's interfaces so that no other device matches (e.g. a systemd .link per node), or give the cluster a node network whose subnet is IPv6 and use .DetectNodeAddressV6(NodeAddress.Subnet).",
                        at);
                }
            }
        }
    }
}
