using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GitOps.Cni;

/// <summary>
/// The one JSON setting for every CNI config we write: 2-space indent, LF, nulls omitted, trailing newline.
/// Metadata is source-generated: <see cref="CniJsonContext"/> for the plugin chains and the thin Multus config, the
/// caller's own context for another type (the thick daemon's config, <see cref="WithResolver"/>).
/// </summary>
internal static class CniJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = CniJsonContext.Default,
    };

    /// <summary>These settings with another namespace's context (naming its types here would make a namespace cycle).</summary>
    public static JsonSerializerOptions WithResolver(IJsonTypeInfoResolver resolver) => new(Options) { TypeInfoResolver = resolver };

    public static string Serialize<T>(T value) => Serialize(value, Options);

    public static string Serialize<T>(T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T))) + "\n";
}

/// <summary>The CNI config types <see cref="CniJson"/> serializes (the plugin and IPAM types through their [JsonDerivedType] lists).</summary>
[JsonSerializable(typeof(PluginChain))]
[JsonSerializable(typeof(MultusConfig))]
internal sealed partial class CniJsonContext : JsonSerializerContext;
