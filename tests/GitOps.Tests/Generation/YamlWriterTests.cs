using GitOps.Validation;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Output;
using GitOps.Tests.Support;
using k8s.Models;
using Xunit;

namespace GitOps.Tests.Generation;

public sealed class YamlWriterTests
{
    [Fact]
    public void Every_emitted_file_reads_back_as_the_same_objects()
    {
        foreach (var file in LabGenerator.GenerateSet(HomeLab.HomeLabModel.Build()).Files.Where(f => !f.Objects.Any(o => o is GitOps.Hosts.NetworkdUnit or GitOps.Hosts.FrrConfig or GitOps.Hosts.HyperVScript or GitOps.K3s.K3sConfigFile or GitOps.Picture.NetworkPicture)))
        {
            var yaml = Encoding.UTF8.GetString(YamlRenderer.Render(file).Content);
            var readBack = YamlText.Documents(yaml);
            Assert.Equal(file.Objects.Count, readBack.Count);
            for (var i = 0; i < readBack.Count; i++)
            {
                var expected = YamlRenderer.ToJson(file.Objects[i]);
                Assert.True(JsonNode.DeepEquals(expected, readBack[i]), $"{file.RelativePath} document {i} changed through YAML:\n{expected.ToJsonString()}\n{readBack[i]?.ToJsonString()}");
            }
        }
    }

    [Theory]
    [InlineData("true")]
    [InlineData("yes")]
    [InlineData("On")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("0755")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("0x1F")]
    [InlineData("1:30")]
    [InlineData("123")]
    public void Strings_a_YAML_reader_would_retype_are_quoted(string value)
    {
        var yaml = YamlRenderer.RenderObject(ConfigMap(value));
        Assert.Contains($"key: \"{value}\"", yaml);
        var data = YamlText.Documents(yaml)[0]!["data"]!["key"]!;
        Assert.Equal(value, data.GetValue<string>());
    }

    [Theory]
    [InlineData("100m")]
    [InlineData("default/layer2-bridge")]
    [InlineData("^eth1$")]
    public void Ordinary_strings_stay_plain(string value) =>
        Assert.Contains($"key: {value}\n", YamlRenderer.RenderObject(ConfigMap(value)));

    [Fact]
    public void Multi_line_strings_are_literal_blocks_and_top_level_keys_come_first()
    {
        var yaml = YamlRenderer.RenderObject(ConfigMap("{\n  \"a\": 1\n}\n"));
        Assert.StartsWith("apiVersion: v1\nkind: ConfigMap\nmetadata:\n", yaml);
        Assert.Contains("  key: |\n    {\n      \"a\": 1\n    }\n", yaml);
    }

    [Fact]
    public void Output_is_byte_identical_across_runs_and_cultures()
    {
        var reference = RenderAll();
        Assert.Equal(reference, RenderAll());
        foreach (var culture in new[] { "tr-TR", "de-DE", "ar-SA", "ja-JP" })
        {
            var previous = CultureInfo.CurrentCulture;
            var previousUi = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
                Assert.Equal(reference, RenderAll());
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
                CultureInfo.CurrentUICulture = previousUi;
            }
        }
    }

    [Fact]
    public void Files_are_utf8_without_bom_with_lf_and_a_trailing_newline()
    {
        foreach (var file in YamlRenderer.Render(LabGenerator.GenerateSet(HomeLab.HomeLabModel.Build())))
        {
            Assert.False(file.Content.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), file.RelativePath);
            Assert.DoesNotContain((byte)'\r', file.Content);
            Assert.Equal((byte)'\n', file.Content[^1]);
        }
    }

    /// <summary>
    /// A file's bytes are written straight from the emitter as UTF-8; text with a line break other than LF (CR, CRLF,
    /// FF, NEL, LS, PS) still leaves with every break an LF, as <see cref="string.ReplaceLineEndings(string)"/> makes it,
    /// and text with none comes out as the emitter wrote it (é and ✓ hold the bytes 0xA9 and 0x9C that the check looks at).
    /// </summary>
    [Theory]
    [InlineData("a\r\nb\n")]
    [InlineData("a\rb\n")]
    [InlineData("a\u2028b\u2029c\n")]
    [InlineData("a\u0085b\fc\n")]
    [InlineData("caf\u00e9 \u2713")]
    [InlineData("multi\nline caf\u00e9\n")]
    public void A_file_has_only_LF_line_breaks_and_the_emitters_text_otherwise(string value)
    {
        var second = ConfigMap("plain");
        second.Metadata.Name = "y";
        var expected = Encoding.UTF8.GetBytes(YamlRenderer.RenderObjects([ConfigMap(value), second]).ReplaceLineEndings("\n"));

        var rendered = YamlRenderer.Render(new ManifestFile("configmap.yaml", [ConfigMap(value), second])).Content;

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(rendered));
        Assert.Equal(expected, rendered);
        Assert.DoesNotContain((byte)'\r', rendered);
    }

    /// <summary>
    /// A rendering thread reuses the event of a text it has seen (<see cref="YamlScalarEvents"/>, looked up by the JSON's
    /// bytes): escaped and non-ASCII keys and values, texts a YAML reader would retype as keys and as values, texts past the
    /// 64-byte bound and more distinct texts than the 4,096 it keeps come out the same in a second document (which finds
    /// them remembered) as in the first, and read back as written.
    /// </summary>
    [Fact]
    public void A_remembered_text_is_written_as_a_fresh_one()
    {
        var data = new Dictionary<string, string>
        {
            ["quote\"key"] = "back\\slash",
            ["caf\u00e9"] = "na\u00efve \u2713",
            ["on"] = "on",
            ["0755"] = "1e3",
            ["tab\there"] = "line\nbreak\n",
            ["long"] = new string('x', 65),
            ["x"] = new string('\u00e9', 33), // 66 UTF-8 bytes, 33 characters
        };
        for (var i = 0; i < 5000; i++)
        {
            data[$"k{i}"] = $"v{i}";
        }

        var first = ConfigMap("unused");
        first.Data = data;
        var second = ConfigMap("unused");
        second.Data = data;
        second.Metadata.Name = "second";

        var text = Encoding.UTF8.GetString(YamlRenderer.Render(new ManifestFile("configmap.yaml", [first, second])).Content);
        var documents = text.Split("---\n");

        Assert.Equal(2, documents.Length);
        Assert.Equal(documents[0].Replace("name: x\n", "name: second\n"), documents[1]);
        Assert.Equal(YamlRenderer.RenderObject(first), documents[0]); // alone, with a fresh thread's table
        Assert.Contains("\n  \"on\": \"on\"\n", documents[0]);
        Assert.Contains("\n  \"0755\": \"1e3\"\n", documents[0]);
        foreach (var document in YamlText.Documents(text))
        {
            var readBack = document!["data"]!.AsObject();
            Assert.Equal(data.Count, readBack.Count);
            Assert.All(data, pair => Assert.Equal(pair.Value, readBack[pair.Key]!.GetValue<string>()));
        }
    }

    private static string RenderAll() =>
        string.Join("\0", YamlRenderer.Render(LabGenerator.GenerateSet(HomeLab.HomeLabModel.Build()))
            .Select(f => f.RelativePath + "\n" + Convert.ToBase64String(f.Content)));

    private static V1ConfigMap ConfigMap(string value) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = "x" },
        Data = new Dictionary<string, string> { ["key"] = value },
    };
}
