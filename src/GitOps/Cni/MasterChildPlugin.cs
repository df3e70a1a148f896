using System.Text.Json.Serialization;

namespace GitOps.Cni;

/// <summary>
/// The reference <c>macvlan</c> or <c>ipvlan</c> plugin (containernetworking/plugins plugins/main/macvlan/macvlan.go,
/// plugins/main/ipvlan/ipvlan.go): a child link of <see cref="Master"/> moved into the pod. The two read the same keys;
/// a macvlan child has its own MAC address, ipvlan children share the master's.
/// </summary>
internal sealed record MasterChildPlugin : CniPlugin
{
    /// <summary>The plugin, <c>macvlan</c> or <c>ipvlan</c>: the config's <c>type</c> (not <c>required</c>: System.Text.Json
    /// refuses a required property it ignores).</summary>
    [JsonIgnore]
    public string Plugin { get; init; } = "";

    protected override string TypeName =>
        Plugin is "macvlan" or "ipvlan" ? Plugin : throw new InvalidOperationException($"'{Plugin}' is not macvlan or ipvlan.");

    /// <summary><c>master</c>: the node interface the child hangs off; the same name on every node (one NAD config for all).</summary>
    [JsonPropertyName("master")]
    public required string Master { get; init; }

    /// <summary>
    /// <c>mode</c>: macvlan bridge, private, vepa or passthru (empty means bridge); ipvlan l2, l3 or l3s (empty means l2)
    /// (each plugin's <c>modeFromString</c>).
    /// </summary>
    [JsonPropertyName("mode")]
    public required string Mode { get; init; }

    /// <summary><c>mtu</c>: 0..master MTU (macvlan.go <c>loadConf</c>); null (omitted) takes the master's.</summary>
    [JsonPropertyName("mtu")]
    public int? Mtu { get; init; }

    /// <summary>
    /// <c>capabilities</c>: <c>ips</c> (and, for macvlan, <c>mac</c>) when pods name their own address (and MAC) in the
    /// network selection; libcni then passes them in <c>runtimeConfig</c> (CNI CONVENTIONS.md, "Dynamic Plugin specific
    /// fields"). Null (omitted) otherwise.
    /// </summary>
    [JsonPropertyName("capabilities")]
    public IReadOnlyDictionary<string, bool>? Capabilities { get; init; }

    [JsonPropertyName("ipam")]
    public required CniIpam Ipam { get; init; }
}
