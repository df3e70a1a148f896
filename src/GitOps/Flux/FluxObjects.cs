using System.Text.Json.Serialization;
using GitOps.Kubernetes;
using k8s.Models;

namespace GitOps.Flux;

/// <summary>
/// Flux's <c>Kustomization</c> (kustomize.toolkit.fluxcd.io/v1), only the fields the lab uses. Field names
/// follow fluxcd/kustomize-controller <c>config/crd/bases/kustomize.toolkit.fluxcd.io_kustomizations.yaml</c>.
/// </summary>
internal sealed class FluxKustomization() : CustomResource(ApiVersionValue, KindValue)
{
    public const string ApiVersionValue = "kustomize.toolkit.fluxcd.io/v1";
    public const string KindValue = "Kustomization";

    [JsonPropertyName("spec")]
    public required FluxKustomizationSpec Spec { get; init; }
}

internal sealed class FluxKustomizationSpec
{
    /// <summary>Go duration, e.g. "10m0s".</summary>
    [JsonPropertyName("interval")]
    public required string Interval { get; init; }

    /// <summary>
    /// Go duration after which a failed reconciliation is retried; unset, the controller retries after
    /// <see cref="Interval"/> (fluxcd/kustomize-controller api/v1 kustomization_types.go, GetRetryInterval).
    /// </summary>
    [JsonPropertyName("retryInterval")]
    public string? RetryInterval { get; init; }

    /// <summary>The folder in the source, "./manifests/crds".</summary>
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    /// <summary>Delete objects that left the folder.</summary>
    [JsonPropertyName("prune")]
    public required bool Prune { get; init; }

    /// <summary>Ready only when every applied object is ready (what a dependent waits for).</summary>
    [JsonPropertyName("wait")]
    public bool? Wait { get; init; }

    [JsonPropertyName("sourceRef")]
    public required FluxSourceReference SourceRef { get; init; }

    [JsonPropertyName("dependsOn")]
    public IReadOnlyList<FluxDependency>? DependsOn { get; init; }
}

internal sealed class FluxSourceReference
{
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }
}

internal sealed class FluxDependency
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }
}

/// <summary>Flux's <c>GitRepository</c> source (source.toolkit.fluxcd.io/v1), only the fields the lab uses.</summary>
internal sealed class FluxGitRepository() : CustomResource(ApiVersionValue, KindValue)
{
    public const string ApiVersionValue = "source.toolkit.fluxcd.io/v1";
    public const string KindValue = "GitRepository";

    [JsonPropertyName("spec")]
    public required FluxGitRepositorySpec Spec { get; init; }
}

internal sealed class FluxGitRepositorySpec
{
    [JsonPropertyName("interval")]
    public required string Interval { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("ref")]
    public required FluxGitReference Ref { get; init; }
}

internal sealed class FluxGitReference
{
    [JsonPropertyName("branch")]
    public required string Branch { get; init; }
}

/// <summary>
/// A <c>kustomization.yaml</c> (kustomize.config.k8s.io/v1beta1): the folder's files, for Flux's
/// kustomize-controller and <c>kubectl apply -k</c>. Fleet, when it finds one, builds the bundle with it.
/// </summary>
internal sealed class KustomizeFile : Output.IFileDocument
{
    public const string FileName = "kustomization.yaml";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = "kustomize.config.k8s.io/v1beta1";

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "Kustomization";

    [JsonPropertyName("resources")]
    public required IReadOnlyList<string> Resources { get; init; }
}
