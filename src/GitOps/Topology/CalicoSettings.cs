using System.Net;

namespace GitOps.Topology;

/// <summary>Values of the Tigera operator's <c>Installation</c> enums, as the CRD spells them.</summary>
public enum IpPoolEncapsulation
{
    None,
    IPIP,
    VXLAN,
    IPIPCrossSubnet,
    VXLANCrossSubnet,
}

public enum LinuxDataplane
{
    Iptables,
    Nftables,
    BPF,
}

/// <summary>How calico-node picks the node's own address.</summary>
public enum NodeAddressDetection
{
    /// <summary><c>interface: ^eth1$</c>: the node interface on the cluster's node network (derived).</summary>
    Interface,

    /// <summary><c>canReach: 192.168.3.1</c>: the address with a route to the node network's gateway (derived).</summary>
    CanReachGateway,
}

public sealed record IpPool(IPNetwork Cidr, int BlockSize, IpPoolEncapsulation Encapsulation, bool NatOutgoing);

/// <summary>Calico as the primary network, installed by the Tigera operator.</summary>
public sealed record CalicoSettings(
    IpPool Pool,
    bool Bgp,
    LinuxDataplane Dataplane,
    NodeAddressDetection AddressDetection,
    IReadOnlyDictionary<string, string> ControlPlaneNodeSelector,
    int MaxUnavailable,
    SourceLocation Source)
{
    /// <summary>K3s labels its server nodes with this (the blog's selector).</summary>
    public static IReadOnlyDictionary<string, string> DefaultControlPlaneNodeSelector { get; } =
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["node-role.kubernetes.io/master"] = "true" };

    /// <summary>BGP peering with the lab's router(s); null when the cluster peers with no router.</summary>
    public BgpPeering? Peering { get; init; }

    /// <summary>
    /// The user said the router has static routes to the pod pool (via the nodes), so pods without NAT and
    /// without BGP peering still get replies. Set by <see cref="CalicoBuilder.RouterHasStaticRoutes"/>.
    /// </summary>
    public bool RouterHasStaticRoutes { get; init; }
}
