using System.Text.Json.Serialization;

namespace GitOps.Cni;

/// <summary>
/// The reference <c>ipvlan</c> plugin (containernetworking/plugins plugins/main/ipvlan/ipvlan.go): an ipvlan child
/// of <see cref="Master"/> moved into the pod; children share the master's MAC address.
/// </summary>
internal sealed record IpvlanPlugin : CniPlugin
{
    protected override string TypeName => "ipvlan";

    /// <summary><c>master</c>: the node interface the child hangs off; the same name on every node (one NAD config for all).</summary>
    [JsonPropertyName("master")]
    public required string Master { get; init; }

    /// <summary><c>mode</c>: l2, l3 or l3s (ipvlan.go <c>modeFromString</c>; empty means l2).</summary>
    [JsonPropertyName("mode")]
    public required string Mode { get; init; }

    /// <summary><c>mtu</c>: null (omitted) takes the master's.</summary>
    [JsonPropertyName("mtu")]
    public int? Mtu { get; init; }

    /// <summary>
    /// <c>capabilities</c>: <c>ips</c> (and <c>mac</c>) when pods name their own address (and MAC) in the network
    /// selection; libcni then passes them in <c>runtimeConfig</c> (CNI CONVENTIONS.md, "Dynamic Plugin specific fields").
    /// Null (omitted) otherwise.
    /// </summary>
    [JsonPropertyName("capabilities")]
    public IReadOnlyDictionary<string, bool>? Capabilities { get; init; }

    [JsonPropertyName("ipam")]
    public required CniIpam Ipam { get; init; }
}
