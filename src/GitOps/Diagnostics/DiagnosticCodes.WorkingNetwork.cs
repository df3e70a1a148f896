namespace GitOps.Diagnostics;

/// <summary>
/// Rules that keep a model that builds from writing a network that does not work (issue 14): node address
/// detection, VLAN sub-interfaces, where pods may land, and addresses two pods could share.
/// GITOPS130–149 are model rules; GITOPS413–419 concern the nodes' systemd-networkd files.
/// </summary>
public static partial class DiagnosticCodes
{
    /// <summary>The node-address regex (<c>.DetectNodeAddress(NodeAddress.Interface)</c>) also matches an interface or bridge of some node that is not on the node network.</summary>
    public const string NodeAddressRegexAmbiguous = "GITOPS130";

    /// <summary>A VLAN sub-interface <c>parent.N</c> is on a network whose VLAN ID is not N (or that is untagged).</summary>
    public const string VlanInterfaceIdMismatch = "GITOPS131";

    /// <summary>A workload's attachments need bridges that no single node has together, so its pod can run nowhere.</summary>
    public const string WorkloadHasNoNode = "GITOPS132";

    /// <summary>A host-local attachment's bridge is on more than one node: each node hands out the same range on one LAN.</summary>
    public const string HostLocalRangeOnSeveralNodes = "GITOPS133";

    /// <summary>A fixed pod address is the network's gateway (the router's address).</summary>
    public const string AddressIsGateway = "GITOPS134";

    /// <summary>Two networks have the same 802.1Q VLAN ID.</summary>
    public const string VlanIdDuplicate = "GITOPS135";

    /// <summary>A workload attaches the same attachment twice (the annotation would list it twice).</summary>
    public const string AttachmentAttachedTwice = "GITOPS136";

    /// <summary>Two pods could be given one address: one static address in two workloads or attachments, a static address inside a host-local range, or overlapping host-local ranges on one network.</summary>
    public const string PodAddressShared = "GITOPS137";

    /// <summary>A VLAN sub-interface's network has a larger MTU than the network of the device it is tagged on.</summary>
    public const string VlanMtuAboveParent = "GITOPS138";

    /// <summary>A node has more than one device addressed on the node network, so "the node's address" is ambiguous.</summary>
    public const string NodeNetworkAddressAmbiguous = "GITOPS140";

    /// <summary>The cluster's node network is pods-only (<c>HostAddressing(Addressing.None)</c>), so the nodes would have no address for K3s and Calico.</summary>
    public const string NodeNetworkPodsOnly = "GITOPS142";

    /// <summary>
    /// Calico's pod MTU (<c>.Mtu(...)</c>) is above the node network's MTU minus the pool's encapsulation overhead
    /// (IPIP 20, VXLAN 50 / 70 for IPv6: projectcalico/calico felix/dataplane/linux/int_dataplane.go), so encapsulated
    /// pod packets of full size do not fit the node network.
    /// </summary>
    public const string CalicoMtuAboveNodeNetwork = "GITOPS143";

    /// <summary>
    /// A CNI dir of the cluster is one of K3s's own agent dirs (<c>/var/lib/rancher/k3s/agent/etc/cni/net.d</c>, the
    /// bundled plugins in <c>/var/lib/rancher/k3s/data/…/bin</c>); K3s points containerd there only while flannel runs,
    /// and the lab runs K3s with flannel off, so nothing reads the files written there.
    /// </summary>
    public const string K3sAgentCniDirWithoutFlannel = "GITOPS144";

    /// <summary>A node's bridge has uplinks on two networks, which joins them into one layer-2 segment (found by the random-lab property test).</summary>
    public const string BridgeJoinsNetworks = "GITOPS141";

    /// <summary>Host files: a VLAN sub-interface's parent is neither an interface nor a bridge of that node, so nothing creates the VLAN.</summary>
    public const string HostVlanParentMissing = "GITOPS413";
}
