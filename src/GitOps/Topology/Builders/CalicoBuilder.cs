using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>
/// Describes Calico. Defaults are the blog's: BGP on (off for a VXLAN pool with no router to peer with), no
/// encapsulation, no NAT, iptables, block size 26, node address by the node network's subnet (Calico's <c>cidrs</c> method).
/// </summary>
public sealed class CalicoBuilder
{
    private readonly SortedDictionary<string, string> _selector = new(CalicoSettings.DefaultControlPlaneNodeSelector.ToDictionary(), StringComparer.Ordinal);

    internal CalicoBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
    internal PoolChoice? Primary { get; private set; }
    internal PoolChoice? SecondV6 { get; private set; }

    /// <summary>The pools in the order K3s lists them: <see cref="IPPool"/>'s, then <see cref="IPv6Pool"/>'s.</summary>
    internal IReadOnlyList<PoolChoice> Pools => new[] { Primary, SecondV6 }.OfType<PoolChoice>().ToArray();

    /// <summary>The primary pool's CIDR, where single-pool rules report.</summary>
    internal Located<string>? PoolCidr => Primary?.Cidr;
    internal IPPoolEncapsulation Encapsulation { get; private set; } = IPPoolEncapsulation.None;
    internal bool NatOutgoing { get; private set; }
    /// <summary>What the user chose (<c>Bgp(bool)</c>, or <c>Bgp(b =&gt; ...)</c> = true); null derives it (<see cref="CalicoSettings.Bgp"/>).</summary>
    internal bool? BgpChoice { get; private set; }
    internal Topology.LinuxDataplane Dataplane { get; private set; } = Topology.LinuxDataplane.Iptables;
    internal NodeAddress Detection { get; private set; } = NodeAddress.Subnet;
    internal SourceLocation DetectionSource { get; private set; }
    internal Located<NodeAddress>? DetectionV6 { get; private set; }
    internal Located<int> RollingMaxUnavailable { get; private set; } = new(1, default);
    internal IReadOnlyDictionary<string, string> ControlPlaneSelector => _selector;
    internal SourceLocation ControlPlaneSelectorSource { get; private set; }
    internal BgpBuilder? Peering { get; private set; }
    internal Located<bool> StaticRoutes { get; private set; } = new(false, default);
    internal Located<string>? VersionText { get; private set; }
    internal Located<int>? MtuValue { get; private set; }
    internal bool IpForwarding { get; private set; }

    /// <summary>
    /// The Calico release the Tigera operator installs, as typed value: <c>CalicoVersion.V3_32_1</c> or
    /// <c>new CalicoVersion(3, 30, 3)</c> (default <see cref="CalicoVersion.Default"/>; oldest accepted
    /// <see cref="CalicoVersion.Oldest"/>, else GITOPS152). The Multus delegate's plugin chain and the tigera-operator
    /// chart version are derived from it (no <c>bandwidth</c> plugin from v3.30.0 on).
    /// </summary>
    public CalicoBuilder Version(CalicoVersion version, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        VersionTag(version.ToString(), file, line);

    /// <summary>
    /// The Calico release as projectcalico/calico tags it: <c>"v3.32.1"</c> (<c>v</c>MAJOR.MINOR.PATCH). Same rules as
    /// <see cref="Version(CalicoVersion, string, int)"/>; text that is not such a tag, or a release older than
    /// <see cref="CalicoVersion.Oldest"/>, is GITOPS152.
    /// </summary>
    public CalicoBuilder VersionTag(string tag, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        VersionText = new(tag, new(file, line));
        return this;
    }

    /// <summary>
    /// The pod interfaces' MTU in bytes, 68–9216 (GITOPS105); written to the Installation and to the Multus
    /// delegate's calico plugin from this one value. Default: Calico detects it (conflist <c>mtu: 0</c>).
    /// </summary>
    public CalicoBuilder Mtu(int bytes, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        MtuValue = new(bytes, new(file, line));
        return this;
    }

    /// <summary>Lets pods forward IP packets (Installation <c>containerIPForwarding: Enabled</c>, calico CNI <c>allow_ip_forwarding: true</c>).</summary>
    public CalicoBuilder ContainerIpForwarding(bool enabled = true)
    {
        IpForwarding = enabled;
        return this;
    }

    /// <summary>
    /// The pod address pool (Installation <c>calicoNetwork.ipPools[0]</c>), IPv4 or IPv6, and the prefix length, in bits,
    /// of the blocks Calico hands to each node: 20–32 for IPv4, 116–128 for IPv6, not larger than the pool (GITOPS108;
    /// tigera/operator pkg/controller/ippool/validation.go, ValidatePools). Its family is the cluster's (primary) one. A
    /// second call replaces the first; for dual stack add <see cref="IPv6Pool"/>.
    /// </summary>
    public CalicoBuilder IPPool(string cidr, int blockSize = 26, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Primary = new PoolChoice(new(cidr, new(file, line)), blockSize);
        return this;
    }

    /// <summary>
    /// Makes the cluster dual stack: an IPv6 pool beside the IPv4 <see cref="IPPool"/>,
    /// <c>.IPPool("10.42.0.0/16").IPv6Pool("fd00:42::/56")</c>. Both go into the Installation's <c>ipPools</c>, K3s's
    /// <c>cluster-cidr</c> lists them IPv4 first (IPv4 is the primary family), the Calico CNI assigns both
    /// (<c>assign_ipv4</c>/<c>assign_ipv6</c>). <paramref name="blockSize"/> is 116–128 (GITOPS108), default 122, the
    /// operator's IPv6 default (pkg/controller/ippool/defaults.go). An IPv4 CIDR here, or an IPv6 <see cref="IPPool"/>
    /// beside it, is GITOPS190 (two pools of one family); IPIP encapsulation is GITOPS192. Encapsulation and NAT apply to
    /// both pools. A second call replaces the first. docs/dual-stack.md.
    /// </summary>
    public CalicoBuilder IPv6Pool(string cidr, int blockSize = 122, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        SecondV6 = new PoolChoice(new(cidr, new(file, line)), blockSize);
        return this;
    }

    /// <summary>
    /// The IP pool's encapsulation (IPPool <c>encapsulation</c>): <see cref="IPPoolEncapsulation.None"/> (default; pod
    /// addresses routed natively, by BGP or static routes), IPIP, VXLAN or their CrossSubnet variants.
    /// </summary>
    public CalicoBuilder Encapsulate(IPPoolEncapsulation encapsulation)
    {
        Encapsulation = encapsulation;
        return this;
    }

    /// <summary>
    /// SNAT pod traffic leaving the pool to the node's address (IPPool <c>natOutgoing</c>); default off. Off, the
    /// router must reach the pool by BGP peering or static routes (GITOPS163 otherwise).
    /// </summary>
    public CalicoBuilder NatOutgoingTraffic(bool enabled = true)
    {
        NatOutgoing = enabled;
        return this;
    }

    /// <summary>
    /// Turns Calico's BGP on or off (Installation <c>bgp: Enabled</c>/<c>Disabled</c>; off, the router reaches the
    /// pool only through <see cref="NatOutgoingTraffic"/> or <see cref="RouterHasStaticRoutes"/>, else GITOPS163).
    /// Default: on, except for a VXLAN pool that peers with no router, where nothing needs BGP (Felix programs VXLAN
    /// routes). The argument is required because <c>Bgp(b =&gt; ...)</c> is the
    /// configuring call. Off together with routers to peer with is GITOPS164; off with an unencapsulated or IPIP pool,
    /// whose routes BIRD programs, is GITOPS167 (docs/bgp.md).
    /// </summary>
    public CalicoBuilder Bgp(bool enabled)
    {
        BgpChoice = enabled;
        return this;
    }

    /// <summary>
    /// BGP on, peering with the lab's router(s) so the router knows the pod blocks:
    /// <c>.Bgp(b =&gt; b.Router("router"))</c> peers every node with the node network's gateway, AS 64512 ↔ 64513.
    /// Emits Calico's BGPConfiguration and BGPPeer objects (calico-bgp/) and the router's FRR configuration
    /// (hosts/&lt;router&gt;/frr.conf, with host files). Errors: GITOPS160–GITOPS166 (docs/bgp.md).
    /// </summary>
    public CalicoBuilder Bgp(Action<BgpBuilder> configure, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(configure);
        BgpChoice = true;
        Peering = new BgpBuilder(new(file, line));
        configure(Peering);
        return this;
    }

    /// <summary>
    /// Says the router has static routes to the pod pool through the nodes (you maintain them), so a pool
    /// without NAT and without BGP peering still gets replies. Without this, NAT off and no peering is GITOPS163.
    /// </summary>
    public CalicoBuilder RouterHasStaticRoutes(bool enabled = true, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        StaticRoutes = new(enabled, new(file, line));
        return this;
    }

    /// <summary>
    /// Calico's Linux dataplane (Installation <c>linuxDataplane</c>): Iptables (default), Nftables (Calico v3.29.0 or
    /// later, else GITOPS155) or BPF.
    /// </summary>
    public CalicoBuilder LinuxDataplane(Topology.LinuxDataplane dataplane)
    {
        Dataplane = dataplane;
        return this;
    }

    /// <summary>
    /// How calico-node detects each node's address (Installation <c>nodeAddressAutodetectionV4</c>):
    /// <see cref="NodeAddress.Subnet"/> (the default, <c>cidrs: [192.168.3.0/24]</c>), <see cref="NodeAddress.Gateway"/>
    /// (<c>canReach: &lt;node network gateway&gt;</c>) or <see cref="NodeAddress.Interface"/> (<c>interface: ^(eno1|enp3s0)$</c>
    /// from the names of the nodes' interfaces on the node network; error GITOPS130, reported at this call, when that
    /// regex also matches another network's interface or a bridge on some node).
    /// </summary>
    public CalicoBuilder DetectNodeAddress(NodeAddress method, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Detection = method;
        DetectionSource = new(file, line);
        return this;
    }

    /// <summary>
    /// How calico-node detects each node's IPv6 address in a dual-stack lab (Installation
    /// <c>nodeAddressAutodetectionV6</c>; the operator validates it like the IPv4 one, validateNodeAddressDetection in
    /// tigera/operator pkg/controller/installation/validation.go). The same methods as
    /// <see cref="DetectNodeAddress"/>: <see cref="NodeAddress.Interface"/> (the node-network interfaces' names, GITOPS130
    /// as for IPv4), and <see cref="NodeAddress.Subnet"/>/<see cref="NodeAddress.Gateway"/> only when the node network's
    /// subnet is IPv6 (the model knows one subnet per network; else GITOPS193). Default: <see cref="NodeAddress.Subnet"/>
    /// when the node network is IPv6, else <see cref="NodeAddress.Interface"/>. Without <see cref="IPv6Pool"/> the call
    /// is GITOPS193.
    /// </summary>
    public CalicoBuilder DetectNodeAddressV6(NodeAddress method, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        DetectionV6 = new(method, new(file, line));
        return this;
    }

    /// <summary>
    /// Installation <c>controlPlaneNodeSelector</c>: one node label (key and value) that every Calico component the
    /// operator creates, except its DaemonSets, is scheduled by (operator.tigera.io Installation CRD description);
    /// replaces the default <c>node-role.kubernetes.io/master: "true"</c>. An empty label is GITOPS121, reported at
    /// this call.
    /// </summary>
    public CalicoBuilder ControlPlaneNodeSelector(string label, string value, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _selector.Clear();
        _selector[label] = value;
        ControlPlaneSelectorSource = new(file, line);
        return this;
    }

    /// <summary>
    /// How many nodes the calico-node DaemonSet updates at once (rolling update <c>maxUnavailable</c>); default 1,
    /// at least 1 (GITOPS121).
    /// </summary>
    public CalicoBuilder MaxUnavailable(int nodes, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        RollingMaxUnavailable = new(nodes, new(file, line));
        return this;
    }
}

/// <summary>One <see cref="CalicoBuilder.IPPool"/> or <see cref="CalicoBuilder.IPv6Pool"/> call: the CIDR text (with its call site) and the block size.</summary>
internal sealed record PoolChoice(Located<string> Cidr, int BlockSize);
