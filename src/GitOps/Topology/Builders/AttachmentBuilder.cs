using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>
/// Describes a layer-2 attachment:
/// <c>a.Network("lan").Bridge("cni0").Dhcp(d => d.ProvidePodName()).RouteFix()</c>, or with a macvlan or ipvlan child
/// instead of a bridge port: <c>a.Network("iot").Macvlan(m => m.Mode(MacvlanMode.Bridge)).Dhcp()</c>.
/// <see cref="Bridge"/>, <see cref="Macvlan"/> and <see cref="Ipvlan"/> choose how the pod joins the network; the last
/// call wins. route-fix is on by default.
/// </summary>
public sealed class AttachmentBuilder
{
    internal AttachmentBuilder(string qualifiedName, SourceLocation source)
    {
        QualifiedName = qualifiedName;
        Source = source;
    }

    internal string QualifiedName { get; }
    internal SourceLocation Source { get; }
    internal Located<string>? NetworkName { get; private set; }

    /// <summary>The lab builder whose handle named the network; null when it was named by a string.</summary>
    internal LabBuilder? NetworkIssuer { get; private set; }
    internal Located<string>? BridgeName { get; private set; }
    internal MacvlanBuilder? MacvlanChoice { get; private set; }
    internal IpvlanBuilder? IpvlanChoice { get; private set; }
    internal Located<string>? CniName { get; private set; }
    internal Located<string> CniVersionText { get; private set; } = new("0.4.0", default);
    internal Located<int>? MtuValue { get; private set; }
    internal bool IPv6Enabled { get; private set; }
    internal IpamBuilder? IpamChoice { get; private set; }
    internal Located<(string Address, string? Gateway)>? StaticIPv6 { get; private set; }
    internal bool PodMacEnabled { get; private set; }
    internal RouteFixBuilder? RouteFixChoice { get; private set; } = new(default);

    /// <summary>
    /// The lab network this attachment joins, by name (its subnet and MTU come from there; GITOPS111 when the lab declares
    /// no such network). A second call replaces the first.
    /// </summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = TypedHandles.OverloadJustification)]
    public AttachmentBuilder Network(string network, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        NetworkName = new(network, new(file, line));
        NetworkIssuer = null;
        return this;
    }

    /// <summary>
    /// The lab network this attachment joins, a handle from
    /// <see cref="LabBuilder.Network(string, Action{NetworkBuilder}, out NetworkReference, string, int)"/>:
    /// <c>a.Network(lan)</c>. A handle from another lab builder is GITOPS128 at Build, reported at this call. A second
    /// call replaces the first.
    /// </summary>
    /// <param name="network">The network the attachment joins.</param>
    /// <param name="file">Filled by the compiler: the caller's source file, for errors that point at this call.</param>
    /// <param name="line">Filled by the compiler: the caller's line.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    [SuppressMessage("ApiDesign", "RS0026", Justification = TypedHandles.OverloadJustification)]
    public AttachmentBuilder Network(NetworkReference network, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        NetworkName = new(network.Name, new(file, line));
        NetworkIssuer = network.Issuer;
        return this;
    }

    /// <summary>The node bridge the pod's interface is plugged into (must be a bridge the nodes have).</summary>
    public AttachmentBuilder Bridge(string bridge, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        BridgeName = new(bridge, new(file, line));
        MacvlanChoice = null;
        IpvlanChoice = null;
        return this;
    }

    /// <summary>
    /// The pod gets a macvlan child (own MAC) of the nodes' plain interface on the network instead of a bridge port
    /// (default mode bridge). That interface must have one name on every node (GITOPS181) and must not be a bridge
    /// port (GITOPS180). The node cannot reach its own macvlan children. Replaces an earlier <see cref="Bridge"/> or <see cref="Ipvlan"/>.
    /// </summary>
    public AttachmentBuilder Macvlan(Action<MacvlanBuilder>? configure = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var builder = new MacvlanBuilder(new(file, line));
        configure?.Invoke(builder);
        MacvlanChoice = builder;
        BridgeName = null;
        IpvlanChoice = null;
        return this;
    }

    /// <summary>
    /// The pod gets an ipvlan child (the master's MAC) of the nodes' plain interface on the network instead of a bridge
    /// port (default mode l2); the master is chosen as for <see cref="Macvlan"/>. Replaces an earlier <see cref="Bridge"/> or <see cref="Macvlan"/>.
    /// </summary>
    public AttachmentBuilder Ipvlan(Action<IpvlanBuilder>? configure = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var builder = new IpvlanBuilder(new(file, line));
        configure?.Invoke(builder);
        IpvlanChoice = builder;
        BridgeName = null;
        MacvlanChoice = null;
        return this;
    }

    /// <summary>The conflist name (default: the attachment name). The dhcp plugin keys its leases on it.</summary>
    public AttachmentBuilder CniNetworkName(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        CniName = new(name, new(file, line));
        return this;
    }

    /// <summary>
    /// The conflist's <c>cniVersion</c>: one of 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0 (default 0.4.0); Multus v3 reads at
    /// most 0.4.0. Anything else is GITOPS110.
    /// </summary>
    public AttachmentBuilder CniVersion(string version, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        CniVersionText = new(version, new(file, line));
        return this;
    }

    /// <summary>MTU of the pod interface; at most the uplink network's MTU (default: the network's).</summary>
    public AttachmentBuilder Mtu(int mtu, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        MtuValue = new(mtu, new(file, line));
        return this;
    }

    /// <summary>
    /// Says the pod's interface also carries IPv6 that no IPAM plugin hands out: the address the kernel forms itself from
    /// the LAN router's advertisements (SLAAC), which works beside <see cref="Dhcp"/> (the dhcp plugin is DHCPv4 only and
    /// leaves IPv6 alone). The pod-route rules (GITOPS125–127) then also weigh IPv6 destinations; default off. Changes no
    /// emitted file. For a fixed IPv6 address use <see cref="StaticIPv6Address"/>; on a network whose subnet is IPv6,
    /// <see cref="StaticAddress"/> or <see cref="Whereabouts"/> (<see cref="Dhcp"/> there is GITOPS194).
    /// </summary>
    public AttachmentBuilder IPv6(bool enabled = true)
    {
        IPv6Enabled = enabled;
        return this;
    }

    /// <summary>
    /// IPv4 addresses from the LAN's DHCP server through the CNI dhcp daemon (a DHCPv4 client only: on a network whose
    /// subnet is IPv6 it is GITOPS194; <see cref="IPv6"/> declares SLAAC beside it).
    /// </summary>
    public AttachmentBuilder Dhcp(Action<DhcpIpamBuilder>? configure = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var builder = new DhcpIpamBuilder(new(file, line));
        configure?.Invoke(builder);
        IpamChoice = builder;
        return this;
    }

    /// <summary>One fixed address in the network's subnet, IPv4 or IPv6, e.g. <c>"192.168.2.50/24"</c> or <c>"fd00:2::50/64"</c>.</summary>
    public AttachmentBuilder StaticAddress(string addressWithPrefix, string? gateway = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        IpamChoice = new StaticIpamBuilder(addressWithPrefix, gateway, new(file, line));
        return this;
    }

    /// <summary>
    /// Dual stack on an IPv4 network: a fixed IPv6 address beside <see cref="StaticAddress"/>'s IPv4 one, e.g.
    /// <c>.StaticAddress("192.168.2.50/24").StaticIPv6Address("fd00:2::50/64")</c>; the static IPAM plugin gets both
    /// (its <c>addresses</c> list takes either family). <paramref name="gateway"/> (IPv6) adds an IPv6 default route.
    /// The model knows no IPv6 prefix of the network, so it checks the form only. Without <see cref="StaticAddress"/>,
    /// on a network whose subnet is IPv6, or with an IPv4 address, it is GITOPS195. Turns on
    /// <see cref="IPv6"/> for the attachment.
    /// </summary>
    public AttachmentBuilder StaticIPv6Address(string addressWithPrefix, string? gateway = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        StaticIPv6 = new((addressWithPrefix, gateway), new(file, line));
        return this;
    }

    /// <summary>
    /// Each workload names its pod's address in <c>.Attach("ns/name", s => s.Ip("192.168.2.50/24"))</c> (Multus network
    /// selection <c>ips</c>); the attachment uses the static IPAM with the <c>ips</c> capability. Every workload joining it
    /// must name one (GITOPS184); addresses are checked against the subnet, gateway, ranges and each other.
    /// </summary>
    public AttachmentBuilder PodAddresses([CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        IpamChoice = new PodAddressIpamBuilder(new(file, line));
        return this;
    }

    /// <summary>
    /// Lets a workload name its pod's MAC in <c>.Attach("ns/name", s => s.Mac("02:00:00:00:00:32"))</c> (Multus network
    /// selection <c>mac</c>): macvlan gets the <c>mac</c> capability, a bridge chain gets a <c>tuning</c> plugin with it.
    /// Without it a named MAC is GITOPS185. Default off.
    /// </summary>
    public AttachmentBuilder PodMac(bool enabled = true)
    {
        PodMacEnabled = enabled;
        return this;
    }

    /// <summary>Addresses from a range of the network, allocated per node (host-local).</summary>
    public AttachmentBuilder HostLocalRange(string first, string last, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        IpamChoice = new HostLocalIpamBuilder(first, last, new(file, line));
        return this;
    }

    /// <summary>
    /// Addresses from <paramref name="rangeCidr"/> (a CIDR inside the network's subnet, e.g. <c>"192.168.2.96/27"</c>),
    /// allocated cluster-wide by whereabouts v0.9.4; adds whereabouts' CRDs and DaemonSet to the output. A range outside
    /// the subnet is GITOPS117, host bits set GITOPS115; the network's router inside what it hands out (not excluded)
    /// GITOPS134; overlap with a host-local range or a static address on the network GITOPS137 (docs/whereabouts.md).
    /// The pod's address carries the network's prefix length, not the range's: a range narrower than the subnet is
    /// written as the subnet with <c>range_start</c>/<c>range_end</c> (whereabouts would give the range's mask).
    /// </summary>
    public AttachmentBuilder Whereabouts(string rangeCidr, Action<WhereaboutsIpamBuilder>? configure = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var builder = new WhereaboutsIpamBuilder(rangeCidr, new(file, line));
        configure?.Invoke(builder);
        IpamChoice = builder;
        return this;
    }

    /// <summary>Configure route-fix (on by default).</summary>
    public AttachmentBuilder RouteFix(Action<RouteFixBuilder>? configure = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var builder = new RouteFixBuilder(new(file, line));
        configure?.Invoke(builder);
        RouteFixChoice = builder;
        return this;
    }

    /// <summary>
    /// Turns route-fix on (with its defaults, or keeps an earlier <see cref="RouteFix(Action{RouteFixBuilder}?, string, int)"/>
    /// configuration) or off. Off leaves route-fix out of the chain: multicast and broadcast then leave through the
    /// primary network. The argument is required because <c>RouteFix()</c> is the configuring call.
    /// </summary>
    public AttachmentBuilder RouteFix(bool enabled)
    {
        RouteFixChoice = enabled ? RouteFixChoice ?? new(default) : null;
        return this;
    }
}
