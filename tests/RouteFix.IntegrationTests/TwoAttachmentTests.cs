using System.Net;
using System.Text.Json.Nodes;
using RouteFix.NamespaceHarness;

namespace RouteFix.IntegrationTests;

/// <summary>
/// One pod with two layer-2 attachments (issue 9): the LAN (cni0, DHCP) as net1 and an IoT network (cni1,
/// 10.30.0.0/24, host-local) as net2, both with route-fix, run like Multus delegates them: net1's conflist, then
/// net2's, on the same container and namespace. The conflists are the library's NAD conflists.
/// </summary>
[Trait("Category", "Namespace")]
public sealed class TwoAttachmentTests
{
    private static readonly IPEndPoint Mdns = new(IPAddress.Parse("224.0.0.251"), 5353);
    private static readonly IPEndPoint LimitedBroadcast = new(IPAddress.Broadcast, 9);
    private static readonly TimeSpan CaptureWait = TimeSpan.FromSeconds(5);

    private sealed record Pod(LabNetwork Net, ConflistExecutor Lan, ConflistExecutor Iot, CniInvocation Net1, CniInvocation Net2, string IotBridge);

    private static Pod Start(LabNetwork net, GitOps.Topology.Lab lab)
    {
        // The IoT bridge on the node; its address stands for the IoT router 10.30.0.1.
        const string iotBridge = "cni1";
        Shell.Ip("-n", net.Node, "link", "add", iotBridge, "type", "bridge");
        Shell.Ip("-n", net.Node, "addr", "add", TwoAttachmentLab.IotRouter + "/24", "dev", iotBridge);
        Shell.Ip("-n", net.Node, "link", "set", iotBridge, "up");
        var dataDir = Path.Combine(net.TempDirectory, "host-local");
        var cniPath = new[] { Path.GetDirectoryName(RouteFixBinary.Path)!, Prerequisites.PluginDirectory };
        IReadOnlyList<string> InNode(string _) => ["ip", "netns", "exec", net.Node];
        var args = $"IgnoreUnknown=1;K8S_POD_NAMESPACE=smarthome;K8S_POD_NAME=ha-{net.Suffix};K8S_POD_INFRA_CONTAINER_ID=c0ffee{net.Suffix}";
        return new Pod(
            net,
            new ConflistExecutor(TwoAttachmentLab.LanConflist(lab, net.DhcpSocket), cniPath, InNode),
            new ConflistExecutor(TwoAttachmentLab.IotConflist(lab, dataDir), cniPath, InNode),
            new CniInvocation("c0ffee" + net.Suffix, net.PodNetnsPath, "net1", args),
            new CniInvocation("c0ffee" + net.Suffix, net.PodNetnsPath, "net2", args),
            iotBridge);
    }

    private static string AddressOf(JsonObject result, string ifName)
    {
        var interfaces = result["interfaces"]!.AsArray();
        var index = interfaces.Select((i, n) => (i, n)).Single(x => (string?)x.i!["name"] == ifName && x.i!["sandbox"] is not null).n;
        var address = result["ips"]!.AsArray().First(ip => (int?)ip!["interface"] == index)!["address"]!.GetValue<string>();
        return address[..address.IndexOf('/')];
    }

    private static string PodRoutes(Pod pod) => Shell.Ip("-n", pod.Net.Pod, "-4", "route", "show");

    /// <summary>Sends mDNS and a limited broadcast from the pod; returns what the LAN router saw of them.</summary>
    private static IReadOnlyList<string> MulticastSeenOnTheLan(Pod pod, int expected)
    {
        using var lan = PacketCapture.Start(pod.Net.Lan, pod.Net.LanDevice);
        var port = Random.Shared.Next(40000, 60000);
        Datagrams.Send(pod.Net.PodNetnsPath, port, [Mdns, LimitedBroadcast]);
        var seen = lan.WaitFor(d => d.SourcePort == port, expected, CaptureWait);
        Thread.Sleep(300);
        return lan.Seen.Where(d => d.SourcePort == port).Select(d => d.ToString()).ToList();
    }

    private static void Log(Pod pod, string when) => NamespaceTest.Log($"pod routes {when}:\n{PodRoutes(pod)}");

    /// <summary>
    /// The IoT attachment as issue 9 describes it: route-fix with its defaults (multicast, broadcast) and an extra
    /// route to the LAN via the IoT router. Each attachment is valid on its own (two workloads, one each), so the
    /// model accepts the lab; a pod that joins both anyway (a hand-written annotation) must not lose its LAN routes.
    /// </summary>
    [Fact]
    public void The_second_attachments_route_fix_does_not_take_the_firsts_routes()
    {
        NamespaceTest.RequirePrerequisites();
        var lab = TwoAttachmentLab.Build(r => r.Route("192.168.2.0/24", via: TwoAttachmentLab.IotRouter), oneWorkloadJoinsBoth: false);
        using var net = LabNetwork.Create("cni0", dhcp: true);
        var pod = Start(net, lab);
        var lanResult = pod.Lan.Add(pod.Net1);
        try
        {
            var address = AddressOf(lanResult, "net1");
            Log(pod, "after ADD of net1");
            var iotRouteFix = Assert.Single(pod.Iot.Plugins, p => (string?)p["type"] == "route-fix");
            Assert.Equal("192.168.2.0/24", (string?)iotRouteFix["routes"]![0]!["dst"]);

            var failure = Assert.Throws<CniPluginException>(() => pod.Iot.Add(pod.Net2));
            Log(pod, "after the failed ADD of net2");
            Assert.Equal("route-fix", failure.Run.Type);
            var error = JsonNode.Parse(failure.Run.Stdout)!;
            NamespaceTest.Log("route-fix ADD net2: " + failure.Run.Stdout);
            Assert.Equal(101, (int)error["code"]!);
            Assert.Equal(
                "route-fix on net2 would take over 3 route(s) that point out of another interface: 224.0.0.0/4 (net1), 255.255.255.255/32 (net1), 192.168.2.0/24 (net1)",
                (string?)error["msg"]);
            var details = (string)error["details"]!;
            Assert.Contains($"224.0.0.0/4 is held by net1 (found \"224.0.0.0/4 dev net1 scope link src {address}\"): only one interface of a pod can carry multicast; set \"multicast\": false", details, StringComparison.Ordinal);
            Assert.Contains("remove routes[0] (dst 192.168.2.0/24)", details, StringComparison.Ordinal);

            // net1 keeps everything: its routes, multicast and broadcast to the LAN from the DHCP address, CHECK.
            var routes = PodRoutes(pod);
            Assert.Contains($"192.168.2.0/24 dev net1 proto 82 scope link src {address}", routes, StringComparison.Ordinal);
            Assert.Contains($"224.0.0.0/4 dev net1 proto 82 scope link src {address}", routes, StringComparison.Ordinal);
            Assert.Contains($"255.255.255.255 dev net1 proto 82 scope link src {address}", routes, StringComparison.Ordinal);
            Assert.DoesNotContain("proto 82", string.Join('\n', routes.Split('\n').Where(l => l.Contains("net2", StringComparison.Ordinal))), StringComparison.Ordinal);
            Assert.Equal(2, MulticastSeenOnTheLan(pod, 2).Count(s => s.StartsWith(address + ":", StringComparison.Ordinal)));
            Assert.Equal(IPAddress.Parse(address), Datagrams.SourceFor(net.PodNetnsPath, IPAddress.Parse("192.168.2.77")));
            pod.Lan.Check(pod.Net1, lanResult);

            // The runtime deletes the failed attachment (libcni/Multus call DEL after a failed ADD); net1 stays intact.
            pod.Iot.Del(pod.Net2, null);
            Assert.DoesNotContain("net2", Shell.Ip("-n", net.Pod, "-o", "link", "show"), StringComparison.Ordinal);
            pod.Lan.Check(pod.Net1, lanResult);
        }
        finally
        {
            pod.Iot.Del(pod.Net2, null);
            pod.Lan.Del(pod.Net1, lanResult);
        }
    }

    /// <summary>
    /// The fix the model asks for: multicast and broadcast off on the IoT attachment, and its extra route goes to a
    /// subnet no other attachment is on. One workload joins both; both ADDs succeed, each interface carries its own
    /// traffic, every plugin's CHECK passes (bridge's included, which checks the result's routes), and DEL of one
    /// attachment leaves the other's routes alone.
    /// </summary>
    [Fact]
    public void With_multicast_and_broadcast_off_on_one_attachment_both_coexist()
    {
        NamespaceTest.RequirePrerequisites();
        var lab = TwoAttachmentLab.Build(r => r.Multicast(false).Broadcast(false).Route("10.40.0.0/24", via: TwoAttachmentLab.IotRouter), oneWorkloadJoinsBoth: true);
        using var net = LabNetwork.Create("cni0", dhcp: true);
        var pod = Start(net, lab);
        var iotRouteFix = Assert.Single(pod.Iot.Plugins, p => (string?)p["type"] == "route-fix");
        Assert.False((bool)iotRouteFix["multicast"]!);
        Assert.False((bool)iotRouteFix["broadcast"]!);
        var lanResult = pod.Lan.Add(pod.Net1);
        JsonObject? iotResult = null;
        try
        {
            iotResult = pod.Iot.Add(pod.Net2);
            var lanAddress = AddressOf(lanResult, "net1");
            var iotAddress = AddressOf(iotResult, "net2");
            Log(pod, "after ADD of net1 and net2");

            // The LAN's result no longer lists the default route route-fix deleted (dnsmasq sends a router option).
            Assert.DoesNotContain(lanResult["routes"]?.AsArray() ?? [], r => (string?)r!["dst"] == "0.0.0.0/0");
            Assert.DoesNotContain("default via 192.168.2.1", PodRoutes(pod), StringComparison.Ordinal);

            var routes = PodRoutes(pod);
            Assert.Contains($"224.0.0.0/4 dev net1 proto 82 scope link src {lanAddress}", routes, StringComparison.Ordinal);
            Assert.Contains($"255.255.255.255 dev net1 proto 82 scope link src {lanAddress}", routes, StringComparison.Ordinal);
            Assert.Contains($"10.30.0.0/24 dev net2 proto 82 scope link src {iotAddress}", routes, StringComparison.Ordinal);
            Assert.Contains($"10.40.0.0/24 via {TwoAttachmentLab.IotRouter} dev net2 proto 82 src {iotAddress}", routes, StringComparison.Ordinal);

            Assert.Equal([$"> 224.0.0.251:5353", "> 255.255.255.255:9"], MulticastSeenOnTheLan(pod, 2).Select(s => s[s.IndexOf('>')..]));
            Assert.All(MulticastSeenOnTheLan(pod, 2), s => Assert.StartsWith(lanAddress + ":", s, StringComparison.Ordinal));
            using (var iot = PacketCapture.Start(net.Node, pod.IotBridge))
            {
                var port = Random.Shared.Next(40000, 60000);
                Datagrams.Send(net.PodNetnsPath, port, [new IPEndPoint(IPAddress.Parse("10.40.0.9"), 9)]);
                Assert.Equal([$"{iotAddress}:{port} > 10.40.0.9:9"], iot.WaitFor(d => d.SourcePort == port, 1, CaptureWait).Select(d => d.ToString()));
            }

            pod.Lan.Check(pod.Net1, lanResult);
            pod.Iot.Check(pod.Net2, iotResult);

            // ADD again (a runtime retry) is still fine on either interface and changes nothing.
            var before = PodRoutes(pod);
            pod.Lan.Execute(pod.Lan.Plugins.Single(p => (string?)p["type"] == "route-fix"), "ADD", pod.Net1, lanResult);
            pod.Iot.Execute(pod.Iot.Plugins.Single(p => (string?)p["type"] == "route-fix"), "ADD", pod.Net2, iotResult);
            Assert.Equal(before, PodRoutes(pod));

            pod.Iot.Del(pod.Net2, iotResult);
            iotResult = null;
            Assert.DoesNotContain("net2", PodRoutes(pod), StringComparison.Ordinal);
            pod.Lan.Check(pod.Net1, lanResult);
        }
        finally
        {
            pod.Iot.Del(pod.Net2, iotResult);
            pod.Lan.Del(pod.Net1, lanResult);
        }
    }
}
