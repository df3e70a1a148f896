using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s;

namespace GitOps.Output;

/// <summary>
/// The JSON of an emitted object, as <c>k8s.KubernetesJson.Serialize</c> writes it (kubernetes-client/csharp
/// src/KubernetesClient/KubernetesJson.cs: nulls omitted, camelCase, JsonStringEnumConverter, its TimeSpan and
/// DateTime converters), with <c>k8s.Models</c> metadata from KubernetesClient's own source-generated
/// <c>SourceGenerationContext</c> instead of reflection. The library's own custom resources and file documents fall back
/// to reflection (slower, never different): a source-generated context for them would have to name every emitter's
/// types from this low namespace, a namespace cycle the layering test forbids.
/// <para>
/// One difference in the text, none in the values: strings are escaped only where JSON requires it
/// (<see cref="System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: <c>\"</c>, <c>\\</c>, control
/// characters), not for HTML as KubernetesJson's default encoder does (<c>"</c> as <c>\u0022</c>, <c>&lt;</c>, <c>+</c>,
/// <c>'</c>, non-ASCII). This JSON never leaves the process as text: the YAML writer and the validator read its values.
/// A NetworkAttachmentDefinition's config holds about a hundred quotes, and writing and reading each back as six
/// characters was most of the time it took to serialize one.
/// </para>
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
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(
                SourceGenerationContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new KubernetesJson.Iso8601TimeSpanConverter());
        options.Converters.Add(new KubernetesJson.KubernetesDateTimeConverter());
        options.Converters.Add(new KubernetesJson.KubernetesDateTimeOffsetConverter());
        options.MakeReadOnly();
        return options;
    }
}
