using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using GitOps.Output;
using Xunit;

namespace GitOps.Tests.Generation;

/// <summary>
/// <see cref="AsciiYamlWriter"/> against YamlDotNet's emitter (<see cref="YamlRenderer.EmitDocument(JsonElement)"/>, the
/// writer the renderer falls back to): every document the ASCII writer writes must be the emitter's bytes, and the
/// documents it refuses must leave nothing behind.
/// </summary>
public sealed class AsciiYamlWriterTests
{
    /// <summary>Pieces strings are made of: characters and texts at the edges of the emitter's style rules (indicators at the
    /// start, after a space, before a space or the end; YAML 1.1 values; line breaks, lines of spaces; characters outside
    /// printable ASCII, which the ASCII writer must refuse).</summary>
    private static readonly string[] Pieces =
    [
        "a", "b", "Z", "0", "7", " ", "  ", ":", "#", "-", "?", "'", "\"", "\\", "\n", "\n\n", ".", ",", "[", "]", "{", "}", "&", "*",
        "!", "|", ">", "%", "@", "`", "~", "=", "<<", "yes", "No", "true", "null", "0755", "1:30", ".5", "0x1F", "1e3", "---", "...",
        "- ", ": ", " #", "name", "config", "apiVersion", "kind", "metadata", "é", "\t", "\r", "\u2028", "😀",
    ];

    private static readonly Gen<string> Text = Gen.Int[0, Pieces.Length - 1].Array[0, 5].Select(ix => string.Concat(ix.Select(i => Pieces[i])));

    private static readonly Gen<JsonNode?> Leaf = Gen.Frequency(
        (6, Text.Select(t => (JsonNode?)JsonValue.Create(t))),
        (1, Gen.Int[-1000, 1000].Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.Double.Select(d => (JsonNode?)JsonValue.Create(double.IsFinite(d) ? d : 0.5))),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const((JsonNode?)null)));

    private static Gen<JsonNode?> Node(int depth) => depth == 0
        ? Leaf
        : Gen.Frequency((4, Leaf), (1, Mapping(depth - 1)), (1, Sequence(depth - 1)));

    private static Gen<JsonNode?> Mapping(int depth) =>
        Gen.Select(Text, Node(depth)).Array[0, 4].Select(entries =>
        {
            var mapping = new JsonObject();
            foreach (var (key, value) in entries)
            {
                mapping[key] = value;
            }

            return (JsonNode?)mapping;
        });

    private static Gen<JsonNode?> Sequence(int depth) =>
        Node(depth).Array[0, 3].Select(items => (JsonNode?)new JsonArray([.. items]));

    [Fact]
    public void Every_document_it_writes_is_what_YamlDotNet_writes_and_one_it_refuses_leaves_nothing()
    {
        var written = 0;
        var refused = 0;
        Mapping(3).Sample(root =>
        {
            using var document = JsonDocument.Parse(root!.ToJsonString());
            var writer = new AsciiYamlWriter();
            writer.Append("before\n"u8);
            if (writer.TryWrite(document.RootElement, YamlRenderer.LeadingKeysUtf8))
            {
                Interlocked.Increment(ref written);
                Assert.Equal(YamlRenderer.EmitDocument(document.RootElement), Encoding.UTF8.GetString(writer.Written[7..]));
            }
            else
            {
                Interlocked.Increment(ref refused);
                Assert.Equal("before\n", Encoding.UTF8.GetString(writer.Written));
            }
        }, iter: 20_000);

        // Both branches ran often enough to mean something (the pieces outside printable ASCII make about half refused).
        Assert.True(written > 2_000 && refused > 2_000, $"written {written}, refused {refused}");
    }

    [Theory]
    [InlineData("a\n")]
    [InlineData("a")]
    [InlineData("a\n\n")]
    [InlineData("\na\n")]
    [InlineData(" a\nb\n")]
    [InlineData("a \nb")]
    [InlineData("a\n \nb\n")]
    [InlineData("a\n  x\n")]
    [InlineData("a\nb ")]
    [InlineData("\n")]
    [InlineData("")]
    [InlineData("- a")]
    [InlineData("-a")]
    [InlineData("a: b")]
    [InlineData("a:")]
    [InlineData("a #b")]
    [InlineData("a#b")]
    [InlineData("'a")]
    [InlineData("a'b: c")]
    [InlineData("---x")]
    [InlineData("yes")]
    [InlineData("{\n  \"cniVersion\": \"1.0.0\"\n}\n")]
    public void Edge_strings_as_keys_and_values_are_written_as_YamlDotNet_writes_them(string text)
    {
        var root = new JsonObject
        {
            ["kind"] = text,
            ["metadata"] = new JsonObject { ["x"] = null },
            ["list"] = new JsonArray(text, new JsonArray(text, new JsonObject { ["k"] = text }), new JsonObject(), new JsonArray()),
            ["nested"] = new JsonObject { ["value"] = text, ["inner"] = new JsonObject { ["value"] = text } },
            ["after"] = 1,
        };
        if (!text.Contains('\n'))
        {
            root[text + "key"] = text;
        }

        using var document = JsonDocument.Parse(root.ToJsonString());
        var writer = new AsciiYamlWriter();
        Assert.True(writer.TryWrite(document.RootElement, YamlRenderer.LeadingKeysUtf8));
        Assert.Equal(YamlRenderer.EmitDocument(document.RootElement), Encoding.UTF8.GetString(writer.Written));
    }

    [Theory]
    [InlineData("{\"a\":\"caf\\u00e9\"}")]
    [InlineData("{\"a\":\"tab\\there\"}")]
    [InlineData("{\"a\":\"cr\\r\\n\"}")]
    [InlineData("{\"caf\\u00e9\":1}")]
    [InlineData("{\"a\\nb\":1}")]
    [InlineData("[1]")]
    [InlineData("\"text\"")]
    public void Documents_outside_printable_ASCII_are_left_to_YamlDotNet(string json)
    {
        using var document = JsonDocument.Parse(json);
        var writer = new AsciiYamlWriter();
        Assert.False(writer.TryWrite(document.RootElement, YamlRenderer.LeadingKeysUtf8));
        Assert.Equal(0, writer.Written.Length);
    }

    [Fact]
    public void A_key_longer_than_the_emitters_simple_key_is_left_to_YamlDotNet()
    {
        using var longest = JsonDocument.Parse($"{{\"{new string('k', 1024)}\":1}}");
        using var tooLong = JsonDocument.Parse($"{{\"{new string('k', 1025)}\":1}}");
        var writer = new AsciiYamlWriter();
        Assert.True(writer.TryWrite(longest.RootElement, YamlRenderer.LeadingKeysUtf8));
        Assert.Equal(YamlRenderer.EmitDocument(longest.RootElement), Encoding.UTF8.GetString(writer.Written));
        writer.Clear();
        Assert.False(writer.TryWrite(tooLong.RootElement, YamlRenderer.LeadingKeysUtf8));
    }

    [Fact]
    public void Every_document_of_the_sample_labs_is_written_by_the_ASCII_writer_as_YamlDotNet_writes_it()
    {
        var documents = 0;
        foreach (var lab in new[] { HomeLab.HomeLabModel.Build(), BareMetalLab.BareMetalLabModel.Build() })
        {
            foreach (var file in LabGenerator.GenerateSet(lab).Files.Where(f => f.Objects is not [ITextFileDocument]))
            {
                foreach (var obj in file.Objects)
                {
                    using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(ToJsonText(obj)));
                    var writer = new AsciiYamlWriter();
                    Assert.True(writer.TryWrite(document.RootElement, YamlRenderer.LeadingKeysUtf8), $"{file.RelativePath}: {obj.GetType().Name}");
                    Assert.Equal(YamlRenderer.EmitDocument(document.RootElement), Encoding.UTF8.GetString(writer.Written));
                    documents++;
                }
            }
        }

        Assert.True(documents > 50, $"{documents} documents");
    }

    private static string ToJsonText(object obj) => obj switch
    {
        IYamlTreeDocument tree => tree.YamlTree.ToJsonString(),
        JsonNode node => node.ToJsonString(),
        _ => YamlRenderer.ToJson(obj).ToJsonString(),
    };
}
