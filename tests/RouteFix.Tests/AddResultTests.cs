using System.Text.Json;
using System.Text.Json.Nodes;
using RouteFix.Cni;
using RouteFix.Plugin;

namespace RouteFix.Tests;

/// <summary>ADD's result says what route-fix did: a default route it deleted is no longer in <c>routes</c>.</summary>
public sealed class AddResultTests
{
    private static ResultJson Read(string json) => CniJson.ReadResult(JsonDocument.Parse(json).RootElement);

    private static RoutePlan Plan(string prevResult, string extra = "") => RoutePlan.Build(
        RouteFixConfig.From(RouteFixNetConfJson.Decode(System.Text.Encoding.UTF8.GetBytes($$"""{"cniVersion":"0.4.0","name":"lan"{{extra}}}"""))),
        TargetInterface.Resolve(Read(prevResult), "net1"));

    private static JsonNode? Routes(ResultJson result) => JsonNode.Parse(CniJson.Write(result))!["routes"];

    [Fact]
    public void The_deleted_default_route_is_not_listed_other_routes_are()
    {
        var result = AddResult.From(Read(Samples.PrevResult040), Plan(Samples.PrevResult040), "0.4.0");
        Assert.Equal("""[{"dst":"192.168.2.0/24"}]""", Routes(result)!.ToJsonString());
    }

    [Fact]
    public void With_remove_default_route_off_the_default_route_stays()
    {
        var result = AddResult.From(Read(Samples.PrevResult040), Plan(Samples.PrevResult040, ""","removeDefaultRoute":false"""), "0.4.0");
        Assert.Equal("""[{"dst":"0.0.0.0/0","gw":"192.168.2.1"},{"dst":"192.168.2.0/24"}]""", Routes(result)!.ToJsonString());
    }

    [Fact]
    public void Both_families_defaults_go_and_the_key_goes_with_them_as_go_omits_an_empty_list()
    {
        const string prev = """
            {"cniVersion":"1.1.0","interfaces":[{"name":"net1","sandbox":"/x"}],
             "ips":[{"address":"192.168.2.158/24","interface":0},{"address":"fd00:2::9/64","interface":0}],
             "routes":[{"dst":"0.0.0.0/0","gw":"192.168.2.1"},{"dst":"::/0","gw":"fd00:2::1"}]}
            """;
        var result = AddResult.From(Read(prev), Plan(prev), "1.1.0");
        Assert.Null(Routes(result));
    }

    [Fact]
    public void A_default_route_in_another_table_is_not_one_route_fix_deleted()
    {
        const string prev = """
            {"cniVersion":"1.1.0","interfaces":[{"name":"net1","sandbox":"/x"}],"ips":[{"address":"192.168.2.158/24","interface":0}],
             "routes":[{"dst":"0.0.0.0/0","gw":"192.168.2.1","table":100},{"dst":"0.0.0.0/0","gw":"192.168.2.1","table":254}]}
            """;
        Assert.Equal("""[{"dst":"0.0.0.0/0","gw":"192.168.2.1","table":100}]""", Routes(AddResult.From(Read(prev), Plan(prev), "1.1.0"))!.ToJsonString());
    }
}
