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

    [JsonPropertyName("ipam")]
    public required CniIpam Ipam { get; init; }
}
