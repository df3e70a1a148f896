using System.Text.Json.Serialization;

namespace GitOps.Cni;

/// <summary>
/// The reference <c>macvlan</c> plugin (containernetworking/plugins plugins/main/macvlan/macvlan.go): a macvlan
/// child of <see cref="Master"/> moved into the pod, with its own MAC address.
/// </summary>
internal sealed record MacvlanPlugin : CniPlugin
{
    protected override string TypeName => "macvlan";

    /// <summary><c>master</c>: the node interface the child hangs off; the same name on every node (one NAD config for all).</summary>
    [JsonPropertyName("master")]
    public required string Master { get; init; }

    /// <summary><c>mode</c>: bridge, private, vepa or passthru (macvlan.go <c>modeFromString</c>; empty means bridge).</summary>
    [JsonPropertyName("mode")]
    public required string Mode { get; init; }

    /// <summary><c>mtu</c>: 0..master MTU (macvlan.go <c>loadConf</c>); null (omitted) takes the master's.</summary>
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
