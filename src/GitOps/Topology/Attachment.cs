using System.Net;

namespace GitOps.Topology;

/// <summary>A secondary network a pod can join: a NetworkAttachmentDefinition and its CNI chain.</summary>
internal sealed record Attachment
{
    internal Attachment(string Name, string Namespace, Network Network, string? Bridge, MacvlanOptions? Macvlan, IpvlanOptions? Ipvlan, string CniNetworkName, string CniVersion, int? Mtu, bool IPv6, AttachmentIpam Ipam, RouteFixOptions? RouteFix, SourceLocation Source)
    {
        this.Name = Name;
        this.Namespace = Namespace;
        this.Network = Network;
        this.Bridge = Bridge;
        this.Macvlan = Macvlan;
        this.Ipvlan = Ipvlan;
        this.CniNetworkName = CniNetworkName;
        this.CniVersion = CniVersion;
        this.Mtu = Mtu;
        this.IPv6 = IPv6;
        this.Ipam = Ipam;
        this.RouteFix = RouteFix;
        this.Source = Source;
    }

    /// <summary>The NetworkAttachmentDefinition's name: a DNS-1123 label, at most 63 characters (GITOPS100); unique within <see cref="Namespace"/> (GITOPS112).</summary>
    public string Name { get; internal init; }

    /// <summary>The NetworkAttachmentDefinition's namespace, a DNS-1123 label (GITOPS100); pods reference the attachment as <see cref="QualifiedName"/>.</summary>
    public string Namespace { get; internal init; }

    /// <summary>The lab network the pod interface joins; its subnet bounds the IPAM addresses and its MTU caps <see cref="Mtu"/>.</summary>
    public Network Network { get; internal init; }

    /// <summary>
    /// The node Linux bridge the bridge plugin plugs the pod's veth into (conflist <c>bridge</c>); a Linux interface name
    /// of at most 15 characters (GITOPS109) that the nodes' interfaces on <see cref="Network"/> are enslaved to. Null
    /// when the attachment is a <see cref="Macvlan"/> or <see cref="Ipvlan"/> one: exactly one of the three is set.
    /// </summary>
    public string? Bridge { get; internal init; }

    /// <summary>The macvlan child the pod gets instead of a bridge port (macvlan plugin); null unless the attachment is a macvlan one.</summary>
    public MacvlanOptions? Macvlan { get; internal init; }

    /// <summary>The ipvlan child the pod gets instead of a bridge port (ipvlan plugin); null unless the attachment is an ipvlan one.</summary>
    public IpvlanOptions? Ipvlan { get; internal init; }

    /// <summary>The node interface a macvlan or ipvlan child hangs off (conflist <c>master</c>); null for a bridge attachment.</summary>
    public string? Master => Macvlan?.Master ?? Ipvlan?.Master;

    /// <summary>The conflist <c>name</c> (the dhcp plugin keys leases on it); a DNS-1123 label (GITOPS100). Default: <see cref="Name"/>.</summary>
    public string CniNetworkName { get; internal init; }

    /// <summary>The conflist <c>cniVersion</c>: one of 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0 (GITOPS110; at most 0.4.0 with Multus v3). Default <c>0.4.0</c>, the library's choice.</summary>
    public string CniVersion { get; internal init; }

    /// <summary>The pod interface's MTU in bytes (bridge plugin <c>mtu</c>), 68–9216 (GITOPS105) and at most the network's MTU (GITOPS106); null means the network's <see cref="Network.EffectiveMtu"/>.</summary>
    public int? Mtu { get; internal init; }

    /// <summary>Declares that the pod interface also carries IPv6 on the network (e.g. from the LAN router's advertisements), so the workload's route checks count IPv6 routes such as ff00::/8 (GITOPS125). It changes no emitted field. Default false.</summary>
    public bool IPv6 { get; internal init; }

    /// <summary>How the pod interface gets its address: <see cref="DhcpIpamOptions"/>, <see cref="StaticIpamOptions"/>, <see cref="HostLocalIpamOptions"/> or <see cref="WhereaboutsIpamOptions"/> (required, GITOPS113).</summary>
    public AttachmentIpam Ipam { get; internal init; }

    /// <summary>
    /// True: each pod may name its interface's MAC in its network selection (<see cref="NetworkSelection.Mac"/>); the chain
    /// declares the <c>mac</c> capability (on macvlan itself, or a chained <c>tuning</c> plugin after bridge). Default false.
    /// </summary>
    public bool PodMac { get; internal init; }

    /// <summary>What route-fix sets in the pod (on by default, with every option on); null when the attachment leaves route-fix out of its chain.</summary>
    public RouteFixOptions? RouteFix { get; internal init; }

    /// <summary>Where in the user's C# this was declared (file and line), so errors about it point there.</summary>
    public SourceLocation Source { get; internal init; }

    /// <summary><c>namespace/name</c>, the form the pod annotation uses.</summary>
    public string QualifiedName => $"{Namespace}/{Name}";
}

/// <summary>Address management for an attachment: one of <see cref="DhcpIpamOptions"/>, <see cref="StaticIpamOptions"/>, <see cref="HostLocalIpamOptions"/>, <see cref="WhereaboutsIpamOptions"/>.</summary>
internal abstract record AttachmentIpam
{
    private protected AttachmentIpam()
    {
    }
}

/// <summary>A DHCP option the dhcp IPAM plugin sends, filled from a CNI_ARGS key (option 12 = host name from K8S_POD_NAME).</summary>
internal sealed record DhcpProvide
{
    internal DhcpProvide(int Option, string FromArg)
    {
        this.Option = Option;
        this.FromArg = FromArg;
    }

    /// <summary>The DHCP option code, 1–254 (GITOPS119); 12 is the host name.</summary>
    public int Option { get; internal init; }

    /// <summary>The CNI_ARGS key whose value the option carries, e.g. <c>K8S_POD_NAME</c> (GITOPS119 when it is not a key).</summary>
    public string FromArg { get; internal init; }
}


/// <summary>Leases from the LAN's own DHCP server through the CNI dhcp daemon running on every node.</summary>
internal sealed record DhcpIpamOptions : AttachmentIpam
{
    internal DhcpIpamOptions(IReadOnlyList<DhcpProvide> Provide, string? DaemonSocketPath)
    {
        this.Provide = Provide;
        this.DaemonSocketPath = DaemonSocketPath;
    }

    /// <summary>Options sent with each DHCP request (dhcp IPAM <c>provide</c>), in the order given; empty when none.</summary>
    public IReadOnlyList<DhcpProvide> Provide { get; internal init; }

    /// <summary>
    /// The dhcp daemon socket the IPAM plugin dials (dhcp IPAM <c>daemonSocketPath</c>): an absolute node path not
    /// directly in <c>/</c> (GITOPS120), the same for every DHCP attachment of the lab (GITOPS122). Null means
    /// <see cref="DefaultDaemonSocketPath"/>.
    /// </summary>
    public string? DaemonSocketPath { get; internal init; }

    /// <summary>The dhcp daemon's compiled-in socket path (containernetworking/plugins <c>plugins/ipam/dhcp/main.go</c>, <c>defaultSocketPath</c>).</summary>
    public const string DefaultDaemonSocketPath = "/run/cni/dhcp.sock";

    /// <summary>
    /// The socket <paramref name="dhcp"/> dials: its <see cref="DaemonSocketPath"/>, or <see cref="DefaultDaemonSocketPath"/>
    /// when it names none (or there is no DHCP attachment, null). The one place that default is applied: the rule GITOPS122
    /// and the node agent's dhcp daemon (<see cref="Lab.DhcpDaemonSocketPath"/>) both read it.
    /// </summary>
    internal static string SocketPathOf(DhcpIpamOptions? dhcp) => dhcp?.DaemonSocketPath ?? DefaultDaemonSocketPath;
}

/// <summary>One fixed address, or one per family (the static IPAM plugin's <c>addresses</c>, containernetworking/plugins plugins/ipam/static).</summary>
internal sealed record StaticIpamOptions : AttachmentIpam
{
    internal StaticIpamOptions(IPAddress Address, int PrefixLength, IPAddress? Gateway)
    {
        this.Address = Address;
        this.PrefixLength = PrefixLength;
        this.Gateway = Gateway;
    }

    /// <summary>The pod's fixed address; a host address inside the network's subnet, not its network or broadcast address (GITOPS117), nor the network's gateway.</summary>
    public IPAddress Address { get; internal init; }

    /// <summary>The address's prefix length in bits (0–32 for IPv4); must equal the network's subnet prefix (GITOPS117).</summary>
    public int PrefixLength { get; internal init; }

    /// <summary>The gateway the static IPAM plugin configures on the pod interface; null for none. Must lie inside the network's subnet (GITOPS103).</summary>
    public IPAddress? Gateway { get; internal init; }

    /// <summary>
    /// A second, IPv6 address beside the IPv4 <see cref="Address"/> on a network whose subnet is IPv4 (dual stack,
    /// <see cref="AttachmentBuilder.StaticIPv6Address"/>); null for none. The model knows no IPv6 prefix of the network,
    /// so only its form is checked (an IPv6 host address with a prefix, GITOPS195).
    /// </summary>
    public IPAddress? IPv6Address { get; internal init; }

    /// <summary>The prefix length of <see cref="IPv6Address"/> in bits (1–128); null without one.</summary>
    public int? IPv6PrefixLength { get; internal init; }

    /// <summary>An IPv6 gateway for <see cref="IPv6Address"/> (the static plugin then adds an IPv6 default route); null for none.</summary>
    public IPAddress? IPv6Gateway { get; internal init; }
}


/// <summary>
/// Each pod names its own address(es) in its network selection (<see cref="NetworkSelection.Ips"/>): the <c>static</c>
/// IPAM with no fixed addresses and the <c>ips</c> capability, which Multus fills from the annotation's <c>ips</c>.
/// </summary>
internal sealed record PodAddressIpamOptions : AttachmentIpam
{
    internal PodAddressIpamOptions()
    {
    }
}

/// <summary>Addresses from a range of the network, handed out per node (host-local IPAM).</summary>
internal sealed record HostLocalIpamOptions : AttachmentIpam
{
    internal HostLocalIpamOptions(IPAddress RangeStart, IPAddress RangeEnd)
    {
        this.RangeStart = RangeStart;
        this.RangeEnd = RangeEnd;
    }

    /// <summary>First address host-local hands out (inclusive), inside the network's subnet; the range must not contain the network's gateway nor overlap another attachment's range on the same network.</summary>
    public IPAddress RangeStart { get; internal init; }

    /// <summary>Last address host-local hands out (inclusive), inside the network's subnet and not before <see cref="RangeStart"/>.</summary>
    public IPAddress RangeEnd { get; internal init; }
}


/// <summary>
/// Addresses from a range allocated cluster-wide by whereabouts (k8snetworkplumbingwg/whereabouts v0.9.4; config
/// fields per its README and <c>pkg/types/types.go</c> <c>IPAMConfig</c>/<c>RangeConfiguration</c>).
/// </summary>
internal sealed record WhereaboutsIpamOptions : AttachmentIpam
{
    internal WhereaboutsIpamOptions(IPNetwork Range, IPAddress? RangeStart, IPAddress? RangeEnd, IReadOnlyList<IPNetwork> Exclude, IPAddress? Gateway, string? NetworkName)
    {
        this.Range = Range;
        this.RangeStart = RangeStart;
        this.RangeEnd = RangeEnd;
        this.Exclude = Exclude;
        this.Gateway = Gateway;
        this.NetworkName = NetworkName;
    }

    /// <summary>The range CIDR (whereabouts <c>range</c>), inside the network's subnet (GITOPS117); whereabouts names its IPPool after it.</summary>
    public IPNetwork Range { get; internal init; }

    /// <summary>First address handed out (<c>range_start</c>), inside <see cref="Range"/>; null: the range's first address.</summary>
    public IPAddress? RangeStart { get; internal init; }

    /// <summary>Last address handed out (<c>range_end</c>), inside <see cref="Range"/>, not before <see cref="RangeStart"/> (GITOPS121); null: the range's last.</summary>
    public IPAddress? RangeEnd { get; internal init; }

    /// <summary>CIDRs never handed out (<c>exclude</c>), each inside <see cref="Range"/> (GITOPS176); empty when none. A single address is a /32 (/128).</summary>
    public IReadOnlyList<IPNetwork> Exclude { get; internal init; }

    /// <summary>The gateway whereabouts sets in the pod (<c>gateway</c>); null for none. Inside the network's subnet (GITOPS103).</summary>
    public IPAddress? Gateway { get; internal init; }

    /// <summary>Whereabouts' <c>network_name</c> (pools are keyed by it and the range); null for none.</summary>
    public string? NetworkName { get; internal init; }
}


/// <summary>An extra destination route-fix sends out of the attachment (another home subnet behind the LAN router).</summary>
internal sealed record ExtraRoute
{
    internal ExtraRoute(IPNetwork Destination, IPAddress? Gateway)
    {
        this.Destination = Destination;
        this.Gateway = Gateway;
    }

    /// <summary>The destination subnet, a CIDR; not the attachment's own subnet or another attachment's of the same workload (GITOPS126, GITOPS127).</summary>
    public IPNetwork Destination { get; internal init; }

    /// <summary>The next hop on the attachment's network; null sends the route straight out of the interface (on-link).</summary>
    public IPAddress? Gateway { get; internal init; }
}


/// <summary>What route-fix sets inside the pod: the subnet route is always there.</summary>
internal sealed record RouteFixOptions
{
    internal RouteFixOptions(bool Multicast, bool Broadcast, bool RemoveDefaultRoute, IReadOnlyList<ExtraRoute> ExtraRoutes)
    {
        this.Multicast = Multicast;
        this.Broadcast = Broadcast;
        this.RemoveDefaultRoute = RemoveDefaultRoute;
        this.ExtraRoutes = ExtraRoutes;
    }

    /// <summary>Route 224.0.0.0/4 (and ff00::/8) out of the attachment (route-fix config <c>multicast</c>). Default true; at most one attachment of a workload may carry it (GITOPS125).</summary>
    public bool Multicast { get; internal init; }

    /// <summary>Route 255.255.255.255/32 out of the attachment (route-fix config <c>broadcast</c>). Default true; at most one attachment of a workload may carry it (GITOPS125).</summary>
    public bool Broadcast { get; internal init; }

    /// <summary>Remove the default route the DHCP router option adds on the attachment, so the pod's default route stays on Calico. Default true.</summary>
    public bool RemoveDefaultRoute { get; internal init; }

    /// <summary>Further subnets sent out of the attachment, in the order given; empty by default.</summary>
    public IReadOnlyList<ExtraRoute> ExtraRoutes { get; internal init; }
}

