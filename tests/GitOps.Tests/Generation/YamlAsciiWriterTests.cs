using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Output;
using GitOps.Tests.Support;
using Xunit;

namespace GitOps.Tests.Generation;

/// <summary>
/// The renderer's fast path (<see cref="YamlAsciiWriter"/>) against YamlDotNet's emitter, which it must match byte for
/// byte wherever it writes a document: every document of the sample labs, and generated documents full of the
/// characters that change a scalar's style (indicators, quotes, blanks, line feeds).
/// </summary>
public sealed class YamlAsciiWriterTests
{
    private static readonly string[] LeadingKeys = ["apiVersion", "kind", "metadata"];

    [Fact]
    public void Every_sample_document_is_written_as_YamlDotNet_writes_it()
    {
        var (fast, total) = (0, 0);
        foreach (var lab in new[] { HomeLab.HomeLabModel.Build(), BareMetalLab.BareMetalLabModel.Build(), BlogLab.Build() })
        {
            using var json = new ObjectJsonDocuments();
            var set = LabGenerator.GenerateSet(lab);
            var pending = new Queue<object>(set.Files.SelectMany(f => f.Objects).Where(o => o is not ITextFileDocument));
            while (pending.TryDequeue(out var obj))
            {
                foreach (var field in (obj as IEmbedsYaml)?.EmbeddedYaml ?? [])
                {
                    foreach (var child in field.Content.Children)
                    {
                        pending.Enqueue(child);
                    }
                }

                var element = obj is IYamlTreeDocument tree ? JsonDocument.Parse(tree.YamlTree.ToJsonString()).RootElement : json.Of(obj);
                total++;
                fast += Compare(element) ? 1 : 0;
            }
        }

        // Not a vacuous comparison: the sample labs are printable ASCII, so (nearly) all of them take the fast path.
        Assert.True(fast >= total * 9 / 10, $"only {fast} of {total} sample documents took the fast path");
    }

    [Fact]
    public void Generated_documents_are_written_as_YamlDotNet_writes_them()
    {
        var random = new Random(20);
        var fast = 0;
        const int documents = 4000;
        for (var i = 0; i < documents; i++)
        {
            var root = Object(random, depth: 0);
            if (random.Next(4) == 0)
            {
                root["apiVersion"] = Text(random);
                root["kind"] = Text(random);
            }

            using var document = JsonDocument.Parse(root.ToJsonString());
            fast += Compare(document.RootElement) ? 1 : 0;
        }

        Assert.True(fast >= documents / 2, $"only {fast} of {documents} generated documents took the fast path");
    }

    [Theory]
    [InlineData("café")]
    [InlineData("tab\there")]
    [InlineData("line\r\nbreak")]
    [InlineData("nul\0")]
    public void A_string_outside_printable_ASCII_leaves_the_document_to_YamlDotNet(string value)
    {
        using var document = JsonDocument.Parse(new JsonObject { ["kind"] = "ConfigMap", ["data"] = new JsonObject { ["key"] = value } }.ToJsonString());
        var writer = new YamlAsciiWriter();

        Assert.False(writer.TryWrite(document.RootElement, LeadingKeys));
        Assert.Equal(0, writer.Written.Length);
    }

    [Fact]
    public void A_file_with_one_document_YamlDotNet_must_write_is_rendered_whole_by_it_and_unchanged()
    {
        var ascii = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}}""")!;
        var other = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"},"data":{"k":"née\nline"}}""")!;
        var file = new ManifestFile("x/y.yaml", [ascii, other]);

        var rendered = Encoding.UTF8.GetString(YamlRenderer.Render(new ManifestSet([file]), new ObjectJsonDocuments())[0].Content);

        using var a = JsonDocument.Parse(ascii.ToJsonString());
        using var b = JsonDocument.Parse(other.ToJsonString());
        Assert.Equal(YamlRenderer.RenderElementWithYamlDotNet(a.RootElement) + "---\n" + YamlRenderer.RenderElementWithYamlDotNet(b.RootElement), rendered);
    }

    /// <summary>Writes <paramref name="element"/> both ways; true when the fast path took it (and then matched).</summary>
    private static bool Compare(JsonElement element)
    {
        var writer = new YamlAsciiWriter(capacity: 16);
        var expected = YamlRenderer.RenderElementWithYamlDotNet(element);
        if (!writer.TryWrite(element, LeadingKeys))
        {
            Assert.Equal(0, writer.Written.Length);
            return false;
        }

        Assert.Equal(expected, Encoding.ASCII.GetString(writer.Written));
        return true;
    }

    // Characters that decide a scalar's style in YamlDotNet's Emitter.AnalyzeScalar, and ordinary ones.
    private static readonly string[] Pieces =
    [
        "a", "b", "z", "0", "1", "9", ".", "-", "_", "/", " ", "  ", "\n", "\n\n", ":", ": ", "#", " #", "?", "'", "\"", "\\",
        "|", ">", "{", "}", "[", "]", ",", "&", "*", "!", "%", "@", "`", "~", "---", "...", "=", "<<", "true", "null", "0x1F",
        "1:30", "é",
    ];

    private static string Text(Random random)
    {
        var builder = new StringBuilder();
        var count = random.Next(0, 7);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }

    private static JsonObject Object(Random random, int depth)
    {
        var obj = new JsonObject();
        var count = random.Next(0, 5);
        for (var i = 0; i < count; i++)
        {
            var key = random.Next(3) == 0 ? Text(random) : "k" + i;
            if (!obj.ContainsKey(key))
            {
                obj[key] = Value(random, depth + 1);
            }
        }

        return obj;
    }

    private static JsonNode? Value(Random random, int depth) => random.Next(depth >= 3 ? 5 : 8) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => random.Next(3) == 0 ? -random.Next(1000) : random.NextDouble() * 1e6,
        3 or 4 => Text(random),
        5 => Object(random, depth),
        6 => new JsonArray([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(random, depth + 1))]),
        _ => "line one\n  indented\n\nlast" + (random.Next(2) == 0 ? "\n" : ""),
    };
}
