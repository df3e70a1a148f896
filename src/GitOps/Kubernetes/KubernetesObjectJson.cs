using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GitOps.Calico;
using GitOps.Delivery;
using GitOps.Fleet;
using GitOps.K3s;
using GitOps.Flux;
using GitOps.Networks;
using GitOps.Rancher;
using k8s;

namespace GitOps.Kubernetes;

/// <summary>
/// The JSON of an emitted object, as <c>k8s.KubernetesJson.Serialize</c> writes it (kubernetes-client/csharp
/// src/KubernetesClient/KubernetesJson.cs: nulls omitted, camelCase, JsonStringEnumConverter, its TimeSpan and
/// DateTime converters), with metadata from source-generated contexts instead of reflection: the library's own
/// custom resources and file documents from <see cref="GitOpsObjectJsonContext"/>, <c>k8s.Models</c> from
/// KubernetesClient's own <c>SourceGenerationContext</c>. Anything else (a <c>JsonElement</c> or <c>JsonNode</c>
/// a caller put in a file, a type added without a line below) falls back to reflection, so it is slower, never
/// different.
/// </summary>
internal static class KubernetesObjectJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The object's JSON as UTF-8 bytes (its runtime type decides the shape, as in KubernetesJson).</summary>
    public static byte[] SerializeToUtf8Bytes(object value) =>
        JsonSerializer.SerializeToUtf8Bytes(value, Options.GetTypeInfo(value.GetType()));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(
                GitOpsObjectJsonContext.Default, SourceGenerationContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new KubernetesJson.Iso8601TimeSpanConverter());
        options.Converters.Add(new KubernetesJson.KubernetesDateTimeConverter());
        options.Converters.Add(new KubernetesJson.KubernetesDateTimeOffsetConverter());
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>Source-generated metadata for the library's own emitted types (custom resources and file documents).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(NetworkAttachmentDefinition))]
[JsonSerializable(typeof(Installation))]
[JsonSerializable(typeof(BgpConfiguration))]
[JsonSerializable(typeof(BgpPeer))]
[JsonSerializable(typeof(HelmChart))]
[JsonSerializable(typeof(GitRepo))]
[JsonSerializable(typeof(FleetYaml))]
[JsonSerializable(typeof(FluxKustomization))]
[JsonSerializable(typeof(FluxGitRepository))]
[JsonSerializable(typeof(KustomizeFile))]
[JsonSerializable(typeof(ProvisioningCluster))]
internal sealed partial class GitOpsObjectJsonContext : JsonSerializerContext;
