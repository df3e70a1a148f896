using System.Text.Json;
using System.Text.Json.Nodes;
using RouteFix.Cni;

namespace RouteFix.Tests;

public sealed class ResultConversionTests
{
    private static ResultJson Read(string json) => CniJson.ReadResult(JsonDocument.Parse(json).RootElement);

    private static string Write(ResultJson result) => CniJson.Write(result);

    private const string Result100 = """
        {"cniVersion":"1.0.0",
         "interfaces":[{"name":"net1","mac":"56:c6:ce:2b:6e:f7","sandbox":"/var/run/netns/x"}],
         "ips":[{"address":"192.168.2.158/24","gateway":"192.168.2.1","interface":0},{"address":"fd00:2::9/64","interface":0}],
         "routes":[{"dst":"0.0.0.0/0","gw":"192.168.2.1"}],
         "dns":{"nameservers":["192.168.2.1"]}}
        """;

    [Theory]
    [InlineData("0.3.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    public void Down_to_pre_100_adds_ip_versions(string target)
    {
        var converted = ResultConversion.Convert(Read(Result100), target);
        Assert.Equal(target, converted.CniVersion);
        Assert.Equal(["4", "6"], converted.Ips!.Select(i => i!.Version));
        var json = JsonDocument.Parse(Write(converted)).RootElement;
        Assert.Equal("4", json.GetProperty("ips")[0].GetProperty("version").GetString());
        Assert.Equal("192.168.2.1", json.GetProperty("dns").GetProperty("nameservers")[0].GetString());
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public void Up_to_100_drops_ip_versions(string target)
    {
        var converted = ResultConversion.Convert(Read(Samples.PrevResult040), target);
        var json = JsonDocument.Parse(Write(converted)).RootElement;
        Assert.Equal(target, json.GetProperty("cniVersion").GetString());
        Assert.False(json.GetProperty("ips")[0].TryGetProperty("version", out _));
        Assert.Equal(2, json.GetProperty("ips")[0].GetProperty("interface").GetInt32());
        Assert.Equal("/var/run/netns/cni-090e5f88", json.GetProperty("interfaces")[2].GetProperty("sandbox").GetString());
    }

    [Fact]
    public void Conversion_is_lossless_for_the_fields_of_the_target()
    {
        var once = Write(ResultConversion.Convert(Read(Result100), "0.4.0"));
        var back = Write(ResultConversion.Convert(Read(once), "1.0.0"));
        Assert.Equal(Write(ResultConversion.Convert(Read(Result100), "1.0.0")), back);
    }

    [Fact]
    public void Route_fields_of_110_survive()
    {
        var converted = ResultConversion.Convert(Read("""{"cniVersion":"1.1.0","routes":[{"dst":"10.0.0.0/8","mtu":1400,"advmss":1360,"priority":5,"table":100,"scope":253}]}"""), "1.1.0");
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"cniVersion":"1.1.0","routes":[{"dst":"10.0.0.0/8","mtu":1400,"advmss":1360,"priority":5,"table":100,"scope":253}]}"""),
            JsonNode.Parse(Write(converted))));
    }

    [Fact]
    public void Unsupported_target_is_code_1()
    {
        var e = Assert.Throws<CniException>(() => ResultConversion.Convert(Read(Result100), "0.2.0"));
        Assert.Equal(CniErrorCodes.IncompatibleCniVersion, e.Code);
    }

    [Fact]
    public void Output_is_deterministic_lf_json()
    {
        var text = Write(ResultConversion.Convert(Read(Result100), "1.0.0"));
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"cniVersion\": \"1.0.0\",\n  \"interfaces\": [", text, StringComparison.Ordinal);
    }
}
