using System.Text.Json.Serialization;

namespace GitOps.Cni;

/// <summary>The reference <c>bridge</c> plugin (containernetworking/plugins plugins/main/bridge).</summary>
internal sealed record BridgePlugin : CniPlugin
{
    protected override string TypeName => "bridge";

    [JsonPropertyName("bridge")]
    public required string Bridge { get; init; }

    /// <summary>False: the LAN router stays the gateway; the bridge gets no address from the plugin.</summary>
    [JsonPropertyName("isGateway")]
    public bool IsGateway { get; init; }

    [JsonPropertyName("isDefaultGateway")]
    public bool IsDefaultGateway { get; init; }

    [JsonPropertyName("ipMasq")]
    public bool IpMasq { get; init; }

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
