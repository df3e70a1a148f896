using System.Buffers;
using System.Text;
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

    /// <summary>The value's JSON and a newline: written as UTF-8 into the thread's reused buffer, then made one string (not a
    /// string and its copy with the newline).</summary>
    public static string Serialize<T>(T value, JsonSerializerOptions options)
    {
        if (options.WriteIndented != Options.WriteIndented || options.IndentSize != Options.IndentSize || options.NewLine != Options.NewLine ||
            !ReferenceEquals(options.Encoder, Options.Encoder))
        {
            throw new ArgumentException("CNI JSON is written with CniJson.Options or a copy of it (WithResolver): the reused writer has their settings.", nameof(options));
        }

        var (buffer, writer) = utf8 ?? NewWriter();
        utf8 = null; // taken: a nested call on this thread (none today) would get a writer of its own
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        try
        {
            JsonSerializer.Serialize(writer, value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
            writer.Flush();
            buffer.Write("\n"u8);
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            writer.Reset(); // a failed serialization leaves no state in the reused writer
            utf8 = (buffer, writer);
        }
    }

    /// <summary>One writer per thread, reused; its options (indent, newline, encoder) are <see cref="Options"/>'s, and
    /// JsonSerializer writes with the writer's options, so every call site's options must carry these (see <see cref="WithResolver"/>).</summary>
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? utf8;

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewWriter()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        return (buffer, new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = Options.WriteIndented,
            IndentSize = Options.IndentSize,
            IndentCharacter = Options.IndentCharacter,
            NewLine = Options.NewLine,
            Encoder = Options.Encoder,
            MaxDepth = Options.MaxDepth == 0 ? 64 : Options.MaxDepth,
            SkipValidation = true, // as the serializer's own writer (JsonSerializerOptions.GetWriterOptions): it writes well-formed JSON
        }));
    }
}

/// <summary>The CNI config types <see cref="CniJson"/> serializes (the plugin and IPAM types through their [JsonDerivedType] lists).</summary>
[JsonSerializable(typeof(PluginChain))]
[JsonSerializable(typeof(MultusConfig))]
internal sealed partial class CniJsonContext : JsonSerializerContext;
