using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using GitOps.Cni;
using GitOps.Topology;
using RouteFix.NamespaceHarness;

namespace RouteFix.IntegrationTests;

/// <summary>
/// IPv6 on a second interface (docs/dual-stack.md): the layer-2 conflists the library writes for a static IPv4+IPv6
/// attachment on an IPv4 network and for a static IPv6 attachment on an IPv6 network, run like libcni through the
/// Debian reference plugins (bridge, static) and the published route-fix, in namespaces lan/node/pod. route-fix takes
/// the IPv6 entries of prevResult (multicast ff00::/8 out of net1 in the local table, ahead of the kernel's
/// per-interface routes, no source: RoutePlan.IPv6MulticastMetric) and its IPv4 ones as before.
/// </summary>
[Trait("Category", "Namespace")]
public sealed class DualStackChainTests
{
    private const string RouterIPv6 = "fd00:2::1";

    /// <summary>A dual-stack lab: IPv4 + IPv6 pools, the LAN attachment with a fixed IPv4 and IPv6 address, and an IPv6-only network with its own attachment.</summary>
    private static Lab DualStackLab() => Lab.Create("dual-stack")
        .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1").Untagged().HostAddressing(Addressing.Dhcp))
        .Network("lan6", n => n.Vlan(60).Subnet("fd00:6::/64").Gateway("fd00:6::1").HostAddressing(Addressing.None))
        .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").HostAddressing(Addressing.Dhcp))
        .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s").Interface("eth2", "lan6", i => i.Bridge("cni6")))
        .Cluster("example", c => c.NodeNetwork("k8s"))
        .Calico(c => c.IPPool("192.168.7.0/24").IPv6Pool("fd00:42::/56").NatOutgoingTraffic().Bgp(b => b.Router("router")))
        .Multus(m => m.Version(MultusVersion.V3).ConfFile("0-multus.conf"))
        .Attachment("default/lan", a => a.Network("lan").Bridge("cni0").StaticAddress("192.168.2.50/24").StaticIPv6Address("fd00:2::50/64").RouteFix())
        .Attachment("default/lan6", a => a.Network("lan6").Bridge("cni6").StaticAddress("fd00:6::50/64").RouteFix())
        .Build();

    private static readonly TimeSpan CaptureWait = TimeSpan.FromSeconds(5);

    // mDNS over IPv6 (RFC 6762 3: ff02::fb, link-local scope) and SSDP's site-local group (UPnP Device Architecture: ff05::c).
    private static readonly IPEndPoint Mdns6 = new(IPAddress.Parse("ff02::fb"), 5353);
    private static readonly IPEndPoint Ssdp6 = new(IPAddress.Parse("ff05::c"), 1900);

    private static ConflistExecutor Executor(LabNetwork net, string conflist) => new(
        conflist,
        [Path.GetDirectoryName(RouteFixBinary.Path)!, Prerequisites.PluginDirectory],
        _ => ["ip", "netns", "exec", net.Node]);

    private static CniInvocation Invocation(LabNetwork net) => new(
        ContainerId: "d5a1" + net.Suffix,
        Netns: net.PodNetnsPath,
        IfName: "net1",
        Args: $"IgnoreUnknown=1;K8S_POD_NAMESPACE=smarthome;K8S_POD_NAME=ha-{net.Suffix};K8S_POD_INFRA_CONTAINER_ID=d5a1{net.Suffix}");

    /// <summary>The conflist of one attachment, with the bridge the harness made (the model's bridge name is the node's).</summary>
    private static string Conflist(Lab lab, string attachment, string bridge)
    {
        var conflist = JsonNode.Parse(LayerTwoConflist.Build(lab, lab.Attachments.Single(a => a.QualifiedName == attachment)).ToJson())!.AsObject();
        conflist["plugins"]![0]!["bridge"] = bridge;
        return conflist.ToJsonString();
    }

    /// <summary>
    /// A UDP datagram over IPv6 from the pod (unbound, so the kernel's routes pick interface and source) to a socket
    /// the LAN router's namespace holds on <paramref name="router"/>; returns the source the router saw. DAD keeps a
    /// fresh address tentative for about a second, so it sends again for up to 10 s.
    /// </summary>
    private static IPAddress? ReachRouterOverIPv6(LabNetwork net, string router)
    {
        using var receiver = InNamespace.Run("/run/netns/" + net.Lan, () =>
        {
            var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(router), 0));
            return socket;
        });
        receiver.ReceiveTimeout = 500;
        var target = (IPEndPoint)receiver.LocalEndPoint!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var buffer = new byte[64];
        while (DateTime.UtcNow < deadline)
        {
            InNamespace.Run(net.PodNetnsPath, () =>
            {
                using var sender = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
                try
                {
                    sender.SendTo("dual-stack test"u8.ToArray(), target);
                }
                catch (SocketException)
                {
                    // No route or address yet (tentative); the next round sends again.
                }
            });
            EndPoint from = new IPEndPoint(IPAddress.IPv6Any, 0);
            try
            {
                receiver.ReceiveFrom(buffer, ref from);
                return ((IPEndPoint)from).Address;
            }
            catch (SocketException)
            {
                // Timed out: send again.
            }
        }

        return null;
    }

    [Fact]
    public void Static_IPv4_and_IPv6_on_the_LAN_run_through_bridge_static_and_route_fix()
    {
        NamespaceTest.RequirePrerequisites();
        using var net = LabNetwork.Create("cni0", dhcp: false);
        Shell.Ip("-n", net.Lan, "addr", "add", RouterIPv6 + "/64", "dev", net.LanDevice, "nodad");
        var lab = DualStackLab();
        var executor = Executor(net, Conflist(lab, "default/lan", net.Bridge!));
        var ipam = executor.Plugins[0]["ipam"]!;
        Assert.Equal("static", (string?)ipam["type"]);
        Assert.Equal(["192.168.2.50/24", "fd00:2::50/64"], ipam["addresses"]!.AsArray().Select(a => (string?)a!["address"]));
        var routeFix = Assert.Single(executor.Plugins, p => (string?)p["type"] == "route-fix");

        var invocation = Invocation(net);
        var result = executor.Add(invocation);
        var deleted = false;
        try
        {
            Assert.Equal(["192.168.2.50/24", "fd00:2::50/64"], result["ips"]!.AsArray().Select(ip => (string?)ip!["address"]));
            Assert.Contains("inet6 fd00:2::50/64", Shell.Ip("-n", net.Pod, "-6", "addr", "show", "dev", "net1"), StringComparison.Ordinal);

            var v4 = Shell.Ip("-n", net.Pod, "-4", "route", "show");
            var v6 = Shell.Ip("-n", net.Pod, "-6", "route", "show");
            NamespaceTest.Log("pod routes after ADD:\n" + v4 + v6);
            Assert.Contains("192.168.2.0/24 dev net1 proto 82 scope link src 192.168.2.50", v4, StringComparison.Ordinal);
            Assert.Contains("224.0.0.0/4 dev net1 proto 82 scope link src 192.168.2.50", v4, StringComparison.Ordinal);
            Assert.Contains("fd00:2::/64 dev net1", v6, StringComparison.Ordinal);
            var local6 = Shell.Ip("-n", net.Pod, "-6", "route", "show", "table", "local");
            NamespaceTest.Log("pod IPv6 local table after ADD:\n" + local6);
            Assert.Contains("multicast ff00::/8 dev net1 proto 82 metric 255", local6, StringComparison.Ordinal);
            Assert.Contains("multicast ff00::/8 dev eth0 proto kernel metric 256", local6, StringComparison.Ordinal);
            Assert.DoesNotContain("ff00::/8", v6, StringComparison.Ordinal); // nothing in the main table: it was never consulted

            // IPv6 unicast to the LAN leaves through net1 from the static address.
            Assert.Equal(IPAddress.Parse("fd00:2::50"), ReachRouterOverIPv6(net, RouterIPv6));

            // IPv6 multicast without a named interface now leaves net1: the local table's lowest metric is route-fix's.
            Assert.Contains("dev net1 table local proto 82", Shell.Ip("-n", net.Pod, "-6", "route", "get", "ff02::fb"), StringComparison.Ordinal);
            Assert.Contains("dev eth0", Shell.Ip("-n", net.Pod, "-6", "route", "get", "ff02::fb", "oif", "eth0"), StringComparison.Ordinal);
            var linkLocal = LinkLocal(net.Pod, "net1");
            AssertMulticastLeaves(net, viaLan: true, [$"[{linkLocal}]:{{0}} > [ff02::fb]:5353", "[fd00:2::50]:{0} > [ff05::c]:1900"]);

            executor.Check(invocation, result);
            executor.Execute(routeFix, "CHECK", invocation, result);

            // route-fix's DEL alone: its local-table route goes, the kernel's stay, and the same datagrams leave eth0
            // again (the kernel's eth0 route is the first at 256) - the state before this fix. CHECK names the route.
            executor.Execute(routeFix, "DEL", invocation, result);
            Assert.DoesNotContain("proto 82", Shell.Ip("-n", net.Pod, "-6", "route", "show", "table", "all"), StringComparison.Ordinal);
            Assert.Contains("dev eth0 table local", Shell.Ip("-n", net.Pod, "-6", "route", "get", "ff02::fb"), StringComparison.Ordinal);
            var eth0LinkLocal = LinkLocal(net.Pod, "eth0");
            AssertMulticastLeaves(net, viaLan: false, [$"[{eth0LinkLocal}]:{{0}} > [ff02::fb]:5353", $"[{eth0LinkLocal}]:{{0}} > [ff05::c]:1900"]);
            var check = Assert.Throws<CniPluginException>(() => executor.Execute(routeFix, "CHECK", invocation, result));
            var error = JsonNode.Parse(check.Run.Stdout)!;
            Assert.Equal(100, (int)error["code"]!);
            Assert.Contains("expected multicast ff00::/8 dev net1 table local metric 255, found multicast ff00::/8 dev eth0 table local metric 256", (string?)error["details"], StringComparison.Ordinal);

            // ADD again restores it; DEL of the whole chain (route-fix's DEL a second time is fine) leaves nothing.
            executor.Execute(routeFix, "ADD", invocation, result);
            executor.Execute(routeFix, "CHECK", invocation, result);
            executor.Del(invocation, result);
            deleted = true;
            Assert.DoesNotContain("net1", Shell.Ip("-n", net.Pod, "-o", "link", "show"), StringComparison.Ordinal);
            Assert.DoesNotContain("proto 82", Shell.Ip("-n", net.Pod, "-6", "route", "show", "table", "all"), StringComparison.Ordinal);
            Assert.DoesNotContain("proto 82", Shell.Ip("-n", net.Pod, "-4", "route", "show", "table", "all"), StringComparison.Ordinal);
        }
        finally
        {
            if (!deleted)
            {
                executor.Del(invocation, result);
            }
        }
    }

    /// <summary>The interface's link-local address, once duplicate address detection is done with all its addresses.</summary>
    private static string LinkLocal(string pod, string device)
    {
        Assert.True(
            LabNetwork.WaitUntil(() => !Shell.Ip("-n", pod, "-6", "addr", "show", "dev", device).Contains("tentative", StringComparison.Ordinal), TimeSpan.FromSeconds(10)),
            $"{device}'s IPv6 addresses stayed tentative: " + Shell.Ip("-n", pod, "-6", "addr", "show", "dev", device));
        var line = Shell.Ip("-n", pod, "-6", "-o", "addr", "show", "dev", device, "scope", "link").Trim();
        var address = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(w => w != "inet6").Skip(1).First();
        return address[..address.IndexOf('/', StringComparison.Ordinal)];
    }

    /// <summary>
    /// Sends mDNS (ff02::fb) and SSDP (ff05::c) over IPv6 from an unbound socket naming no interface and captures on
    /// the LAN router's port and on the node's side of the pod's eth0: <paramref name="expected"/> ("{0}" is the
    /// source port) arrives on the one side, nothing on the other. Link-local scope (ff02) takes net1's link-local
    /// source and the wider ff05 the LAN address (RFC 6724 rule 2, scope).
    /// </summary>
    private static void AssertMulticastLeaves(LabNetwork net, bool viaLan, string[] expected)
    {
        using var lan = PacketCapture.Start(net.Lan, net.LanDevice);
        using var calico = PacketCapture.Start(net.Node, net.CalicoHostDevice);
        var port = Random.Shared.Next(40000, 60000);
        Datagrams.SendIPv6(net.PodNetnsPath, port, [Mdns6, Ssdp6]);
        var (arrives, silent) = viaLan ? (lan, calico) : (calico, lan);
        var seen = arrives.WaitFor(d => d.SourcePort == port, expected.Length, CaptureWait);
        NamespaceTest.Log($"IPv6 multicast via {(viaLan ? "LAN" : "eth0")}: " + string.Join(", ", seen));
        Assert.Equal(expected.Select(e => string.Format(System.Globalization.CultureInfo.InvariantCulture, e, port)), seen.Select(d => d.ToString()));
        Thread.Sleep(500);
        Assert.DoesNotContain(silent.Seen, d => d.SourcePort == port);
    }

    [Fact]
    public void Static_IPv6_on_an_IPv6_network_runs_through_bridge_static_and_route_fix()
    {
        NamespaceTest.RequirePrerequisites();
        using var net = LabNetwork.Create("cni6", dhcp: false);
        Shell.Ip("-n", net.Lan, "addr", "add", "fd00:6::1/64", "dev", net.LanDevice, "nodad");
        var lab = DualStackLab();
        var executor = Executor(net, Conflist(lab, "default/lan6", net.Bridge!));
        Assert.Equal(["fd00:6::50/64"], executor.Plugins[0]["ipam"]!["addresses"]!.AsArray().Select(a => (string?)a!["address"]));

        var invocation = Invocation(net);
        var result = executor.Add(invocation);
        var deleted = false;
        try
        {
            Assert.Equal(["fd00:6::50/64"], result["ips"]!.AsArray().Select(ip => (string?)ip!["address"]));
            var v4 = Shell.Ip("-n", net.Pod, "-4", "route", "show");
            var v6 = Shell.Ip("-n", net.Pod, "-6", "route", "show");
            NamespaceTest.Log("pod routes after ADD:\n" + v4 + v6);

            // No IPv4 address on net1: route-fix sets no IPv4 route, only IPv6 multicast out of net1.
            Assert.DoesNotContain("net1", v4, StringComparison.Ordinal);
            Assert.Contains("multicast ff00::/8 dev net1 proto 82 metric 255", Shell.Ip("-n", net.Pod, "-6", "route", "show", "table", "local"), StringComparison.Ordinal);
            Assert.Contains("dev net1 table local proto 82", Shell.Ip("-n", net.Pod, "-6", "route", "get", "ff02::fb"), StringComparison.Ordinal);
            Assert.Equal(IPAddress.Parse("fd00:6::50"), ReachRouterOverIPv6(net, "fd00:6::1"));

            executor.Check(invocation, result);
            executor.Del(invocation, result);
            deleted = true;
            Assert.DoesNotContain("net1", Shell.Ip("-n", net.Pod, "-o", "link", "show"), StringComparison.Ordinal);
            Assert.DoesNotContain("proto 82", Shell.Ip("-n", net.Pod, "-6", "route", "show", "table", "all"), StringComparison.Ordinal);
        }
        finally
        {
            if (!deleted)
            {
                executor.Del(invocation, result);
            }
        }
    }
}
