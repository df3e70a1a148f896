using System.Text.Json.Nodes;
using RouteFix.NamespaceHarness;

namespace RouteFix.IntegrationTests;

/// <summary>route-fix on its own in one namespace made for the test, for cases the DHCP chain cannot show.</summary>
[Trait("Category", "Namespace")]
public sealed class SingleNamespaceTests
{
    private static ProcessResult RouteFix(string command, string netns, string config) => Shell.Run(
        RouteFixBinary.Path,
        [],
        config,
        new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = "single" + Path.GetFileName(netns),
            ["CNI_NETNS"] = netns,
            ["CNI_IFNAME"] = "net1",
            ["CNI_PATH"] = Prerequisites.PluginDirectory,
        });

    [Fact]
    public void IPv6_routes_work_while_the_address_is_still_tentative()
    {
        NamespaceTest.RequirePrerequisites();
        _ = RouteFixBinary.Path; // publish first, so ADD follows the address within milliseconds
        var ns = "rf-" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 3)).ToLowerInvariant() + "-v6";
        Shell.Ip("netns", "add", ns);
        try
        {
            Shell.Ip("-n", ns, "link", "add", "net1", "type", "veth", "peer", "name", "peer1");
            Shell.Ip("-n", ns, "link", "set", "peer1", "up");
            Shell.Ip("-n", ns, "link", "set", "net1", "up");
            Shell.Ip("-n", ns, "addr", "add", "192.168.2.158/24", "dev", "net1");

            // Three DAD probes keep the address tentative for about three seconds.
            InNamespace.Run("/run/netns/" + ns, () => File.WriteAllText("/proc/sys/net/ipv6/conf/net1/dad_transmits", "3"));
            Shell.Ip("-n", ns, "addr", "add", "fd00:2::9/64", "dev", "net1");

            var config = new JsonObject
            {
                ["cniVersion"] = "1.0.0",
                ["name"] = "lan",
                ["type"] = "route-fix",
                ["routes"] = new JsonArray(new JsonObject { ["dst"] = "fd00:9::/64" }),
                ["prevResult"] = JsonNode.Parse("""
                    {"cniVersion":"1.0.0","interfaces":[{"name":"net1","sandbox":"/x"}],
                     "ips":[{"address":"192.168.2.158/24","interface":0},{"address":"fd00:2::9/64","interface":0}]}
                    """),
            }.ToJsonString();
            var netns = "/run/netns/" + ns;

            Assert.Contains("tentative", Shell.Ip("-n", ns, "-6", "addr", "show", "dev", "net1"), StringComparison.Ordinal);
            RouteFix("ADD", netns, config).EnsureSuccess();
            var routes = Shell.Ip("-n", ns, "-6", "route", "show");
            Assert.Contains("multicast ff00::/8 dev net1 proto 82 metric 255", Shell.Ip("-n", ns, "-6", "route", "show", "table", "local"), StringComparison.Ordinal);
            Assert.Contains("fd00:9::/64 dev net1 proto 82", routes, StringComparison.Ordinal);
            RouteFix("CHECK", netns, config).EnsureSuccess();

            RouteFix("DEL", netns, config).EnsureSuccess();
            Assert.DoesNotContain("proto 82", Shell.Ip("-n", ns, "route", "show", "table", "all") + Shell.Ip("-n", ns, "-6", "route", "show", "table", "all"), StringComparison.Ordinal);
        }
        finally
        {
            Shell.Ip("netns", "del", ns);
        }
    }
}
