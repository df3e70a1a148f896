using System.Text.Json.Serialization;

namespace GitOps.Cni;

/// <summary>
/// The <c>route-fix</c> plugin (src/RouteFix), chained after bridge + IPAM: routes the attachment's
/// subnet, multicast and limited broadcast out of the pod's attachment interface with the pod's
/// attachment address as source. The subnet route is always set.
/// </summary>
public sealed record RouteFixPlugin : CniPlugin
{
    protected override string TypeName => "route-fix";

    [JsonPropertyName("multicast")]
    public bool Multicast { get; init; } = true;

    [JsonPropertyName("broadcast")]
    public bool Broadcast { get; init; } = true;

    [JsonPropertyName("removeDefaultRoute")]
    public bool RemoveDefaultRoute { get; init; } = true;

    [JsonPropertyName("routes")]
    public IReadOnlyList<RouteFixRoute>? Routes { get; init; }
}

public sealed record RouteFixRoute(
    [property: JsonPropertyName("dst")] string Dst,
    [property: JsonPropertyName("gw")] string? Gw);
