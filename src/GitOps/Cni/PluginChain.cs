using System.Text.Json.Serialization;

namespace GitOps.Cni;

/// <summary>
/// A CNI network configuration list (conflist): <c>cniVersion</c>, <c>name</c>, then the plugins in
/// the order they run. The typed chain makes a plugin nested inside another one impossible.
/// </summary>
internal sealed record PluginChain
{
    [JsonPropertyName("cniVersion")]
    public required string CniVersion { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("plugins")]
    public required IReadOnlyList<CniPlugin> Plugins { get; init; }

    /// <summary>Pretty-printed JSON (2 spaces, LF, trailing newline), as it goes into a NAD or ConfigMap.</summary>
    public string ToJson() => CniJson.Serialize(this);
}
