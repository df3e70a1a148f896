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

/// <summary>
/// How calico-node picks the node's own address (Installation <c>spec.calicoNetwork.nodeAddressAutodetectionV4</c>;
/// methods: docs.tigera.io/calico/latest/networking/ipam/ip-autodetection, "Autodetection methods").
/// </summary>
public enum NodeAddressDetection
{
    /// <summary>
    /// <c>interface: ^eth1$</c>: a regex over the names of the nodes' interfaces on the node network (derived).
    /// A name that is another network's interface on some node is GITOPS130.
    /// </summary>
    Interface,

    /// <summary><c>canReach: 192.168.3.1</c>: the address with a route to the node network's gateway (derived).</summary>
    CanReachGateway,

    /// <summary>
    /// <c>cidrs: [192.168.3.0/24]</c>: the node's address inside the node network's subnet, whatever the interface is
    /// called on each node (the default; tigera/operator Installation CRD: "addresses on the nodes are within one of
    /// the provided CIDRs").
    /// </summary>
    Cidrs,
}

public sealed record IpPool
{
    internal IpPool(IPNetwork Cidr, int BlockSize, IpPoolEncapsulation Encapsulation, bool NatOutgoing)
    {
        this.Cidr = Cidr;
        this.BlockSize = BlockSize;
        this.Encapsulation = Encapsulation;
        this.NatOutgoing = NatOutgoing;
    }

    public IPNetwork Cidr { get; internal init; }

    public int BlockSize { get; internal init; }

    public IpPoolEncapsulation Encapsulation { get; internal init; }

    public bool NatOutgoing { get; internal init; }
}


/// <summary>Calico as the primary network, installed by the Tigera operator.</summary>
public sealed record CalicoSettings
{
    internal CalicoSettings(IpPool Pool, bool Bgp, LinuxDataplane Dataplane, NodeAddressDetection AddressDetection, IReadOnlyDictionary<string, string> ControlPlaneNodeSelector, int MaxUnavailable, SourceLocation Source)
    {
        this.Pool = Pool;
        this.Bgp = Bgp;
        this.Dataplane = Dataplane;
        this.AddressDetection = AddressDetection;
        this.ControlPlaneNodeSelector = ControlPlaneNodeSelector;
        this.MaxUnavailable = MaxUnavailable;
        this.Source = Source;
    }

    public IpPool Pool { get; internal init; }

    public bool Bgp { get; internal init; }

    public LinuxDataplane Dataplane { get; internal init; }

    public NodeAddressDetection AddressDetection { get; internal init; }

    public IReadOnlyDictionary<string, string> ControlPlaneNodeSelector { get; internal init; }

    public int MaxUnavailable { get; internal init; }

    public SourceLocation Source { get; internal init; }

    /// <summary>
    /// The Calico release the Tigera operator installs (default <see cref="CalicoVersion.Default"/>). It decides
    /// which CNI plugins exist in the node's CNI bin dir, so the Multus delegate is derived from it.
    /// </summary>
    public CalicoVersion Version { get; internal init; } = CalicoVersion.Default;

    /// <summary>
    /// The pod interfaces' MTU in bytes (Installation <c>calicoNetwork.mtu</c>, calico CNI <c>mtu</c>); null lets
    /// Calico detect it from the node interface (the conflist then says 0). Range 68–9216.
    /// </summary>
    public int? Mtu { get; internal init; }

    /// <summary>
    /// Whether pods may forward IP packets (Installation <c>calicoNetwork.containerIPForwarding</c>, calico CNI
    /// <c>container_settings.allow_ip_forwarding</c>). Default false, the operator's default.
    /// </summary>
    public bool ContainerIpForwarding { get; internal init; }

    /// <summary>K3s labels its server nodes with this (the blog's selector).</summary>
    public static IReadOnlyDictionary<string, string> DefaultControlPlaneNodeSelector { get; } =
        ReadOnly.Copy([new("node-role.kubernetes.io/master", "true")]);

    /// <summary>BGP peering with the lab's router(s); null when the cluster peers with no router.</summary>
    public BgpPeering? Peering { get; internal init; }

    /// <summary>
    /// The user said the router has static routes to the pod pool (via the nodes), so pods without NAT and
    /// without BGP peering still get replies. Set by <see cref="CalicoBuilder.RouterHasStaticRoutes"/>.
    /// </summary>
    public bool RouterHasStaticRoutes { get; internal init; }
}
