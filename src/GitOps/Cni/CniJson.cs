using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GitOps.Multus;

namespace GitOps.Cni;

/// <summary>
/// The one JSON setting for every CNI config we write: 2-space indent, LF, nulls omitted, trailing newline.
/// Metadata comes from the source-generated <see cref="CniJsonContext"/> (no reflection, nothing built at run time).
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

    public static string Serialize<T>(T value) =>
        JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T))) + "\n";
}

/// <summary>The CNI config types <see cref="CniJson"/> serializes (the plugin and IPAM types through their [JsonDerivedType] lists).</summary>
[JsonSerializable(typeof(PluginChain))]
[JsonSerializable(typeof(MultusConfig))]
[JsonSerializable(typeof(MultusDaemonConfig))]
internal sealed partial class CniJsonContext : JsonSerializerContext;
