using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GitOps.Fleet;

/// <summary>
/// A bundle's <c>fleet.yaml</c>, only the fields the lab uses. Field names follow rancher/fleet
/// <c>schemas/fleet.yaml.json</c> (FleetYAML).
/// </summary>
internal sealed class FleetYaml : Output.IFileDocument
{
    public const string FileName = "fleet.yaml";

    /// <summary>Namespace for objects that name none; also where Fleet's Helm release is kept (Fleet creates it).</summary>
    [JsonPropertyName("defaultNamespace")]
    public required string DefaultNamespace { get; init; }

    /// <summary>Copied to the Bundle; usable in a dependsOn selector.</summary>
    [JsonPropertyName("labels")]
    public IDictionary<string, string>? Labels { get; init; }

    /// <summary>Bundles that must be Ready before this one is deployed.</summary>
    [JsonPropertyName("dependsOn")]
    public IReadOnlyList<BundleRef>? DependsOn { get; init; }

    [JsonPropertyName("diff")]
    public FleetDiffOptions? Diff { get; init; }
}

internal sealed class BundleRef
{
    /// <summary>The bundle's name, as <see cref="FleetNames.BundleName"/> computes it.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }
}

/// <summary>Fields the cluster changes after apply, left out of Fleet's Modified check.</summary>
internal sealed class FleetDiffOptions
{
    [JsonPropertyName("comparePatches")]
    public required IReadOnlyList<ComparePatch> ComparePatches { get; init; }
}

internal sealed class ComparePatch
{
    [JsonPropertyName("apiVersion")]
    public required string ApiVersion { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [JsonPropertyName("operations")]
    public required IReadOnlyList<CompareOperation> Operations { get; init; }
}

/// <summary><c>{"op": "remove", "path": "/spec/..."}</c>: the path is removed before live and desired are compared.</summary>
internal sealed class CompareOperation
{
    [JsonPropertyName("op")]
    public string Op { get; init; } = "remove";

    [JsonPropertyName("path")]
    public required string Path { get; init; }
}
