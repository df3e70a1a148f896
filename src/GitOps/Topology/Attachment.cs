using System.Net;

namespace GitOps.Topology;

/// <summary>A secondary network a pod can join: a NetworkAttachmentDefinition and its CNI chain.</summary>
public sealed record Attachment
{
    internal Attachment(string Name, string Namespace, Network Network, string Bridge, string CniNetworkName, string CniVersion, int? Mtu, bool EnableIPv6, AttachmentIpam Ipam, RouteFixOptions? RouteFix, SourceLocation Source)
    {
        this.Name = Name;
        this.Namespace = Namespace;
        this.Network = Network;
        this.Bridge = Bridge;
        this.CniNetworkName = CniNetworkName;
        this.CniVersion = CniVersion;
        this.Mtu = Mtu;
        this.EnableIPv6 = EnableIPv6;
        this.Ipam = Ipam;
        this.RouteFix = RouteFix;
        this.Source = Source;
    }

    public string Name { get; internal init; }

    public string Namespace { get; internal init; }

    public Network Network { get; internal init; }

    public string Bridge { get; internal init; }

    /// <summary>The conflist <c>name</c> (the dhcp plugin keys leases on it).</summary>
    public string CniNetworkName { get; internal init; }

    public string CniVersion { get; internal init; }

    public int? Mtu { get; internal init; }

    public bool EnableIPv6 { get; internal init; }

    public AttachmentIpam Ipam { get; internal init; }

    public RouteFixOptions? RouteFix { get; internal init; }

    public SourceLocation Source { get; internal init; }

    /// <summary><c>namespace/name</c>, the form the pod annotation uses.</summary>
    public string QualifiedName => $"{Namespace}/{Name}";
}

/// <summary>Address management for an attachment: one of <see cref="DhcpIpamOptions"/>, <see cref="StaticIpamOptions"/>, <see cref="HostLocalIpamOptions"/>.</summary>
public abstract record AttachmentIpam
{
    private protected AttachmentIpam()
    {
    }
}

/// <summary>A DHCP option the dhcp IPAM plugin sends, filled from a CNI_ARGS key (option 12 = host name from K8S_POD_NAME).</summary>
public sealed record DhcpProvide
{
    internal DhcpProvide(int Option, string FromArg)
    {
        this.Option = Option;
        this.FromArg = FromArg;
    }

    public int Option { get; internal init; }

    public string FromArg { get; internal init; }
}


/// <summary>Leases from the LAN's own DHCP server through the CNI dhcp daemon running on every node.</summary>
public sealed record DhcpIpamOptions : AttachmentIpam
{
    internal DhcpIpamOptions(IReadOnlyList<DhcpProvide> Provide, string? DaemonSocketPath)
    {
        this.Provide = Provide;
        this.DaemonSocketPath = DaemonSocketPath;
    }

    public IReadOnlyList<DhcpProvide> Provide { get; internal init; }

    /// <summary>Null means the dhcp daemon's default <c>/run/cni/dhcp.sock</c>.</summary>
    public string? DaemonSocketPath { get; internal init; }

    public const string DefaultDaemonSocketPath = "/run/cni/dhcp.sock";
}

/// <summary>One fixed address (the static IPAM plugin).</summary>
public sealed record StaticIpamOptions : AttachmentIpam
{
    internal StaticIpamOptions(IPAddress Address, int PrefixLength, IPAddress? Gateway)
    {
        this.Address = Address;
        this.PrefixLength = PrefixLength;
        this.Gateway = Gateway;
    }

    public IPAddress Address { get; internal init; }

    public int PrefixLength { get; internal init; }

    public IPAddress? Gateway { get; internal init; }
}


/// <summary>Addresses from a range of the network, handed out per node (host-local IPAM).</summary>
public sealed record HostLocalIpamOptions : AttachmentIpam
{
    internal HostLocalIpamOptions(IPAddress RangeStart, IPAddress RangeEnd)
    {
        this.RangeStart = RangeStart;
        this.RangeEnd = RangeEnd;
    }

    public IPAddress RangeStart { get; internal init; }

    public IPAddress RangeEnd { get; internal init; }
}


/// <summary>An extra destination route-fix sends out of the attachment (another home subnet behind the LAN router).</summary>
public sealed record ExtraRoute
{
    internal ExtraRoute(IPNetwork Destination, IPAddress? Gateway)
    {
        this.Destination = Destination;
        this.Gateway = Gateway;
    }

    public IPNetwork Destination { get; internal init; }

    public IPAddress? Gateway { get; internal init; }
}


/// <summary>What route-fix sets inside the pod: the subnet route is always there.</summary>
public sealed record RouteFixOptions
{
    internal RouteFixOptions(bool Multicast, bool Broadcast, bool RemoveDefaultRoute, IReadOnlyList<ExtraRoute> ExtraRoutes)
    {
        this.Multicast = Multicast;
        this.Broadcast = Broadcast;
        this.RemoveDefaultRoute = RemoveDefaultRoute;
        this.ExtraRoutes = ExtraRoutes;
    }

    public bool Multicast { get; internal init; }

    public bool Broadcast { get; internal init; }

    public bool RemoveDefaultRoute { get; internal init; }

    public IReadOnlyList<ExtraRoute> ExtraRoutes { get; internal init; }
}

