using System.Net;
using System.Text.Json;
using RouteFix.Addressing;
using RouteFix.Cni;
using RouteFix.Netlink;
using RouteFix.Plugin;

namespace RouteFix.Tests;

/// <summary>ADD never takes a destination that already points out of another interface (two attachments in one pod).</summary>
public sealed class RouteConflictTests
{
    private const int Net1 = 3;
    private const int Net2 = 5;

    private const string IotPrev = """
        {"cniVersion":"0.4.0","interfaces":[{"name":"cni1"},{"name":"veth1"},{"name":"net2","sandbox":"/x"}],
         "ips":[{"version":"4","address":"10.30.0.5/24","interface":2}]}
        """;

    private static RoutePlan Plan(string extra = "") => RoutePlan.Build(
        RouteFixConfig.From(RouteFixNetConfJson.Decode(System.Text.Encoding.UTF8.GetBytes($$"""{"cniVersion":"0.4.0","name":"iot"{{extra}}}"""))),
        TargetInterface.Resolve(CniJson.ReadResult(JsonDocument.Parse(IotPrev).RootElement), "net2"));

    private static KernelRoute Route(string dst, int oif, byte protocol = RouteFixCommands.RouteProtocol, string? src = "192.168.2.158", string? gw = null)
    {
        Assert.True(IpPrefix.TryParse(dst, out var prefix));
        return new KernelRoute(prefix, gw is null ? null : IPAddress.Parse(gw), src is null ? null : IPAddress.Parse(src), oif,
            gw is null ? RtNetlink.ScopeLink : RtNetlink.ScopeUniverse, RtNetlink.RT_TABLE_MAIN, protocol);
    }

    /// <summary>What route-fix set for net1 (the LAN attachment) before net2's ADD.</summary>
    private static readonly KernelRoute[] Net1Routes =
    [
        Route("192.168.2.0/24", Net1),
        Route("224.0.0.0/4", Net1),
        Route("255.255.255.255/32", Net1),
    ];

    private static string Name(int index) => index switch { Net1 => "net1", Net2 => "net2", _ => "eth0" };

    [Fact]
    public void Multicast_and_broadcast_of_another_interface_are_conflicts_with_the_field_to_turn_off()
    {
        var plan = Plan();
        var conflicts = RouteConflicts.Find(plan, Net2, [.. Net1Routes, Route("10.30.0.0/24", Net2, protocol: 2, src: "10.30.0.5")]);
        Assert.Equal(["224.0.0.0/4", "255.255.255.255/32"], conflicts.Select(c => c.Planned.Dst.ToString()));

        var e = RouteConflicts.Error(plan, conflicts, Name);
        Assert.Equal(RouteFixErrorCodes.RouteHeldByAnotherInterface, e.Code);
        Assert.Equal(101u, e.Code);
        Assert.Equal("route-fix on net2 would take over 2 route(s) that point out of another interface: 224.0.0.0/4 (net1), 255.255.255.255/32 (net1)", e.Msg);
        Assert.Equal(
            "224.0.0.0/4 is held by net1 (found \"224.0.0.0/4 dev net1 scope link src 192.168.2.158\"): only one interface of a pod can carry multicast; "
            + "set \"multicast\": false in the route-fix config of net2's attachment or of the other one (GitOps: .RouteFix(r => r.Multicast(false))); "
            + "255.255.255.255/32 is held by net1 (found \"255.255.255.255/32 dev net1 scope link src 192.168.2.158\"): only one interface of a pod can carry limited broadcast; "
            + "set \"broadcast\": false in the route-fix config of net2's attachment or of the other one (GitOps: .RouteFix(r => r.Broadcast(false)))",
            e.Details);
    }

    [Fact]
    public void An_extra_route_over_the_other_interfaces_subnet_is_a_conflict_naming_the_routes_index()
    {
        var plan = Plan(""","multicast":false,"broadcast":false,"routes":[{"dst":"10.40.0.0/24","gw":"10.30.0.1"},{"dst":"192.168.2.0/24","gw":"10.30.0.1"}]""");
        var conflict = Assert.Single(RouteConflicts.Find(plan, Net2, Net1Routes));
        Assert.Equal("routes[1]", conflict.Planned.Field);
        var e = RouteConflicts.Error(plan, [conflict], Name);
        Assert.Equal("route-fix on net2 would take over 1 route(s) that point out of another interface: 192.168.2.0/24 (net1)", e.Msg);
        Assert.EndsWith("the other interface already reaches 192.168.2.0/24; remove routes[1] (dst 192.168.2.0/24) from the route-fix config of net2's attachment", e.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_subnet_on_two_interfaces_is_a_conflict()
    {
        var conflict = Assert.Single(RouteConflicts.Find(Plan(""","multicast":false,"broadcast":false"""), Net2, [Route("10.30.0.0/24", Net1, protocol: 2, src: "10.30.0.9")]));
        Assert.Equal("subnet", conflict.Planned.Field);
        Assert.Contains("the pod is on 10.30.0.0/24 twice", RouteConflicts.Error(Plan(), [conflict], Name).Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Routes_on_the_own_interface_are_replaced_so_add_twice_is_fine()
    {
        var own = new[] { Route("10.30.0.0/24", Net2, src: "10.30.0.5"), Route("224.0.0.0/4", Net2, src: "10.30.0.5"), Route("255.255.255.255/32", Net2, src: "10.30.0.5") };
        Assert.Empty(RouteConflicts.Find(Plan(), Net2, own));
    }

    [Fact]
    public void Only_the_exact_destination_in_the_main_table_counts()
    {
        var other = new[]
        {
            Route("224.0.0.0/3", Net1), // a wider prefix is another destination
            Route("224.0.0.251/32", Net1), // so is a narrower one
            Route("0.0.0.0/0", 1, gw: "169.254.1.1", src: null), // Calico's default
            Route("224.0.0.0/4", Net1) with { Table = 255 }, // the local table is the kernel's
        };
        Assert.Empty(RouteConflicts.Find(Plan(), Net2, other));
    }

    private const string LanPrev = """
        {"cniVersion":"1.0.0","interfaces":[{"name":"net1","sandbox":"/x"}],
         "ips":[{"address":"192.168.2.50/24","interface":0},{"address":"fd00:2::50/64","interface":0}]}
        """;

    private static RoutePlan LanPlan() => RoutePlan.Build(
        RouteFixConfig.From(RouteFixNetConfJson.Decode("""{"cniVersion":"1.0.0","name":"lan"}"""u8.ToArray())),
        TargetInterface.Resolve(CniJson.ReadResult(JsonDocument.Parse(LanPrev).RootElement), "net1"));

    private static KernelRoute LocalMulticast(int oif, uint metric, byte protocol) =>
        new(RoutePlan.IPv6Multicast, null, null, oif, RtNetlink.ScopeUniverse, RtNetlink.RT_TABLE_LOCAL, protocol, RtNetlink.RTN_MULTICAST, metric);

    [Fact]
    public void The_kernels_per_interface_IPv6_multicast_routes_are_not_conflicts()
    {
        // addrconf_add_mroute: one "multicast ff00::/8 dev <if> table local proto kernel metric 256" per IPv6 interface.
        Assert.Empty(RouteConflicts.Find(LanPlan(), Net1, [LocalMulticast(1, 256, 2), LocalMulticast(Net2, 256, 2), LocalMulticast(Net1, 256, 2)]));
    }

    [Fact]
    public void Another_attachments_IPv6_multicast_route_in_the_local_table_is_a_conflict()
    {
        // route-fix of net2 set it first; NLM_F_REPLACE at the same metric would take it (fib6_add_rt2node).
        var plan = LanPlan();
        var conflict = Assert.Single(RouteConflicts.Find(plan, Net1, [LocalMulticast(1, 256, 2), LocalMulticast(Net2, 255, RouteFixCommands.RouteProtocol)]));
        Assert.Equal("multicast", conflict.Planned.Field);
        var e = RouteConflicts.Error(plan, [conflict], Name);
        Assert.Equal("route-fix on net1 would take over 1 route(s) that point out of another interface: ff00::/8 (net2)", e.Msg);
        Assert.StartsWith("ff00::/8 is held by net2 (found \"multicast ff00::/8 dev net2 table local metric 255\"): only one interface of a pod can carry multicast", e.Details, StringComparison.Ordinal);

        // A lower metric on another interface would decide instead of route-fix's: also refused.
        Assert.Single(RouteConflicts.Find(plan, Net1, [LocalMulticast(Net2, 100, 4)]));
    }

    [Fact]
    public void A_route_without_an_output_interface_is_not_taken_either()
    {
        var blackhole = Route("255.255.255.255/32", 0, src: null) with { Type = 6 };
        var conflict = Assert.Single(RouteConflicts.Find(Plan(), Net2, [blackhole]));
        Assert.Contains("255.255.255.255/32 (a route without a single output interface)", RouteConflicts.Error(Plan(), [conflict], Name).Msg, StringComparison.Ordinal);
    }
}
