using System.Text.Json.Nodes;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>
/// The one YAML reader reads like sigs.k8s.io/yaml YAMLToJSON (go-yaml v2, YAML 1.1): each expectation below is
/// what that function returns for the same input (go-yaml v2 resolve.go, decode.go; kubernetes-sigs/yaml yaml.go).
/// </summary>
public sealed class YamlTextTests
{
    private static string Json(string yaml) => YamlText.Documents(yaml).Single().ToJsonString();

    [Theory]
    [InlineData("y", "true")]
    [InlineData("Yes", "true")]
    [InlineData("ON", "true")]
    [InlineData("True", "true")]
    [InlineData("n", "false")]
    [InlineData("off", "false")]
    [InlineData("NO", "false")]
    [InlineData("~", "null")]
    [InlineData("", "null")]
    [InlineData("Null", "null")]
    [InlineData("12", "12")]
    [InlineData("-12", "-12")]
    [InlineData("+12", "12")]
    [InlineData("0x1F", "31")]
    [InlineData("0777", "511")]
    [InlineData("0o17", "15")]
    [InlineData("0b101", "5")]
    [InlineData("1_000", "1000")]
    [InlineData("08", "8")]
    [InlineData("1.5", "1.5")]
    [InlineData("1e3", "1000")]
    [InlineData(".5", "0.5")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("2001-12-14", "\"2001-12-14\"")]
    [InlineData("1:30", "\"1:30\"")]
    [InlineData("yess", "\"yess\"")]
    [InlineData("TrUe", "\"TrUe\"")]
    [InlineData("0x", "\"0x\"")]
    [InlineData("v1.2", "\"v1.2\"")]
    public void Plain_scalars_resolve_as_yaml_1_1(string scalar, string json)
    {
        Assert.Equal("{\"v\":" + json + "}", Json("v: " + scalar + "\n"));
    }

    [Theory]
    [InlineData("'yes'")]
    [InlineData("\"on\"")]
    [InlineData("!!str yes")]
    [InlineData("! yes")]
    public void Quoted_and_string_tagged_scalars_stay_strings(string scalar)
    {
        Assert.Equal("{\"v\":\"yes\"}", Json("v: " + scalar.Replace("on", "yes") + "\n"));
    }

    [Fact]
    public void Block_scalars_are_strings()
    {
        Assert.Equal("{\"v\":\"yes\\n\"}", Json("v: |\n  yes\n"));
    }

    [Fact]
    public void Keys_become_the_strings_yaml_to_json_gives_them()
    {
        Assert.Equal("{\"true\":1,\"80\":2,\"false\":3}", Json("yes: 1\n80: 2\noff: 3\n"));
    }

    [Fact]
    public void Null_key_is_an_error()
    {
        Assert.Throws<YamlDotNet.Core.YamlException>(() => YamlText.Documents("~: 1\n"));
    }

    [Fact]
    public void Merge_keys_apply_in_order_and_earlier_maps_of_a_list_win()
    {
        const string yaml = """
            base: &base { a: 1, b: 1 }
            other: &other { b: 2, c: 2 }
            before:
              a: 0
              <<: *base
            after:
              <<: *base
              a: 0
            list:
              <<: [*base, *other]
            """;

        var root = YamlText.Documents(yaml).Single()!;

        // go-yaml v2 mapping(): the merge is applied where it appears, overwriting keys set before it.
        Assert.Equal("{\"a\":1,\"b\":1}", root["before"]!.ToJsonString());
        Assert.Equal("{\"a\":0,\"b\":1}", root["after"]!.ToJsonString());
        Assert.Equal("{\"b\":1,\"c\":2,\"a\":1}", root["list"]!.ToJsonString());
    }

    [Fact]
    public void Quoted_merge_key_is_an_ordinary_key()
    {
        var root = YamlText.Documents("\"<<\": {a: 1}\n").Single()!.AsObject();

        var (key, value) = Assert.Single(root);
        Assert.Equal("<<", key);
        Assert.Equal("{\"a\":1}", value!.ToJsonString());
    }

    [Fact]
    public void Aliases_are_expanded_and_copies_are_independent()
    {
        var root = YamlText.Documents("a: &x [1, 2]\nb: *x\n").Single()!;

        ((JsonArray)root["a"]!).Add(JsonValue.Create(3)); // JsonValue.Create(int): no reflection (this project turns it off)

        Assert.Equal("[1,2]", root["b"]!.ToJsonString());
    }

    [Fact]
    public void Empty_documents_are_left_out()
    {
        Assert.Equal(2, YamlText.Documents("---\na: 1\n---\n---\n# only a comment\n---\nb: 2\n").Count);
    }

    [Fact]
    public void Later_value_of_a_repeated_key_wins()
    {
        Assert.Equal("{\"a\":2}", Json("a: 1\na: 2\n"));
    }
}

/// <summary>The library's writer and its reader agree: every string the writer emits reads back as the same string.</summary>
public sealed class YamlRoundTripTests
{
    [Theory]
    [InlineData("yes")]
    [InlineData("Off")]
    [InlineData("y")]
    [InlineData("~")]
    [InlineData("0777")]
    [InlineData("0x1F")]
    [InlineData("0X1F")]
    [InlineData("0o17")]
    [InlineData("0O17")]
    [InlineData("0b101")]
    [InlineData("0B101")]
    [InlineData("-0x10")]
    [InlineData("1_000")]
    [InlineData("08")]
    [InlineData("+12")]
    [InlineData(".5")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("1.")]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData(".NaN")]
    [InlineData("<<")]
    [InlineData("2001-12-14")]
    [InlineData("v1.2")]
    [InlineData("^eth1$")]
    public void Written_string_reads_back_unchanged(string value)
    {
        var yaml = GitOps.Output.YamlRenderer.RenderNode(new JsonObject { ["v"] = value, [value] = "k" });

        var back = YamlText.Documents(yaml).Single()!.AsObject();

        Assert.Equal(value, back["v"]!.GetValue<string>());
        Assert.True(back.ContainsKey(value), yaml);
    }
}
