using System.Text.Json.Serialization;

namespace GitOps.Cni;

/// <summary>
/// The Multus thin plugin's own config (<c>cni-conf.json</c> in the multus-cni-config ConfigMap):
/// the primary network is the first delegate. Field order follows the blog's ConfigMap.
/// </summary>
internal sealed record MultusConfig
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "multus-cni-network";

    [JsonPropertyName("type")]
    public string Type { get; init; } = "multus";

    [JsonPropertyName("cniVersion")]
    public required string CniVersion { get; init; }

    [JsonPropertyName("capabilities")]
    public IReadOnlyDictionary<string, bool> Capabilities { get; init; } = new SortedDictionary<string, bool>(StringComparer.Ordinal) { ["portMappings"] = true };

    [JsonPropertyName("delegates")]
    public required IReadOnlyList<PluginChain> Delegates { get; init; }

    [JsonPropertyName("kubeconfig")]
    public required string Kubeconfig { get; init; }

    public string ToJson() => CniJson.Serialize(this);
}
