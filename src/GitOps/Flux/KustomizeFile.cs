using System.Text.Json.Serialization;

namespace GitOps.Flux;

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
