using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Kubernetes;
using GitOps.Networks;
using GitOps.Topology;
using RouteFix.Addressing;
using RouteFix.Cni;
using RouteFix.Plugin;

namespace RouteFix.Tests;

/// <summary>
/// The contract between the library (src/GitOps writes route-fix's config into each NAD) and route-fix's parser,
/// read from what the library emits, not from a copy: a lab built with the builders, its NADs from
/// <see cref="NetworkAttachmentEmitter"/>, the route-fix object of each conflist given name and cniVersion as
/// libcni's buildOneConfig does, then parsed and planned by route-fix.
/// </summary>
public sealed class LibraryContractTests
{
    private const string IotPrevResult = """
        {"cniVersion":"0.4.0","interfaces":[{"name":"cni1"},{"name":"veth1"},{"name":"net2","sandbox":"/x"}],
         "ips":[{"version":"4","address":"10.30.0.100/24","gateway":"10.30.0.1","interface":2}]}
        """;

    /// <summary>The namespace tests' two-attachment lab (compiled in from tests/RouteFix.IntegrationTests), one workload on both.</summary>
    private static Lab TwoAttachments(Action<RouteFixBuilder> iotRouteFix) => RouteFix.IntegrationTests.TwoAttachmentLab.Build(iotRouteFix, oneWorkloadJoinsBoth: true);

    /// <summary>The route-fix config route-fix receives for the attachment's NAD: its plugin object plus name and cniVersion.</summary>
    private static RouteFixConfig EmittedConfig(Lab lab, string attachment, string? prevResult = null)
    {
        var nad = NetworkAttachmentEmitter.Build(lab, lab.Attachments.Single(a => a.QualifiedName == attachment));
        var conflist = JsonNode.Parse(nad.Spec.Config)!.AsObject();
        var plugin = conflist["plugins"]!.AsArray().Single(p => (string?)p!["type"] == RouteFixConfig.PluginType)!.DeepClone().AsObject();
        plugin["name"] = (string?)conflist["name"];
        plugin["cniVersion"] = (string?)conflist["cniVersion"];
        if (prevResult is not null)
        {
            plugin["prevResult"] = JsonNode.Parse(prevResult);
        }

        return RouteFixConfig.From(RouteFixNetConfJson.Decode(System.Text.Encoding.UTF8.GetBytes(plugin.ToJsonString())));
    }

    [Fact]
    public void Multicast_and_broadcast_off_in_the_model_are_off_in_route_fix()
    {
        var lab = TwoAttachments(r => r.Multicast(false).Broadcast(false).Route("10.40.0.0/24", via: "10.30.0.1"));
        var config = EmittedConfig(lab, "default/iot", IotPrevResult);
        Assert.False(config.Multicast);
        Assert.False(config.Broadcast);
        Assert.True(config.RemoveDefaultRoute);
        Assert.Equal([new RouteFix.Plugin.ExtraRoute(new IpPrefix(IPAddress.Parse("10.40.0.0"), 24), IPAddress.Parse("10.30.0.1"))], config.Routes);

        // So route-fix claims neither 224.0.0.0/4 nor 255.255.255.255/32 on net2: only the subnet and the extra route.
        var plan = RoutePlan.Build(config, TargetInterface.Resolve(config.PrevResult!, "net2"));
        Assert.Equal(
            ["10.30.0.0/24 dev net2 scope link src 10.30.0.100", "10.40.0.0/24 via 10.30.0.1 dev net2 src 10.30.0.100"],
            plan.Routes.Select(r => r.ToString()));
    }

    [Fact]
    public void The_defaults_the_model_writes_are_the_defaults_route_fix_reads()
    {
        var lab = TwoAttachments(r => r.Multicast(false).Broadcast(false));
        var lan = EmittedConfig(lab, "default/lan");
        Assert.True(lan.Multicast);
        Assert.True(lan.Broadcast);
        Assert.True(lan.RemoveDefaultRoute);
        Assert.Empty(lan.Routes);
        Assert.Equal("lan", lan.Name);
        Assert.Equal("0.4.0", lan.CniVersion);

        // Both attachments of the workload, as route-fix plans them, claim no destination twice.
        var lanPlan = RoutePlan.Build(lan, TargetInterface.Resolve(CniJson.ReadResult(JsonDocument.Parse(Samples.PrevResult040).RootElement), "net1"));
        var iot = EmittedConfig(lab, "default/iot", IotPrevResult);
        var iotPlan = RoutePlan.Build(iot, TargetInterface.Resolve(iot.PrevResult!, "net2"));
        Assert.Empty(lanPlan.Routes.Select(r => r.Dst).Intersect(iotPlan.Routes.Select(r => r.Dst)));
    }

    /// <summary>
    /// Every field the library writes into route-fix's config, each set away from route-fix's default in the model, is
    /// read by route-fix with the model's value (folded in from a hand-written copy of the JSON in ConfigTests): if the
    /// library renamed a field, route-fix would read its default and this test fails.
    /// </summary>
    [Fact]
    public void Every_field_the_library_emits_is_read_with_the_models_value()
    {
        var lab = TwoAttachments(r => r
            .Multicast(false)
            .Broadcast(false)
            .RemoveDefaultRoute(false)
            .Route("10.40.0.0/24", via: "10.30.0.1")
            .Route("fd00:5::/64"));
        var config = EmittedConfig(lab, "default/iot", IotPrevResult);
        Assert.False(config.Multicast);
        Assert.False(config.Broadcast);
        Assert.False(config.RemoveDefaultRoute);
        Assert.Equal(
            [
                new RouteFix.Plugin.ExtraRoute(new IpPrefix(IPAddress.Parse("10.40.0.0"), 24), IPAddress.Parse("10.30.0.1")),
                new RouteFix.Plugin.ExtraRoute(new IpPrefix(IPAddress.Parse("fd00:5::"), 64), null),
            ],
            config.Routes);
        Assert.Equal("iot", config.Name);
        Assert.Equal("0.4.0", config.CniVersion);
        Assert.Equal("0.4.0", config.PrevResult!.CniVersion);

        // A CNI 1.0.0 runtime hands route-fix a 1.0.0 prevResult; it is read with its own version.
        Assert.Equal("1.0.0", EmittedConfig(lab, "default/iot", IotPrevResult.Replace("\"0.4.0\"", "\"1.0.0\"", StringComparison.Ordinal)).PrevResult!.CniVersion);
    }
}
