using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace GitOps.Kubernetes;

/// <summary>
/// The shape every custom-resource class shares with the k8s.Models types (kubernetes-client/csharp
/// <c>Model.cs.template</c>): <c>apiVersion</c>, <c>kind</c>, <c>metadata</c>. Implementing
/// <see cref="IKubernetesObject{TMetadata}"/> lets name checks and writers treat both alike.
/// </summary>
internal abstract class CustomResource : IKubernetesObject<V1ObjectMeta>
{
    protected CustomResource(string apiVersion, string kind)
    {
        ApiVersion = apiVersion;
        Kind = kind;
    }

    [JsonPropertyName("apiVersion")]
    [JsonPropertyOrder(-3)]
    public string ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    [JsonPropertyOrder(-2)]
    public string Kind { get; set; }

    [JsonPropertyName("metadata")]
    [JsonPropertyOrder(-1)]
    public required V1ObjectMeta Metadata { get; set; }
}
