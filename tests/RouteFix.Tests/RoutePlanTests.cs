using System.Text.Json;
using RouteFix.Addressing;
using RouteFix.Cni;
using RouteFix.Netlink;
using RouteFix.Plugin;

namespace RouteFix.Tests;

public sealed class RoutePlanTests
{
    private static ResultJson Prev(string json) => CniJson.ReadResult(JsonDocument.Parse(json).RootElement);

    private static RouteFixConfig Config(string extra = "") =>
        RouteFixConfig.From(RouteFixNetConfJson.Decode(System.Text.Encoding.UTF8.GetBytes($$"""{"cniVersion":"1.0.0","name":"lan"{{extra}}}""")));

    private const string DualStack = """
        {"interfaces":[{"name":"eth0","sandbox":"/x"},{"name":"cni0"},{"name":"net1","sandbox":"/x"}],
         "ips":[{"address":"192.168.7.10/32","interface":0},{"address":"192.168.2.158/24","interface":2},{"address":"fd00:2::9/64","interface":2}]}
        """;

    [Fact]
    public void Default_plan_is_subnet_multicast_broadcast_and_removes_the_default_route()
    {
        var target = TargetInterface.Resolve(Prev(Samples.PrevResult040), "net1");
        var plan = RoutePlan.Build(Config(), target);
        Assert.Equal(
            [
                "192.168.2.0/24 dev net1 scope link src 192.168.2.158",
                "224.0.0.0/4 dev net1 scope link src 192.168.2.158",
                "255.255.255.255/32 dev net1 scope link src 192.168.2.158",
            ],
            plan.Routes.Select(r => r.ToString()));
        Assert.True(plan.RemoveDefaultRoute);
    }

    [Fact]
    public void The_interface_is_found_by_name_not_by_position()
    {
        var target = TargetInterface.Resolve(Prev(DualStack), "net1");
        Assert.Equal("192.168.2.158/24", target.IPv4.ToString());
        Assert.Equal("fd00:2::9/64", target.IPv6.ToString());
    }

    [Fact]
    public void IPv6_adds_ff00_and_extra_routes_come_last()
    {
        var plan = RoutePlan.Build(
            Config(""","routes":[{"dst":"10.0.0.0/24","gw":"192.168.2.1"},{"dst":"fd00:9::/64"}]"""),
            TargetInterface.Resolve(Prev(DualStack), "net1"));
        Assert.Equal(
            [
                "192.168.2.0/24 dev net1 scope link src 192.168.2.158",
                "224.0.0.0/4 dev net1 scope link src 192.168.2.158",
                "255.255.255.255/32 dev net1 scope link src 192.168.2.158",
                "multicast ff00::/8 dev net1 table local metric 255",
                "10.0.0.0/24 via 192.168.2.1 dev net1 src 192.168.2.158",
                "fd00:9::/64 dev net1",
            ],
            plan.Routes.Select(r => r.ToString()));
    }

    [Fact]
    public void IPv6_multicast_goes_to_the_local_table_ahead_of_the_kernels_per_interface_routes()
    {
        var multicast = Assert.Single(
            RoutePlan.Build(Config(), TargetInterface.Resolve(Prev(DualStack), "net1")).Routes,
            r => r.Dst.Equals(RoutePlan.IPv6Multicast));
        Assert.Equal((RtNetlink.RT_TABLE_LOCAL, RtNetlink.RTN_MULTICAST, RtNetlink.ScopeUniverse, "multicast"), (multicast.Table, multicast.Type, multicast.Scope, multicast.Field));
        Assert.Null(multicast.Source);

        // net/ipv6/addrconf.c addrconf_add_mroute: IP6_RT_PRIO_ADDRCONF (256); the lower metric is found first.
        Assert.True(multicast.Metric < 256);
        Assert.Equal(255u, multicast.Metric);
    }

    [Fact]
    public void Without_IPv6_or_with_multicast_off_there_is_no_IPv6_multicast_route()
    {
        Assert.DoesNotContain(RoutePlan.Build(Config(), TargetInterface.Resolve(Prev(Samples.PrevResult040), "net1")).Routes, r => r.Dst.Equals(RoutePlan.IPv6Multicast));
        Assert.DoesNotContain(RoutePlan.Build(Config(""","multicast":false"""), TargetInterface.Resolve(Prev(DualStack), "net1")).Routes, r => !r.Dst.IsIPv4);
    }

    [Fact]
    public void Switches_turn_routes_off()
    {
        var plan = RoutePlan.Build(Config(""","multicast":false,"broadcast":false,"removeDefaultRoute":false"""), TargetInterface.Resolve(Prev(DualStack), "net1"));
        Assert.Equal(["192.168.2.0/24 dev net1 scope link src 192.168.2.158"], plan.Routes.Select(r => r.ToString()));
        Assert.False(plan.RemoveDefaultRoute);
    }

    [Fact]
    public void An_IPv6_route_without_an_IPv6_address_is_code_7()
    {
        var e = Assert.Throws<CniException>(() => RoutePlan.Build(Config(""","routes":[{"dst":"fd00:9::/64"}]"""), TargetInterface.Resolve(Prev(Samples.PrevResult040), "net1")));
        Assert.Equal(CniErrorCodes.InvalidNetworkConfig, e.Code);
        Assert.Equal("invalid routes[0].dst: \"fd00:9::/64\"", e.Msg);
        Assert.StartsWith("interface net1 has no IPv6 address in prevResult", e.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interface_without_addresses_is_code_7()
    {
        var e = Assert.Throws<CniException>(() => TargetInterface.Resolve(Prev("""{"interfaces":[{"name":"net1","sandbox":"/x"}],"ips":[{"address":"10.1.1.1/24","interface":5}]}"""), "net1"));
        Assert.Equal("prevResult.ips has no address for interface \"net1\" (interfaces[0])", e.Msg);
    }

    [Fact]
    public void A_malformed_address_is_code_7()
    {
        var e = Assert.Throws<CniException>(() => TargetInterface.Resolve(Prev("""{"interfaces":[{"name":"net1","sandbox":"/x"}],"ips":[{"address":"192.168.2.158","interface":0}]}"""), "net1"));
        Assert.Equal("invalid prevResult.ips[0].address: \"192.168.2.158\"", e.Msg);
    }

    [Theory]
    [InlineData("192.168.2.158/24", "192.168.2.0/24")]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("10.1.2.3/32", "10.1.2.3/32")]
    [InlineData("fd00:2::9/64", "fd00:2::/64")]
    [InlineData("fd00:2::9/0", "::/0")]
    public void Network_clears_host_bits(string address, string network)
    {
        Assert.True(IpPrefix.TryParse(address, out var prefix));
        Assert.Equal(network, prefix.Network().ToString());
    }

    [Theory]
    [InlineData("192.168.2.1")]
    [InlineData("192.168.2/24")]
    [InlineData("1.2.3.4/24/1")]
    [InlineData("fe80::1%eth0/64")]
    [InlineData("1.2.3.4/-1")]
    [InlineData(" 1.2.3.4/24")]
    public void Bad_prefixes_do_not_parse(string text) => Assert.False(IpPrefix.TryParse(text, out _));
}
