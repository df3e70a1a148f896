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
        RouteFixConfig.From(CniDispatcher.Decode(System.Text.Encoding.UTF8.GetBytes($$"""{"cniVersion":"0.4.0","name":"lan"{{extra}}}"""))),
        TargetInterface.Resolve(Read(prevResult), "net1"));

    private static JsonNode? Routes(ResultJson result) => JsonNode.Parse(CniJson.Write(result))!["routes"];

    [Fact]
    public void TheDeletedDefaultRouteIsNotListedOtherRoutesAre()
    {
        var result = AddResult.From(Read(Samples.PrevResult040), Plan(Samples.PrevResult040), "0.4.0");
        Assert.Equal("""[{"dst":"192.168.2.0/24"}]""", Routes(result)!.ToJsonString());
    }

    [Fact]
    public void WithRemoveDefaultRouteOffTheDefaultRouteStays()
    {
        var result = AddResult.From(Read(Samples.PrevResult040), Plan(Samples.PrevResult040, ""","removeDefaultRoute":false"""), "0.4.0");
        Assert.Equal("""[{"dst":"0.0.0.0/0","gw":"192.168.2.1"},{"dst":"192.168.2.0/24"}]""", Routes(result)!.ToJsonString());
    }

    [Fact]
    public void BothFamiliesDefaultsGoAndTheKeyGoesWithThemAsGoOmitsAnEmptyList()
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
    public void ADefaultRouteInAnotherTableIsNotOneRouteFixDeleted()
    {
        const string prev = """
            {"cniVersion":"1.1.0","interfaces":[{"name":"net1","sandbox":"/x"}],"ips":[{"address":"192.168.2.158/24","interface":0}],
             "routes":[{"dst":"0.0.0.0/0","gw":"192.168.2.1","table":100},{"dst":"0.0.0.0/0","gw":"192.168.2.1","table":254}]}
            """;
        Assert.Equal("""[{"dst":"0.0.0.0/0","gw":"192.168.2.1","table":100}]""", Routes(AddResult.From(Read(prev), Plan(prev), "1.1.0"))!.ToJsonString());
    }
}
