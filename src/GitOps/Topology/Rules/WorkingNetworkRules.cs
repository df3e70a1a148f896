using System.Net;
using System.Text.RegularExpressions;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// Rules on the assembled lab that keep a model that builds from writing a network that does not work
/// (issue 14): the node address Calico detects, VLAN sub-interfaces, the nodes a pod can land on, and
/// addresses two pods could be given.
/// </summary>
internal sealed partial class LabAssembler
{
    private void CheckWorkingNetwork(Lab lab)
    {
        CheckVlanIds(lab);
        CheckVlanSubInterfaces(lab);
        CheckBridgeNetworks(lab);
        CheckNodeAddress(lab);
        CheckNodeAddressV6Regex(lab);
        CheckAttachedOnce();
        CheckPlacement(lab);
        CheckPodAddresses(lab);
    }

    /// <summary>Two networks with one VLAN ID are one broadcast domain on the switch: their subnets would share an L2.</summary>
    /// <remarks>Reports GITOPS135 (VlanIdDuplicate).</remarks>
    private void CheckVlanIds(Lab lab)
    {
        var seen = new Dictionary<int, Network>();
        foreach (var network in lab.Networks.Where(n => n.VlanId is not null))
        {
            if (!seen.TryAdd(network.VlanId!.Value, network))
            {
                var first = seen[network.VlanId.Value];
                _errors.Add(VlanIdDuplicate, $"lab/networks/{network.Name}/vlan",
                    $"VLAN ID {network.VlanId} is also the VLAN of network '{first.Name}'; two subnets on one VLAN share one broadcast domain and each network's DHCP answers the other's hosts. " +
                    $"Give '{network.Name}' its own VLAN ID (the one its switch port tags), or declare it once.",
                    BuilderOf(network).VlanId!.Value.Source);
            }
        }
    }

    /// <summary>
    /// <c>parent.N</c> interfaces: N is the network's VLAN ID, the parent is an interface (a bridge port too) or
    /// a bridge of the node, the VLAN's MTU fits the parent's; with host files the parent must exist to carry VLAN=.
    /// </summary>
    /// <remarks>Reports GITOPS131 (VlanInterfaceIdMismatch), GITOPS413 (HostVlanParentMissing), GITOPS138 (VlanMtuAboveParent).</remarks>
    private void CheckVlanSubInterfaces(Lab lab)
    {
        foreach (var node in lab.Nodes)
        {
            foreach (var nic in node.Interfaces)
            {
                if (!VlanSubInterface.TryParse(nic.Name, out var parent, out var id))
                {
                    continue;
                }

                var path = $"lab/nodes/{node.Name}/interfaces/{nic.Name}";
                if (nic.Network.VlanId != id)
                {
                    var fix = nic.Network.VlanId is { } tag
                        ? $"network '{nic.Network.Name}' is VLAN {tag}: name the interface {parent}.{tag}, or put it on the network with .Vlan({id})"
                        : $"network '{nic.Network.Name}' is untagged: give it .Vlan({id}) if the switch tags it, or use the untagged interface '{parent}' itself";
                    _errors.Add(VlanInterfaceIdMismatch, $"{path}/network",
                        $"'{nic.Name}' is a VLAN sub-interface with VLAN ID {id}, but {fix}.", nic.Source);
                }

                // A VLAN on a bridge port is fine (GITOPS139 is retired): Linux hands a tagged frame to the port's VLAN
                // device before the bridge's rx_handler sees it (net/core/dev.c, __netif_receive_skb_core: the
                // skb_vlan_tag_present/vlan_do_receive block, then "goto another_round" with skb->dev = the VLAN
                // device, comes before rx_handler = skb->dev->rx_handler; net/8021q/vlan_core.c vlan_do_receive). Read
                // in the source only: this CI kernel has no 8021q, so no test can create the VLAN device.
                var parentNic = node.Interfaces.FirstOrDefault(i => i.Name == parent);
                var bridgeUplink = node.Interfaces.FirstOrDefault(i => i.Bridge == parent);
                var parentNetwork = parentNic?.Network ?? bridgeUplink?.Network;
                if (parentNetwork is null)
                {
                    if (lab.GitOps?.HostFiles == true)
                    {
                        _errors.Add(HostVlanParentMissing, path,
                            $"'{nic.Name}' is tagged on '{parent}', which is neither an interface nor a bridge of node '{node.Name}', so the host files have no .network to write VLAN={nic.Name} into and the VLAN is never created. " +
                            // Suggested parents: the node's bridges and its interfaces that are no bridge's port (a VLAN on a port gets nothing).
                            NameSuggestion.Fix(parent, node.Interfaces.Where(i => i.Bridge is null).Select(i => i.Name).Concat(node.Interfaces.Where(i => i.Bridge is not null).Select(i => i.Bridge!)),
                                $"Declare the parent with .Interface(\"{parent}\", \"<its untagged network>\")."), nic.Source);
                    }

                    continue;
                }

                if (nic.Network.EffectiveMtu > parentNetwork.EffectiveMtu)
                {
                    _errors.Add(VlanMtuAboveParent, path,
                        $"'{nic.Name}' is on network '{nic.Network.Name}' with MTU {nic.Network.EffectiveMtu}, above the MTU {parentNetwork.EffectiveMtu} of '{parent}' (network '{parentNetwork.Name}') it is tagged on; " +
                        $"the kernel refuses a VLAN larger than its parent. Give network '{parentNetwork.Name}' .Mtu({nic.Network.EffectiveMtu}) or network '{nic.Network.Name}' .Mtu({parentNetwork.EffectiveMtu}).", nic.Source);
                }
            }
        }
    }

    /// <summary>A bridge forwards between all its ports: uplinks on two networks make them one segment (two DHCP servers, one broadcast domain).</summary>
    /// <remarks>Reports GITOPS141 (BridgeJoinsNetworks).</remarks>
    private void CheckBridgeNetworks(Lab lab)
    {
        foreach (var node in lab.Nodes)
        {
            foreach (var bridge in node.Interfaces.Where(i => i.Bridge is not null).GroupBy(i => i.Bridge!, StringComparer.Ordinal))
            {
                var first = bridge.First();
                foreach (var other in bridge.Where(i => i.Network != first.Network))
                {
                    _errors.Add(BridgeJoinsNetworks, $"lab/nodes/{node.Name}/interfaces/{other.Name}/bridge",
                        $"bridge '{bridge.Key}' on node '{node.Name}' has uplink '{first.Name}' on network '{first.Network.Name}' and '{other.Name}' on network '{other.Network.Name}'; " +
                        $"a bridge forwards between its ports, so the two networks become one segment. Give '{other.Name}' its own bridge, e.g. .Bridge(\"br-{other.Network.Name}\").",
                        other.Source);
                }
            }
        }
    }

    /// <summary>
    /// One address per node on the node network, and the <c>interface</c> regex (when chosen) matches only it: on a node
    /// where it also matches another network's device calico-node may take that address (first match wins).
    /// </summary>
    /// <remarks>Reports GITOPS142 (NodeNetworkPodsOnly), GITOPS140 (NodeNetworkAddressAmbiguous), GITOPS130 (NodeAddressRegexAmbiguous).</remarks>
    private void CheckNodeAddress(Lab lab)
    {
        var nodeNetwork = lab.Cluster.NodeNetwork;
        if (nodeNetwork.Addressing == Addressing.None)
        {
            _errors.Add(NodeNetworkPodsOnly, $"lab/networks/{nodeNetwork.Name}/hostAddressing",
                $"'{nodeNetwork.Name}' is the cluster's node network, where K3s and Calico take each node's address, but .HostAddressing(Addressing.None) gives the nodes no address on it. " +
                $"Use .HostAddressing(Addressing.Dhcp) on '{nodeNetwork.Name}', or make another network the node network with .NodeNetwork(\"…\").", nodeNetwork.Source);
            return;
        }

        foreach (var node in lab.Nodes)
        {
            var onNodeNetwork = NodeAddressPattern.AddressedDevices(node).Where(d => d.Network == nodeNetwork).Select(d => d.Device).ToArray();
            if (onNodeNetwork.Length > 1)
            {
                _errors.Add(NodeNetworkAddressAmbiguous, $"lab/nodes/{node.Name}/interfaces",
                    $"node '{node.Name}' has {string.Join(" and ", onNodeNetwork.Select(d => $"'{d}'"))} addressed on the node network '{nodeNetwork.Name}', so Calico and K3s may each pick a different node address; " +
                    $"keep one device on '{nodeNetwork.Name}' per node (a bridge there takes the address of its uplink).", node.Source);
            }
        }

        if (lab.Calico.AddressDetection != NodeAddress.Interface)
        {
            return;
        }

        var pattern = NodeAddressPattern.For(lab.Nodes, nodeNetwork);
        foreach (var node in lab.Nodes)
        {
            foreach (var (device, network) in NodeAddressPattern.AddressedDevices(node).Where(d => d.Network != nodeNetwork))
            {
                if (Regex.IsMatch(device, pattern, RegexOptions.CultureInvariant))
                {
                    _errors.Add(NodeAddressRegexAmbiguous, "lab/calico/nodeAddressDetection",
                        $"the interface regex {pattern} also matches '{device}' on node '{node.Name}', which is on network '{network.Name}', so calico-node there may take its '{network.Name}' address as the node address. " +
                        $"Remove .DetectNodeAddress(NodeAddress.Interface): the default detects by the node network's subnet ({nodeNetwork.Subnet}) whatever the interfaces are called.",
                        _lab.CalicoChoice!.DetectionSource == default ? _lab.CalicoChoice.SecondV6?.Cidr.Source ?? _lab.CalicoChoice.Source : _lab.CalicoChoice.DetectionSource);
                }
            }
        }
    }

    /// <summary>
    /// An attachment named twice in one workload: Multus would add two interfaces on one bridge, both asking for the
    /// attachment's address. With route-fix on it, GITOPS127 (the route clash) already reports the same call.
    /// </summary>
    /// <remarks>Reports GITOPS136 (AttachmentAttachedTwice).</remarks>
    private void CheckAttachedOnce()
    {
        foreach (var w in _lab.Workloads)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var reference in w.Attachments.Where(r => !seen.Add(r.Value) &&
                         _lab.Attachments.FirstOrDefault(a => a.QualifiedName == r.Value) is { RouteFixChoice: null }))
            {
                _errors.Add(AttachmentAttachedTwice, $"lab/workloads/{w.QualifiedName}/attachments",
                    $"'{reference.Value}' is attached twice; the pod would get two interfaces (net1, net2) on one bridge, both asking for one address. Remove the second .Attach(\"{reference.Value}\").",
                    reference.Source);
            }
        }
    }

    /// <summary>A pod runs only on nodes with every bridge it plugs into (the emitter restricts it there); none is an error.</summary>
    /// <remarks>Reports GITOPS132 (WorkloadHasNoNode).</remarks>
    private void CheckPlacement(Lab lab)
    {
        foreach (var workload in lab.Workloads.Where(w => WorkloadPlacement.NodesFor(lab, w).Count == 0))
        {
            var needs = string.Join(", ", workload.Attachments.Select(a =>
                $"'{a.Bridge ?? a.Master}' on '{a.Network.Name}' ({string.Join(", ", lab.Nodes.Where(n => WorkloadPlacement.HasBridge(n, a)).Select(n => n.Name))})"));
            _errors.Add(WorkloadHasNoNode, $"lab/workloads/{workload.Namespace}/{workload.Name}/attachments",
                $"no node has every bridge the workload's attachments need ({needs}), so its pod can run nowhere; give one node all of these bridges, or attach fewer.",
                workload.Source);
        }
    }

    /// <summary>
    /// No two pods can be given one address: host-local on one node only, static addresses used once and outside
    /// every host-local range, ranges disjoint, and never the router's address.
    /// </summary>
    /// <remarks>Reports GITOPS134 (AddressIsGateway), GITOPS137 (PodAddressShared), GITOPS133 (HostLocalRangeOnSeveralNodes).</remarks>
    private void CheckPodAddresses(Lab lab)
    {
        var users = lab.Attachments.ToDictionary(a => a, a => lab.Workloads.Where(w => w.Attachments.Contains(a)).ToArray());
        var sources = _lab.Attachments.GroupBy(b => b.QualifiedName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().IpamChoice?.Source ?? g.First().Source, StringComparer.Ordinal);
        var ranges = new List<(Attachment Attachment, IPAddress First, IPAddress Last)>();
        var statics = new List<(Attachment Attachment, IPAddress Address)>();
        var pools = new List<(Attachment Attachment, WhereaboutsIpamOptions Options)>();
        foreach (var a in lab.Attachments)
        {
            var path = $"lab/attachments/{a.QualifiedName}/ipam";
            var source = sources[a.QualifiedName];
            switch (a.Ipam)
            {
                case StaticIpamOptions s:
                    if (s.Address.Equals(a.Network.Gateway))
                    {
                        _errors.Add(AddressIsGateway, $"{path}/address",
                            $"{s.Address}/{s.PrefixLength} is the gateway of network '{a.Network.Name}' (the router); the pod would answer for it and cut the LAN off. Pick a free host address such as {FreeHost(a.Network)}/{a.Network.Subnet.PrefixLength}.", source);
                    }

                    if (users[a].Length > 1)
                    {
                        _errors.Add(PodAddressShared, $"{path}/address",
                            $"{s.Address} is the one address of '{a.QualifiedName}', and {string.Join(" and ", users[a].Select(w => $"'{w.Namespace}/{w.Name}'"))} both attach it, so two pods get it. " +
                            "Declare one static attachment per workload, or use .Dhcp(...).", source);
                    }

                    foreach (var other in statics.Where(o => o.Address.Equals(s.Address) && o.Attachment.Network == a.Network))
                    {
                        _errors.Add(PodAddressShared, $"{path}/address",
                            $"{s.Address} is also the address of '{other.Attachment.QualifiedName}' on network '{a.Network.Name}'; two pods would answer for one address. Give each static attachment its own address.", source);
                    }

                    statics.Add((a, s.Address));
                    break;
                case HostLocalIpamOptions h:
                    var nodes = lab.Nodes.Where(n => WorkloadPlacement.HasBridge(n, a)).Select(n => n.Name).ToArray();
                    if (nodes.Length > 1)
                    {
                        _errors.Add(HostLocalRangeOnSeveralNodes, $"{path}/range",
                            $"host-local hands out {h.RangeStart}-{h.RangeEnd} on each of the nodes with {(a.Bridge is { } b ? $"bridge '{b}'" : $"interface '{a.Master}'")} ({string.Join(", ", nodes)}) independently, but they share network '{a.Network.Name}', so pods on two nodes get the same address. " +
                            "Use .Dhcp(d => d.ProvidePodName()) (the LAN's DHCP server keeps leases unique), a .StaticAddress(...) per workload, or keep the bridge on one node.", source);
                    }

                    if (Within(a.Network.Gateway, h.RangeStart, h.RangeEnd))
                    {
                        _errors.Add(AddressIsGateway, $"{path}/range",
                            $"the range {h.RangeStart}-{h.RangeEnd} contains {a.Network.Gateway}, the gateway of network '{a.Network.Name}'; host-local would give a pod the router's address. Start or end the range so it leaves {a.Network.Gateway} out.", source);
                    }

                    foreach (var other in ranges.Where(r => r.Attachment.Network == a.Network && Compare(r.First, h.RangeEnd) <= 0 && Compare(h.RangeStart, r.Last) <= 0))
                    {
                        _errors.Add(PodAddressShared, $"{path}/range",
                            $"the range {h.RangeStart}-{h.RangeEnd} overlaps {other.First}-{other.Last} of '{other.Attachment.QualifiedName}' on network '{a.Network.Name}'; each allocates without knowing the other. Give the attachments disjoint ranges.", source);
                    }

                    ranges.Add((a, h.RangeStart, h.RangeEnd));
                    break;
                case WhereaboutsIpamOptions w:
                    CheckWhereaboutsAgainstOthers(a, w, path, source, pools);
                    pools.Add((a, w));
                    break;
            }
        }

        CheckWhereaboutsAgainstHostLocalAndStatic(pools, ranges, statics, sources);

        foreach (var (attachment, address) in statics)
        {
            foreach (var range in ranges.Where(r => r.Attachment.Network == attachment.Network && Within(address, r.First, r.Last)))
            {
                _errors.Add(PodAddressShared, $"lab/attachments/{attachment.QualifiedName}/ipam/address",
                    $"{address} is inside the host-local range {range.First}-{range.Last} of '{range.Attachment.QualifiedName}' on network '{attachment.Network.Name}', which may hand it to another pod. Pick an address outside the range.",
                    sources[attachment.QualifiedName]);
            }
        }
    }

    private static bool Within(IPAddress address, IPAddress first, IPAddress last) =>
        address.AddressFamily == first.AddressFamily && Compare(first, address) <= 0 && Compare(address, last) <= 0;

    /// <summary>The second host of the subnet, or the first when the gateway is the second.</summary>
    private static IPAddress FreeHost(Network network)
    {
        var candidate = IpMath.Offset(network.Subnet.BaseAddress, 2);
        return candidate.Equals(network.Gateway) ? IpMath.Offset(network.Subnet.BaseAddress, 1) : candidate;
    }

    private NetworkBuilder BuilderOf(Network network) => _lab.Networks.First(b => b.Name == network.Name);

    /// <summary>
    /// The device whose MAC an interface carries: a VLAN sub-interface inherits its parent's (systemd.netdev(5),
    /// MACAddress=: "vlan device inherits the MAC address of the master interface"), a bridge its uplink's (the host files set it).
    /// </summary>
    private static string MacOwner(Node node, NodeInterface nic, int depth = 0)
    {
        if (depth > 8 || !VlanSubInterface.TryParse(nic.Name, out var parent, out _))
        {
            return nic.Name;
        }

        var next = node.Interfaces.FirstOrDefault(i => i.Name == parent) ?? node.Interfaces.FirstOrDefault(i => i.Bridge == parent);
        return next is null ? nic.Name : MacOwner(node, next, depth + 1);
    }
}
