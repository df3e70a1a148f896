using System.Text;
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

    public static IReadOnlyList<RenderedFile> Render(ManifestSet set) =>
        set.Files.Select(Render).ToArray();

    public static RenderedFile Render(ManifestFile file)
    {
        var text = file.Objects switch
        {
            [ITextFileDocument document] => document.RenderText(),
            var objects => RenderObjects(objects),
        };
        return new RenderedFile(file.RelativePath, Utf8NoBom.GetBytes(text.ReplaceLineEndings("\n")));
    }

    public static string RenderObjects(IEnumerable<object> objects)
    {
        var builder = new StringBuilder();
        var first = true;
        foreach (var obj in objects)
        {
            if (!first)
            {
                builder.Append("---\n");
            }

            builder.Append(RenderObject(obj));
            first = false;
        }

        return builder.ToString();
    }

    public static string RenderObject(object obj) => obj switch
    {
        IYamlTreeDocument document => RenderNode(document.YamlTree),
        ITextFileDocument => throw new InvalidOperationException($"A {obj.GetType().Name} is a file of its own, not a YAML document."),
        _ => RenderNode(ToJson(obj)),
    };

    /// <summary>The object's JSON form (what the API server receives), used by the writer and the validators.</summary>
    public static JsonObject ToJson(object obj)
    {
        var json = k8s.KubernetesJson.Serialize(obj);
        return JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException($"{obj.GetType().Name} serialized to null.");
    }

    public static string RenderNode(JsonNode node)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(writer, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024, skipAnchorName: true, indentSequences: false, newLine: "\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Write(emitter, node, topLevel: true);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Write(IEmitter emitter, JsonNode? node, bool topLevel = false)
    {
        switch (node)
        {
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
                foreach (var (key, value) in Ordered(obj, topLevel))
                {
                    if (value is null)
                    {
                        continue;
                    }

                    WriteString(emitter, key);
                    Write(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in array)
                {
                    Write(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                WriteValue(emitter, value);
                break;
            default:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Ordered(JsonObject obj, bool topLevel)
    {
        if (!topLevel)
        {
            return obj;
        }

        var leading = LeadingKeys.Where(obj.ContainsKey).Select(k => new KeyValuePair<string, JsonNode?>(k, obj[k]));
        return leading.Concat(obj.Where(p => !LeadingKeys.Contains(p.Key)));
    }

    private static void WriteValue(IEmitter emitter, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case System.Text.Json.JsonValueKind.String:
                WriteString(emitter, value.GetValue<string>());
                break;
            case System.Text.Json.JsonValueKind.True:
                emitter.Emit(new Scalar(null, null, "true", ScalarStyle.Plain, true, false));
                break;
            case System.Text.Json.JsonValueKind.False:
                emitter.Emit(new Scalar(null, null, "false", ScalarStyle.Plain, true, false));
                break;
            default:
                // Numbers keep the exact text System.Text.Json wrote (invariant, round-trippable).
                emitter.Emit(new Scalar(null, null, value.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static void WriteString(IEmitter emitter, string text)
    {
        var style = text.Contains('\n')
            ? ScalarStyle.Literal
            : YamlScalars.NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, text, style, true, style != ScalarStyle.Plain));
    }
}
