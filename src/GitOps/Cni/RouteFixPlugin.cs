using System.Text.Json.Serialization;

namespace GitOps.Cni;

/// <summary>
/// The <c>route-fix</c> plugin (src/RouteFix), chained after bridge + IPAM: routes the attachment's
/// subnet, multicast and limited broadcast out of the pod's attachment interface with the pod's
/// attachment address as source. The subnet route is always set.
/// </summary>
internal sealed record RouteFixPlugin : CniPlugin
{
    protected override string TypeName => "route-fix";

    /// <summary>
    /// <c>multicast</c>: 224.0.0.0/4 (and ff00::/8 with an IPv6 address) out of the interface; default true (route-fix's
    /// default too, src/RouteFix/Plugin/RouteFixConfig.cs). False when another attachment of the pod carries it.
    /// </summary>
    [JsonPropertyName("multicast")]
    public bool Multicast { get; init; } = true;

    /// <summary><c>broadcast</c>: 255.255.255.255/32 out of the interface (IPv4 only); default true, as in route-fix.</summary>
    [JsonPropertyName("broadcast")]
    public bool Broadcast { get; init; } = true;

    /// <summary><c>removeDefaultRoute</c>: delete default routes out of the interface (the DHCP router option's); default true.</summary>
    [JsonPropertyName("removeDefaultRoute")]
    public bool RemoveDefaultRoute { get; init; } = true;

    /// <summary><c>routes</c>: extra destinations out of the interface; null (omitted) for none.</summary>
    [JsonPropertyName("routes")]
    public IReadOnlyList<RouteFixRoute>? Routes { get; init; }
}

/// <summary>One extra route-fix route: <c>dst</c> a CIDR with no host bits, <c>gw</c> an address on the attachment's network or null (on-link).</summary>
internal sealed record RouteFixRoute(
    [property: JsonPropertyName("dst")] string Dst,
    [property: JsonPropertyName("gw")] string? Gw);
