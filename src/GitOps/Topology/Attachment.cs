using System.Net;

namespace GitOps.Topology;

/// <summary>A secondary network a pod can join: a NetworkAttachmentDefinition and its CNI chain.</summary>
/// <param name="CniNetworkName">The conflist <c>name</c> (the dhcp plugin keys leases on it).</param>
public sealed record Attachment(
    string Name,
    string Namespace,
    Network Network,
    string Bridge,
    string CniNetworkName,
    string CniVersion,
    int? Mtu,
    bool EnableIPv6,
    AttachmentIpam Ipam,
    RouteFixOptions? RouteFix,
    SourceLocation Source)
{
    /// <summary><c>namespace/name</c>, the form the pod annotation uses.</summary>
    public string QualifiedName => $"{Namespace}/{Name}";
}

/// <summary>Address management for an attachment: one of <see cref="DhcpIpamOptions"/>, <see cref="StaticIpamOptions"/>, <see cref="HostLocalIpamOptions"/>.</summary>
public abstract record AttachmentIpam;

/// <summary>A DHCP option the dhcp IPAM plugin sends, filled from a CNI_ARGS key (option 12 = host name from K8S_POD_NAME).</summary>
public sealed record DhcpProvide(int Option, string FromArg);

/// <summary>Leases from the LAN's own DHCP server through the CNI dhcp daemon running on every node.</summary>
/// <param name="DaemonSocketPath">Null means the dhcp daemon's default <c>/run/cni/dhcp.sock</c>.</param>
public sealed record DhcpIpamOptions(IReadOnlyList<DhcpProvide> Provide, string? DaemonSocketPath) : AttachmentIpam
{
    public const string DefaultDaemonSocketPath = "/run/cni/dhcp.sock";
}

/// <summary>One fixed address (the static IPAM plugin).</summary>
public sealed record StaticIpamOptions(IPAddress Address, int PrefixLength, IPAddress? Gateway) : AttachmentIpam;

/// <summary>Addresses from a range of the network, handed out per node (host-local IPAM).</summary>
public sealed record HostLocalIpamOptions(IPAddress RangeStart, IPAddress RangeEnd) : AttachmentIpam;

/// <summary>An extra destination route-fix sends out of the attachment (another home subnet behind the LAN router).</summary>
public sealed record ExtraRoute(IPNetwork Destination, IPAddress? Gateway);

/// <summary>What route-fix sets inside the pod: the subnet route is always there.</summary>
public sealed record RouteFixOptions(
    bool Multicast,
    bool Broadcast,
    bool RemoveDefaultRoute,
    IReadOnlyList<ExtraRoute> ExtraRoutes);
