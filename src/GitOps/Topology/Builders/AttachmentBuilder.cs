using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>
/// Describes a layer-2 attachment:
/// <c>a.Network("lan").Bridge("cni0").Dhcp(d => d.ProvidePodName()).RouteFix()</c>.
/// route-fix is on by default.
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
    internal Located<string>? BridgeName { get; private set; }
    internal Located<string>? CniName { get; private set; }
    internal Located<string> CniVersionText { get; private set; } = new("0.4.0", default);
    internal Located<int>? MtuValue { get; private set; }
    internal bool IPv6 { get; private set; }
    internal IpamBuilder? IpamChoice { get; private set; }
    internal RouteFixBuilder? RouteFixChoice { get; private set; } = new(default);

    /// <summary>The lab network this attachment joins (its subnet and MTU come from there).</summary>
    public AttachmentBuilder Network(string network, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        NetworkName = new(network, new(file, line));
        return this;
    }

    /// <summary>The node bridge the pod's interface is plugged into (must be a bridge the nodes have).</summary>
    public AttachmentBuilder Bridge(string bridge, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        BridgeName = new(bridge, new(file, line));
        return this;
    }

    /// <summary>The conflist name (default: the attachment name). The dhcp plugin keys its leases on it.</summary>
    public AttachmentBuilder CniNetworkName(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        CniName = new(name, new(file, line));
        return this;
    }

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

    public AttachmentBuilder EnableIPv6(bool enabled = true)
    {
        IPv6 = enabled;
        return this;
    }

    /// <summary>Addresses from the LAN's DHCP server through the CNI dhcp daemon.</summary>
    public AttachmentBuilder Dhcp(Action<DhcpIpamBuilder>? configure = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var builder = new DhcpIpamBuilder(new(file, line));
        configure?.Invoke(builder);
        IpamChoice = builder;
        return this;
    }

    /// <summary>One fixed address, e.g. <c>"192.168.2.50/24"</c>.</summary>
    public AttachmentBuilder StaticAddress(string addressWithPrefix, string? gateway = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        IpamChoice = new StaticIpamBuilder(addressWithPrefix, gateway, new(file, line));
        return this;
    }

    /// <summary>Addresses from a range of the network, allocated per node (host-local).</summary>
    public AttachmentBuilder HostLocalRange(string first, string last, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        IpamChoice = new HostLocalIpamBuilder(first, last, new(file, line));
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

    /// <summary>Leave route-fix out of the chain (multicast and broadcast then leave through the primary network).</summary>
    public AttachmentBuilder WithoutRouteFix()
    {
        RouteFixChoice = null;
        return this;
    }
}

public abstract class IpamBuilder
{
    private protected IpamBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
}

public sealed class DhcpIpamBuilder : IpamBuilder
{
    private readonly List<Located<DhcpProvide>> _provide = [];

    internal DhcpIpamBuilder(SourceLocation source) : base(source)
    {
    }

    internal IReadOnlyList<Located<DhcpProvide>> Provide => _provide;
    internal Located<string>? SocketPath { get; private set; }

    /// <summary>Send DHCP option <paramref name="option"/> with the value of CNI_ARGS key <paramref name="fromArg"/>.</summary>
    public DhcpIpamBuilder ProvideOption(int option, string fromArg, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _provide.Add(new(new DhcpProvide(option, fromArg), new(file, line)));
        return this;
    }

    /// <summary>Send the pod name as the DHCP host name (option 12 from K8S_POD_NAME), so the router shows it.</summary>
    public DhcpIpamBuilder ProvidePodName([CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        ProvideOption(12, "K8S_POD_NAME", file, line);

    /// <summary>The dhcp daemon's socket (default /run/cni/dhcp.sock).</summary>
    public DhcpIpamBuilder DaemonSocketPath(string path, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        SocketPath = new(path, new(file, line));
        return this;
    }
}

public sealed class StaticIpamBuilder : IpamBuilder
{
    internal StaticIpamBuilder(string address, string? gateway, SourceLocation source) : base(source)
    {
        Address = address;
        Gateway = gateway;
    }

    internal string Address { get; }
    internal string? Gateway { get; }
}

public sealed class HostLocalIpamBuilder : IpamBuilder
{
    internal HostLocalIpamBuilder(string first, string last, SourceLocation source) : base(source)
    {
        First = first;
        Last = last;
    }

    internal string First { get; }
    internal string Last { get; }
}

/// <summary>What route-fix sets in the pod besides the subnet route.</summary>
public sealed class RouteFixBuilder
{
    private readonly List<Located<(string Destination, string? Gateway)>> _routes = [];

    internal RouteFixBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
    internal bool MulticastRoute { get; private set; } = true;
    internal bool BroadcastRoute { get; private set; } = true;
    internal bool DropDefaultRoute { get; private set; } = true;
    internal IReadOnlyList<Located<(string Destination, string? Gateway)>> Routes => _routes;

    /// <summary>
    /// 224.0.0.0/4 (and ff00::/8) out of the attachment: mDNS, SSDP. On by default. A pod routes multicast out of
    /// one interface only: when a workload joins two attachments, turn it off on one (<c>Multicast(false)</c> writes
    /// <c>"multicast": false</c> into route-fix's config), or the model reports GITOPS125.
    /// </summary>
    public RouteFixBuilder Multicast(bool enabled = true)
    {
        MulticastRoute = enabled;
        return this;
    }

    /// <summary>
    /// 255.255.255.255/32 out of the attachment: Wake-on-LAN and other limited broadcast. On by default. Like
    /// <see cref="Multicast"/>, at most one attachment of a workload may carry it (GITOPS125); <c>Broadcast(false)</c>
    /// writes <c>"broadcast": false</c>.
    /// </summary>
    public RouteFixBuilder Broadcast(bool enabled = true)
    {
        BroadcastRoute = enabled;
        return this;
    }

    /// <summary>Remove the default route DHCP's router option adds on the attachment (on by default).</summary>
    public RouteFixBuilder RemoveDefaultRoute(bool enabled = true)
    {
        DropDefaultRoute = enabled;
        return this;
    }

    /// <summary>
    /// Send another subnet out of the attachment, optionally via a router on its network. Must not be, or lie
    /// inside, the subnet of another attachment the same workload joins (GITOPS126), nor repeat another such
    /// attachment's route (GITOPS127).
    /// </summary>
    public RouteFixBuilder Route(string destination, string? via = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _routes.Add(new((destination, via), new(file, line)));
        return this;
    }
}
