using System.Buffers;
using System.Text;
using System.Text.Json;
using GitOps.Kubernetes;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Output;

/// <summary>
/// The one YAML writer. Objects are turned into JSON with KubernetesClient's serializer (so k8s
/// types such as <c>IntOrString</c> and <c>ResourceQuantity</c> keep their wire form), then written as
/// YAML: <c>apiVersion</c>, <c>kind</c>, <c>metadata</c> first, other keys in model order; nulls omitted;
/// no aliases; strings a YAML 1.1 reader would take for something else quoted; multi-line strings as
/// literal blocks; LF, UTF-8 without BOM; one document per object, separated by <c>---</c>.
/// It is also the one place a file is rendered: <see cref="Render(ManifestFile)"/> dispatches on the document's type
/// (an <see cref="ITextFileDocument"/> such as a networkd unit, frr.conf or NETWORK.md renders its own text, an
/// <see cref="IYamlTreeDocument"/> gives its tree, everything else is YAML of its KubernetesJson form).
/// </summary>
internal static class YamlRenderer
{
    private static readonly string[] LeadingKeys = ["apiVersion", "kind", "metadata"];
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The emitter's settings, the same for every document (an <see cref="EmitterSettings"/> is immutable).</summary>
    private static readonly EmitterSettings Settings =
        new(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024, skipAnchorName: true, indentSequences: false, newLine: "\n");

    public static IReadOnlyList<RenderedFile> Render(ManifestSet set)
    {
        using var json = new ObjectJsonDocuments();
        return Render(set, json);
    }

    /// <summary>Renders every file, reading each object's JSON from <paramref name="json"/> (which the validator read too).
    /// Files are rendered on every core for a large set (<see cref="ParallelChunks"/>), each into its place in the result,
    /// so the result is the same as rendering them in order. One UTF-8 buffer per thread serves its files in turn: a
    /// file's documents are emitted straight into it as bytes, so a file's text is never held as a string. The documents <paramref name="json"/> put into the set
    /// (<see cref="ObjectJsonDocuments.ReplaceObjectsWithJson"/>) are released as their last file is rendered, so such a
    /// set is rendered once.</summary>
    public static IReadOnlyList<RenderedFile> Render(ManifestSet set, ObjectJsonDocuments json)
    {
        var rendered = new RenderedFile[set.Files.Count];
        ParallelChunks.Run(rendered.Length, () => (Buffer: new Utf8Buffer(), Scalars: new YamlScalarEvents()), (worker, _, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                rendered[i] = Render(set.Files[i], json, worker.Buffer, worker.Scalars);
                ObjectJsonDocuments.Rendered(set.Files[i]);
            }
        }, worker => worker.Buffer.Dispose());
        return rendered;
    }

    public static RenderedFile Render(ManifestFile file)
    {
        using var json = new ObjectJsonDocuments();
        using var buffer = new Utf8Buffer();
        return Render(file, json, buffer, new YamlScalarEvents());
    }

    private static RenderedFile Render(ManifestFile file, ObjectJsonDocuments json, Utf8Buffer buffer, YamlScalarEvents scalars)
    {
        var bytes = file.Objects is [ITextFileDocument document]
            ? TextBytes(document, buffer)
            : YamlBytes(file.Objects, json, buffer, scalars);
        return new RenderedFile(file.RelativePath, WithLfLineEndings(bytes)) { Placement = file.Placement };
    }

    /// <summary>A text file (a networkd unit, frr.conf, NETWORK.md) as UTF-8, written through <paramref name="buffer"/>.</summary>
    private static byte[] TextBytes(ITextFileDocument document, Utf8Buffer buffer)
    {
        document.WriteText(buffer.Start());
        return buffer.Finish();
    }

    /// <summary>The objects' YAML documents as UTF-8, written through <paramref name="buffer"/> (no delegate per file).</summary>
    private static byte[] YamlBytes(IReadOnlyList<object> objects, ObjectJsonDocuments json, Utf8Buffer buffer, YamlScalarEvents scalars)
    {
        WriteObjects(buffer.Start(), objects, json, scalars);
        return buffer.Finish();
    }

    /// <summary>Bytes whose text has only LF line breaks: <paramref name="bytes"/> itself when no other line break can be in
    /// it (the usual case), else the text with <see cref="string.ReplaceLineEndings(string)"/>'s breaks (CR, CRLF, FF, NEL,
    /// LS, PS) made LF. The check is by byte: a continuation byte of another character (0x85, 0xA8, 0xA9) only sends the
    /// file through the same replacement, which then changes nothing.</summary>
    private static byte[] WithLfLineEndings(byte[] bytes) =>
        bytes.AsSpan().IndexOfAny(OtherLineBreakBytes) < 0
            ? bytes
            : Utf8NoBom.GetBytes(Utf8NoBom.GetString(bytes).ReplaceLineEndings("\n"));

    /// <summary>CR, FF and the last byte of NEL (C2 85), LS (E2 80 A8) and PS (E2 80 A9) in UTF-8.</summary>
    private static readonly SearchValues<byte> OtherLineBreakBytes = SearchValues.Create([0x0D, 0x0C, 0x85, 0xA8, 0xA9]);

    /// <summary>A reusable UTF-8 text buffer: a writer (LF new lines, no BOM) over one memory stream, emptied for each file.</summary>
    private sealed class Utf8Buffer : IDisposable
    {
        private readonly MemoryStream stream = new();
        private readonly StreamWriter writer;

        public Utf8Buffer() => writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\n" };

        /// <summary>The writer, emptied: what is written to it until <see cref="Finish"/> is one file.</summary>
        public TextWriter Start()
        {
            stream.SetLength(0);
            return writer;
        }

        /// <summary>What was written since <see cref="Start"/>, as UTF-8 bytes.</summary>
        public byte[] Finish()
        {
            writer.Flush();
            return stream.ToArray();
        }

        public void Dispose()
        {
            writer.Dispose();
            stream.Dispose();
        }
    }

    public static string RenderObjects(IEnumerable<object> objects)
    {
        using var json = new ObjectJsonDocuments();
        using var writer = new StringWriter { NewLine = "\n" };
        WriteObjects(writer, objects, json, new YamlScalarEvents());
        return writer.ToString();
    }

    /// <summary>The objects as YAML documents, <c>---</c> between them, written to <paramref name="writer"/>.</summary>
    private static void WriteObjects(TextWriter writer, IEnumerable<object> objects, ObjectJsonDocuments json, YamlScalarEvents scalars)
    {
        var first = true;
        foreach (var obj in objects)
        {
            if (!first)
            {
                writer.Write("---\n");
            }

            WriteObject(writer, obj, json, scalars);
            first = false;
        }
    }

    public static string RenderObject(object obj)
    {
        using var json = new ObjectJsonDocuments();
        using var writer = new StringWriter { NewLine = "\n" };
        WriteObject(writer, obj, json, new YamlScalarEvents());
        return writer.ToString();
    }

    private static void WriteObject(TextWriter writer, object obj, ObjectJsonDocuments json, YamlScalarEvents scalars)
    {
        switch (obj)
        {
            case IYamlTreeDocument document:
                WriteNode(writer, document.YamlTree, scalars);
                break;
            case ITextFileDocument:
                throw new InvalidOperationException($"A {obj.GetType().Name} is a file of its own, not a YAML document.");
            case JsonNode node:
                WriteNode(writer, node, scalars);
                break;
            default:
                WriteElement(writer, json.Of(obj), scalars);
                break;
        }
    }

    /// <summary>The object's JSON form (what the API server receives), as a mutable tree for callers that edit it.</summary>
    public static JsonObject ToJson(object obj)
    {
        using var json = new ObjectJsonDocuments();
        return JsonObject.Create(json.Of(obj).Clone()) ?? throw new InvalidOperationException($"{obj.GetType().Name} serialized to null.");
    }

    /// <summary>
    /// The text of an embedded-YAML field: its documents (made from the children's JSON in <paramref name="json"/>) as a
    /// YAML stream, written exactly as the files are (<c>---</c> between documents).
    /// </summary>
    internal static string RenderEmbedded(EmbeddedYaml embedded, ObjectJsonDocuments json)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var scalars = new YamlScalarEvents();
        var first = true;
        foreach (var document in embedded.Documents(json.Of))
        {
            if (!first)
            {
                writer.Write("---\n");
            }

            WriteElement(writer, document, scalars);
            first = false;
        }

        return writer.ToString();
    }

    /// <summary>A JSON tree as one YAML document (through its JSON text, so it is written exactly as an object's JSON is).</summary>
    public static string RenderNode(JsonNode node)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        WriteNode(writer, node, new YamlScalarEvents());
        return writer.ToString();
    }

    private static void WriteNode(TextWriter writer, JsonNode node, YamlScalarEvents scalars)
    {
        string text;
        lock (node) // a tree made from JSON builds its children on first read, which is not thread-safe (files render in parallel)
        {
            text = node.ToJsonString();
        }

        using var document = JsonDocument.Parse(text);
        WriteElement(writer, document.RootElement, scalars);
    }

    /// <summary>One YAML document (a stream of one implicit document) appended to <paramref name="writer"/>.</summary>
    private static void WriteElement(TextWriter writer, JsonElement element, YamlScalarEvents scalars)
    {
        var emitter = new Emitter(writer, Settings);
        emitter.Emit(Events.StreamStart);
        emitter.Emit(Events.DocumentStart);
        Write(emitter, element, scalars, topLevel: true);
        emitter.Emit(Events.DocumentEnd);
        emitter.Emit(Events.StreamEnd);
    }

    private static void Write(IEmitter emitter, JsonElement node, YamlScalarEvents scalars, bool topLevel = false)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                emitter.Emit(Events.MappingStart);
                if (topLevel)
                {
                    foreach (var key in LeadingKeys)
                    {
                        if (node.TryGetProperty(key, out var value))
                        {
                            WriteProperty(emitter, scalars.Of(key), value, scalars);
                        }
                    }
                }

                foreach (var property in node.EnumerateObject())
                {
                    if (!(topLevel && IsLeadingKey(property)))
                    {
                        WriteProperty(emitter, scalars.Key(property), property.Value, scalars);
                    }
                }

                emitter.Emit(Events.MappingEnd);
                break;
            case JsonValueKind.Array:
                emitter.Emit(Events.SequenceStart);
                foreach (var item in node.EnumerateArray())
                {
                    Write(emitter, item, scalars);
                }

                emitter.Emit(Events.SequenceEnd);
                break;
            case JsonValueKind.String:
                emitter.Emit(scalars.String(node));
                break;
            case JsonValueKind.True:
                emitter.Emit(YamlScalarEvents.True);
                break;
            case JsonValueKind.False:
                emitter.Emit(YamlScalarEvents.False);
                break;
            case JsonValueKind.Number:
                emitter.Emit(YamlScalarEvents.Number(node));
                break;
            default:
                emitter.Emit(YamlScalarEvents.Null);
                break;
        }
    }

    /// <summary>One key and its value; a null value is omitted (as the API server reads it: unset).</summary>
    private static void WriteProperty(IEmitter emitter, Scalar key, JsonElement value, YamlScalarEvents scalars)
    {
        if (value.ValueKind != JsonValueKind.Null)
        {
            emitter.Emit(key);
            Write(emitter, value, scalars);
        }
    }

    /// <summary>The structure events every document is written with, made once: YamlDotNet's events are immutable and the
    /// emitter only reads them (as <see cref="YamlScalarEvents"/>).</summary>
    private static class Events
    {
        public static readonly StreamStart StreamStart = new();
        public static readonly DocumentStart DocumentStart = new(null, null, isImplicit: true);
        public static readonly DocumentEnd DocumentEnd = new(isImplicit: true);
        public static readonly StreamEnd StreamEnd = new();
        public static readonly MappingStart MappingStart = new(null, null, isImplicit: true, MappingStyle.Block);
        public static readonly MappingEnd MappingEnd = new();
        public static readonly SequenceStart SequenceStart = new(null, null, isImplicit: true, SequenceStyle.Block);
        public static readonly SequenceEnd SequenceEnd = new();
    }

    private static bool IsLeadingKey(JsonProperty property)
    {
        foreach (var key in LeadingKeys)
        {
            if (property.NameEquals(key))
            {
                return true;
            }
        }

        return false;
    }
}
