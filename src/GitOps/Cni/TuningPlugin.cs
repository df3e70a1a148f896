using System.Text.Json.Serialization;

namespace GitOps.Cni;

/// <summary>
/// The reference <c>tuning</c> meta plugin (containernetworking/plugins plugins/meta/tuning/tuning.go), chained only to
/// set the MAC a pod names in its network selection: <c>capabilities.mac</c> makes libcni pass it as
/// <c>runtimeConfig.mac</c> (tuning.go <c>RuntimeConfig.Mac</c>).
/// </summary>
internal sealed record TuningPlugin : CniPlugin
{
    protected override string TypeName => "tuning";

    [JsonPropertyName("capabilities")]
    public IReadOnlyDictionary<string, bool> Capabilities { get; init; } = new SortedDictionary<string, bool>(StringComparer.Ordinal) { ["mac"] = true };
}
