using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GitOps.Cni;

/// <summary>
/// The one JSON setting for every CNI config we write: 2-space indent, LF, nulls omitted, trailing newline.
/// Metadata comes from the source-generated <see cref="CniJsonContext"/> for the plugin chains and the thin Multus config;
/// the thick daemon's config falls back to reflection (same bytes).
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
        // The thick daemon's config (GitOps.Multus.MultusDaemonConfig) is read by reflection: naming it here would make
        // this namespace depend on the Multus one, which depends on this one (the layering test forbids the cycle).
        TypeInfoResolver = JsonTypeInfoResolver.Combine(CniJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static string Serialize<T>(T value) =>
        JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T))) + "\n";
}

/// <summary>The CNI config types <see cref="CniJson"/> serializes (the plugin and IPAM types through their [JsonDerivedType] lists).</summary>
[JsonSerializable(typeof(PluginChain))]
[JsonSerializable(typeof(MultusConfig))]
internal sealed partial class CniJsonContext : JsonSerializerContext;
