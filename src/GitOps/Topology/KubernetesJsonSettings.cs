using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s;

namespace GitOps.Topology;

/// <summary>
/// KubernetesClient's <c>KubernetesJson</c> settings (kubernetes-client/csharp src/KubernetesClient/KubernetesJson.cs:
/// nulls omitted, camelCase, its TimeSpan and DateTime converters), with the given source-generated metadata first and
/// reflection only where <see cref="ReflectionJson"/> allows it. The one place these settings are written: the model's
/// copies of workload objects and the emitted objects' JSON both use them.
/// </summary>
internal static class KubernetesJsonSettings
{
    /// <summary>Read-only options; <paramref name="encoder"/> null keeps System.Text.Json's default escaping.</summary>
    public static JsonSerializerOptions Create(JavaScriptEncoder? encoder, params IJsonTypeInfoResolver[] generated)
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Encoder = encoder,
        };
        options.TypeInfoResolver = ReflectionJson.After(options, generated);
        options.Converters.Add(new KubernetesJson.Iso8601TimeSpanConverter());
        options.Converters.Add(new KubernetesJson.KubernetesDateTimeConverter());
        options.Converters.Add(new KubernetesJson.KubernetesDateTimeOffsetConverter());
        options.MakeReadOnly();
        return options;
    }
}
