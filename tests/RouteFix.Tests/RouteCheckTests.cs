using System.Net;
using System.Text.Json;
using RouteFix.Addressing;
using RouteFix.Cni;
using RouteFix.Netlink;
using RouteFix.Plugin;

namespace RouteFix.Tests;

/// <summary>CHECK's comparison (<see cref="RouteCheck"/>) against route dumps written as the kernel reports them.</summary>
public sealed class RouteCheckTests
{
    private const int Eth0 = 2;
    private const int Net1 = 3;

    private const string DualStackPrev = """
        {"cniVersion":"1.0.0","interfaces":[{"name":"eth0","sandbox":"/x"},{"name":"net1","sandbox":"/x"}],
         "ips":[{"address":"192.168.7.10/32","interface":0},{"address":"192.168.2.50/24","interface":1},{"address":"fd00:2::50/64","interface":1}]}
        """;

    private static RoutePlan Plan(string extra = "") => RoutePlan.Build(
        RouteFixConfig.From(RouteFixNetConfJson.Decode(System.Text.Encoding.UTF8.GetBytes($$"""{"cniVersion":"1.0.0","name":"lan"{{extra}}}"""))),
        TargetInterface.Resolve(CniJson.ReadResult(JsonDocument.Parse(DualStackPrev).RootElement), "net1"));

    private static string Name(int index) => index switch { Eth0 => "eth0", Net1 => "net1", _ => "if" + index };

    private static KernelRoute V4(string dst, int oif = Net1, byte protocol = RouteFixCommands.RouteProtocol)
    {
        Assert.True(IpPrefix.TryParse(dst, out var prefix));
        return new KernelRoute(prefix, null, IPAddress.Parse("192.168.2.50"), oif, RtNetlink.ScopeLink, RtNetlink.RT_TABLE_MAIN, protocol);
    }

    private static KernelRoute LocalMulticast(int oif, uint metric, byte protocol) =>
        new(RoutePlan.IPv6Multicast, null, null, oif, RtNetlink.ScopeUniverse, RtNetlink.RT_TABLE_LOCAL, protocol, RtNetlink.RTN_MULTICAST, metric);

    /// <summary>What the kernel has on its own: eth0's and net1's ff00::/8 in the local table (addrconf_add_mroute, metric 256).</summary>
    private static readonly KernelRoute[] KernelMulticast = [LocalMulticast(Eth0, 256, 2), LocalMulticast(Net1, 256, 2)];

    private static readonly KernelRoute[] RouteFixV4 = [V4("192.168.2.0/24"), V4("224.0.0.0/4"), V4("255.255.255.255/32")];

    [Fact]
    public void Everything_ADD_sets_passes()
    {
        Assert.Empty(RouteCheck.Differences(Plan(), Net1, [.. RouteFixV4, .. KernelMulticast, LocalMulticast(Net1, 255, RouteFixCommands.RouteProtocol)], Name));
    }

    [Fact]
    public void A_missing_local_IPv6_multicast_route_is_reported_with_what_the_local_table_holds()
    {
        var difference = Assert.Single(RouteCheck.Differences(Plan(), Net1, [.. RouteFixV4, .. KernelMulticast], Name));
        Assert.Equal(
            "expected multicast ff00::/8 dev net1 table local metric 255, found multicast ff00::/8 dev eth0 table local metric 256 and multicast ff00::/8 dev net1 table local metric 256",
            difference);
    }

    [Fact]
    public void The_main_table_ff00_route_of_earlier_route_fix_versions_does_not_count()
    {
        var oldMain = new KernelRoute(RoutePlan.IPv6Multicast, null, null, Net1, RtNetlink.ScopeUniverse, RtNetlink.RT_TABLE_MAIN, RouteFixCommands.RouteProtocol, Priority: 1024);
        var difference = Assert.Single(RouteCheck.Differences(Plan(), Net1, [.. RouteFixV4, .. KernelMulticast, oldMain], Name));
        Assert.StartsWith("expected multicast ff00::/8 dev net1 table local metric 255, found multicast ff00::/8 dev eth0", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_metric_or_type_is_a_difference()
    {
        Assert.Single(RouteCheck.Differences(Plan(), Net1, [.. RouteFixV4, .. KernelMulticast, LocalMulticast(Net1, 100, RouteFixCommands.RouteProtocol)], Name));
        Assert.Single(RouteCheck.Differences(Plan(), Net1, [.. RouteFixV4, .. KernelMulticast, LocalMulticast(Net1, 255, RouteFixCommands.RouteProtocol) with { Type = RtNetlink.RTN_UNICAST }], Name));
    }

    [Fact]
    public void IPv4_differences_read_as_before()
    {
        var differences = RouteCheck.Differences(Plan(""","multicast":false"""), Net1, [V4("192.168.2.0/24"), V4("255.255.255.255/32", Eth0), V4("0.0.0.0/0", protocol: 3) with { PreferredSource = null }], Name);
        Assert.Equal(
            [
                "expected 255.255.255.255/32 dev net1 scope link src 192.168.2.50, found 255.255.255.255/32 dev eth0 scope link src 192.168.2.50",
                "expected no default route via net1, found default dev net1 scope link",
            ],
            differences);
    }

    [Fact]
    public void Multicast_off_expects_no_IPv6_route()
    {
        Assert.Empty(RouteCheck.Differences(Plan(""","multicast":false"""), Net1, [V4("192.168.2.0/24"), V4("255.255.255.255/32"), .. KernelMulticast], Name));
    }
}
