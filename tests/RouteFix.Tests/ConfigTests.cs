using System.Net;
using RouteFix.Addressing;
using RouteFix.Cni;
using RouteFix.Plugin;

namespace RouteFix.Tests;

public sealed class ConfigTests
{
    private static RouteFixConfig Parse(string json) => RouteFixConfig.From(RouteFixNetConfJson.Decode(System.Text.Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Everything_is_optional_with_defaults_on()
    {
        var config = Parse("""{"cniVersion":"1.0.0","name":"lan","type":"route-fix"}""");
        Assert.True(config.Multicast);
        Assert.True(config.Broadcast);
        Assert.True(config.RemoveDefaultRoute);
        Assert.Empty(config.Routes);
        Assert.Null(config.PrevResult);
        Assert.Equal("lan", config.Name);
    }

    [Theory]
    [InlineData("""{"dst":"10.0.0.0/33"}""", "invalid routes[0].dst: \"10.0.0.0/33\"", "write a CIDR prefix such as \"10.0.0.0/24\"")]
    [InlineData("""{"dst":"10.0.0.5/24"}""", "invalid routes[0].dst: \"10.0.0.5/24\"", "host bits are set; write \"10.0.0.0/24\"")]
    [InlineData("""{"gw":"192.168.2.1"}""", "invalid routes[0].dst: null", "write a CIDR prefix such as \"10.0.0.0/24\"")]
    [InlineData("""{"dst":"10.0.0.0/24","gw":"192.168.2"}""", "invalid routes[0].gw: \"192.168.2\"", "write a single address such as \"192.168.2.1\", or leave gw out for an on-link route")]
    [InlineData("""{"dst":"10.0.0.0/24","gw":"fe80::1"}""", "invalid routes[0].gw: \"fe80::1\"", "the gateway's address family differs from dst 10.0.0.0/24")]
    [InlineData("null", "invalid routes[0]: null", "write {\"dst\":\"10.0.0.0/24\",\"gw\":\"192.168.2.1\"}")]
    public void Bad_routes_are_code_7_with_field_value_and_fix(string route, string message, string fix)
    {
        var e = Assert.Throws<CniException>(() => Parse($$"""{"cniVersion":"1.0.0","name":"lan","routes":[{{route}}]}"""));
        Assert.Equal(CniErrorCodes.InvalidNetworkConfig, e.Code);
        Assert.Equal(message, e.Msg);
        Assert.Equal(fix, e.Details);
    }

    [Fact]
    public void Another_plugin_type_is_rejected()
    {
        var e = Assert.Throws<CniException>(() => Parse("""{"cniVersion":"1.0.0","name":"lan","type":"sbr"}"""));
        Assert.Equal("invalid type: \"sbr\"", e.Msg);
    }

    [Theory]
    [InlineData("""{"routes":{"dst":"10.0.0.0/24"}}""", "$.routes", "expected an array of")]
    [InlineData("""{"removeDefaultRoute":1}""", "$.removeDefaultRoute", "expected true or false")]
    [InlineData("""{"prevResult":{"ips":[{"interface":"two"}]}}""", "$.prevResult.ips[0].interface", "expected an integer")]
    [InlineData("""{"prevResult":[]}""", "$.prevResult", "expected a CNI result object")]
    public void Wrong_types_name_the_path(string json, string path, string expected)
    {
        var e = Assert.Throws<CniException>(() => RouteFixNetConfJson.Decode(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.Equal(CniErrorCodes.InvalidNetworkConfig, e.Code);
        Assert.Equal($"invalid network config: {path} has the wrong type", e.Msg);
        Assert.StartsWith(expected, e.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_types_say_what_was_found()
    {
        var e = Assert.Throws<CniException>(() => RouteFixNetConfJson.Decode("""{"multicast":"yes"}"""u8.ToArray()));
        Assert.Equal("expected true or false, found the string \"yes\"", e.Details);
    }

    [Fact]
    public void Null_means_absent()
    {
        var config = Parse("""{"cniVersion":"1.0.0","name":"lan","multicast":null,"routes":null,"prevResult":null}""");
        Assert.True(config.Multicast);
        Assert.Empty(config.Routes);
        Assert.Null(config.PrevResult);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var config = Parse("""{"cniVersion":"1.0.0","name":"lan","runtimeConfig":{"x":1},"args":{"cni":{}},"capabilities":{}}""");
        Assert.True(config.Multicast);
    }
}
