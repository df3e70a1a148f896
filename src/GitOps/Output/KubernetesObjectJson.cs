using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GitOps.Topology;

namespace GitOps.Output;

/// <summary>
/// The JSON of an emitted object, as <c>k8s.KubernetesJson.Serialize</c> writes it (kubernetes-client/csharp
/// src/KubernetesClient/KubernetesJson.cs: nulls omitted, camelCase, JsonStringEnumConverter, its TimeSpan and
/// DateTime converters), with source-generated metadata only: the library's <c>GitOps.Serialization.ObjectJsonContext</c>
/// (its custom resources, file documents and the <c>k8s.Models</c> kinds it writes, precompiled in GitOps.dll), then
/// KubernetesClient's own <c>SourceGenerationContext</c> for any other <c>k8s.Models</c> kind. A type in neither (a lab
/// author's own <c>IKubernetesObject</c> class) is read by reflection where the process allows it
/// (<see cref="ReflectionJson"/>); a NativeAOT or trimmed lab does not, and such a type is a
/// <see cref="NotSupportedException"/> naming it.
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

    /// <summary>The object's JSON as a document (its runtime type decides the shape, as in KubernetesJson). The serializer
    /// writes into a pooled buffer that the document then reads (no array of the JSON's own); disposing the document
    /// returns it.</summary>
    public static JsonDocument SerializeToDocument(object value) =>
        JsonSerializer.SerializeToDocument(value, Options.GetTypeInfo(value.GetType()));

    private static JsonSerializerOptions CreateOptions() =>
        KubernetesJsonSettings.Create(
            System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            GeneratedObjectJson.Resolver ?? throw new InvalidOperationException("GitOps.Serialization.ObjectJsonContext did not register (its module initializer runs first)."),
            k8s.SourceGenerationContext.Default);
}

/// <summary>The library's source-generated object metadata, set by <c>GitOps.Serialization.ObjectJsonContext.Register</c> (a module initializer).</summary>
internal static class GeneratedObjectJson
{
    public static IJsonTypeInfoResolver? Resolver { get; set; }
}
