using System.Net;

namespace GitOps.Topology;

/// <summary>Values of the Tigera operator's <c>Installation</c> enums, as the CRD spells them.</summary>
public enum IPPoolEncapsulation
{
    /// <summary>No encapsulation: pod traffic is routed natively (needs BGP or static routes on the router). The library's default.</summary>
    None,
    /// <summary>IP-in-IP between all nodes.</summary>
    IPIP,
    /// <summary>VXLAN between all nodes.</summary>
    VXLAN,
    /// <summary>IP-in-IP only between nodes in different subnets.</summary>
    IPIPCrossSubnet,
    /// <summary>VXLAN only between nodes in different subnets.</summary>
    VXLANCrossSubnet,
}

/// <summary>Calico's Linux dataplane (Installation <c>spec.calicoNetwork.linuxDataplane</c>, spelled as the tigera/operator CRD spells it).</summary>
public enum LinuxDataplane
{
    /// <summary>iptables, the library's default and the operator's (tigera/operator Installation CRD <c>linuxDataplane</c>: "Default: Iptables").</summary>
    Iptables,
    /// <summary>nftables; the Installation API has it from tigera/operator v1.36.0 = Calico v3.29.0 on, so with an older Calico release (<c>.Calico(c =&gt; c.Version(...))</c>) it is GITOPS155.</summary>
    Nftables,
    /// <summary>eBPF.</summary>
    BPF,
}

/// <summary>
/// How calico-node picks the node's own address (Installation <c>spec.calicoNetwork.nodeAddressAutodetectionV4</c>;
/// methods: docs.tigera.io/calico/latest/networking/ipam/ip-autodetection, "Autodetection methods").
/// </summary>
public enum NodeAddress
{
    /// <summary>
    /// <c>interface: ^eth1$</c>: a regex over the names of the nodes' interfaces on the node network (derived).
    /// A name that is another network's interface on some node is GITOPS130.
    /// </summary>
    Interface,

    /// <summary><c>canReach: 192.168.3.1</c>: the address with a route to the node network's gateway (derived).</summary>
    Gateway,

    /// <summary>
    /// <c>cidrs: [192.168.3.0/24]</c>: the node's address inside the node network's subnet, whatever the interface is
    /// called on each node (the default; tigera/operator Installation CRD: "addresses on the nodes are within one of
    /// the provided CIDRs").
    /// </summary>
    Subnet,
}

/// <summary>A Calico IP pool pods get addresses from (one entry of Installation <c>spec.calicoNetwork.ipPools</c>).</summary>
internal sealed record IPPool
{
    internal IPPool(IPNetwork Cidr, int BlockSize, IPPoolEncapsulation Encapsulation, bool NatOutgoing)
    {
        this.Cidr = Cidr;
        this.BlockSize = BlockSize;
        this.Encapsulation = Encapsulation;
        this.NatOutgoing = NatOutgoing;
    }

    /// <summary>The pool's CIDR (<c>cidr</c>), with no host bits set (GITOPS115) and overlapping no lab network or the service CIDR (GITOPS107). Required (GITOPS113).</summary>
    public IPNetwork Cidr { get; internal init; }

    /// <summary>Prefix length of the blocks Calico hands each node (<c>blockSize</c>), in bits; at least the pool's prefix, 20–32 for IPv4 and 116–128 for IPv6 (GITOPS108; tigera/operator pkg/controller/ippool/validation.go, ValidatePools). Default the operator's: 26 for IPv4, 122 for IPv6 (pkg/controller/ippool/defaults.go).</summary>
    public int BlockSize { get; internal init; }

    /// <summary>Encapsulation between nodes (<c>encapsulation</c>). Default <see cref="IPPoolEncapsulation.None"/>, the library's choice (the lab routes pods natively).</summary>
    public IPPoolEncapsulation Encapsulation { get; internal init; }

    /// <summary>Whether pods' traffic to outside the pool is NATed to the node address (<c>natOutgoing: Enabled</c>/<c>Disabled</c>). Default false, the library's choice; off with no BGP peering needs <see cref="CalicoSettings.RouterHasStaticRoutes"/> (GITOPS163).</summary>
    public bool NatOutgoing { get; internal init; }
}


/// <summary>Calico as the primary network, installed by the Tigera operator.</summary>
internal sealed record CalicoSettings
{
    internal CalicoSettings(IReadOnlyList<IPPool> Pools, bool Bgp, LinuxDataplane Dataplane, NodeAddress AddressDetection, IReadOnlyDictionary<string, string> ControlPlaneNodeSelector, int MaxUnavailable, SourceLocation Source)
    {
        this.Pools = Pools;
        this.Bgp = Bgp;
        this.Dataplane = Dataplane;
        this.AddressDetection = AddressDetection;
        this.ControlPlaneNodeSelector = ControlPlaneNodeSelector;
        this.MaxUnavailable = MaxUnavailable;
        this.Source = Source;
    }

    /// <summary>
    /// The pod address pools in the order declared: one (single stack) or an IPv4 and an IPv6 one (dual stack; a second
    /// pool of one family is GITOPS190). The first is the primary family's; K3s's <c>cluster-cidr</c> lists them in this
    /// order. At least one is required (GITOPS113).
    /// </summary>
    public IReadOnlyList<IPPool> Pools { get; internal init; }

    /// <summary>The primary family's pool, <c>Pools[0]</c>: the one BGP peering and the router's FRR configuration carry (IPv4 only, GITOPS166).</summary>
    public IPPool Pool => Pools[0];

    /// <summary>Whether the lab has an IPv4 and an IPv6 pool.</summary>
    public bool DualStack => Pools.Count == 2;

    /// <summary>
    /// Whether Calico runs BGP (Installation <c>calicoNetwork.bgp: Enabled</c>/<c>Disabled</c>). Default true, except
    /// false for a VXLAN pool that peers with no router (Felix programs VXLAN routes; nothing else speaks BGP). An
    /// unencapsulated or IPIP pool needs it (GITOPS167: the operator's BIRD cluster routing mode programs their routes).
    /// </summary>
    public bool Bgp { get; internal init; }

    /// <summary>The Linux dataplane. Default <see cref="LinuxDataplane.Iptables"/>.</summary>
    public LinuxDataplane Dataplane { get; internal init; }

    /// <summary>How calico-node picks each node's address (Installation <c>nodeAddressAutodetectionV4</c>). Default <see cref="NodeAddress.Subnet"/>; in a dual-stack lab whose node network's subnet is IPv6, <see cref="NodeAddress.Interface"/> (GITOPS193 for another choice there).</summary>
    public NodeAddress AddressDetection { get; internal init; }

    /// <summary>
    /// How calico-node picks each node's IPv6 address (Installation <c>nodeAddressAutodetectionV6</c>), set for a
    /// dual-stack lab only (null otherwise). Default <see cref="NodeAddress.Subnet"/> when the node network's subnet is
    /// IPv6, else <see cref="NodeAddress.Interface"/> (see <see cref="CalicoBuilder.DetectNodeAddressV6"/>).
    /// </summary>
    public NodeAddress? AddressDetectionV6 { get; internal init; }

    /// <summary>Node labels the operator's control-plane components are pinned to (Installation <c>controlPlaneNodeSelector</c>), label → value. Default <see cref="DefaultControlPlaneNodeSelector"/>.</summary>
    public IReadOnlyDictionary<string, string> ControlPlaneNodeSelector { get; internal init; }

    /// <summary>How many nodes calico-node updates at once (Installation <c>nodeUpdateStrategy.rollingUpdate.maxUnavailable</c>), a count of nodes, 1 or more (GITOPS121). Default 1.</summary>
    public int MaxUnavailable { get; internal init; }

    /// <summary>Where in the user's C# this was declared (file and line), so errors about it point there.</summary>
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
