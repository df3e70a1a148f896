using System.Net;
using System.Text.Json.Nodes;
using GitOps.Cni;
using GitOps.Topology;
using RouteFix.NamespaceHarness;

namespace RouteFix.IntegrationTests;

/// <summary>
/// The layer-2 conflist the library generates for the blog's lab (bridge cni0 + dhcp + route-fix), executed like
/// libcni in namespaces lan/node/pod, with the published NativeAOT route-fix. About 6 s per DHCP ADD.
/// </summary>
[Trait("Category", "Namespace")]
public sealed class LayerTwoChainTests
{
    private static readonly IPEndPoint Mdns = new(IPAddress.Parse("224.0.0.251"), 5353);
    private static readonly IPEndPoint Ssdp = new(IPAddress.Parse("239.255.255.250"), 1900);
    private static readonly IPEndPoint LimitedBroadcast = new(IPAddress.Broadcast, 9);
    private static readonly TimeSpan CaptureWait = TimeSpan.FromSeconds(5);

    /// <summary>The HomeLab sample's layer-2 attachment, with the dhcp daemon socket of this test run.</summary>
    private static (Lab Lab, Attachment Attachment) HomeLabAttachment(string daemonSocket)
    {
        var lab = HomeLab.HomeLabModel.Build();
        var attachment = lab.Attachments.Single(a => a.QualifiedName == "default/layer2-bridge");
        var dhcp = (DhcpIpamOptions)attachment.Ipam;
        return (lab, attachment with { Ipam = dhcp with { DaemonSocketPath = daemonSocket } });
    }

    private static string Conflist(Lab lab, Attachment attachment) => LayerTwoConflist.Build(lab, attachment).ToJson();

    private static ConflistExecutor Executor(LabNetwork net, string conflist) => new(
        conflist,
        [Path.GetDirectoryName(RouteFixBinary.Path)!, Prerequisites.PluginDirectory],
        _ => ["ip", "netns", "exec", net.Node]); // every plugin runs in the node's namespace, as the kubelet's would

    private static CniInvocation Invocation(LabNetwork net, string podName) => new(
        ContainerId: "c0ffee" + net.Suffix,
        Netns: net.PodNetnsPath,
        IfName: "net1",
        Args: $"IgnoreUnknown=1;K8S_POD_NAMESPACE=smarthome;K8S_POD_NAME={podName};K8S_POD_INFRA_CONTAINER_ID=c0ffee{net.Suffix}");

    private static string DhcpAddress(JsonObject result, string ifName)
    {
        var interfaces = result["interfaces"]!.AsArray();
        var index = interfaces.Select((i, n) => (i, n)).Single(x => (string?)x.i!["name"] == ifName && x.i!["sandbox"] is not null).n;
        var address = result["ips"]!.AsArray().First(ip => (int?)ip!["interface"] == index)!["address"]!.GetValue<string>();
        return address[..address.IndexOf('/')];
    }

    private static int FreshPort() => Random.Shared.Next(40000, 60000);

    private static void LogRuns(ConflistExecutor executor)
    {
        NamespaceTest.Log($"route-fix: {RouteFixBinary.Path} (publish took {RouteFixBinary.PublishTime.TotalSeconds:F1} s)");
        foreach (var run in executor.Runs)
        {
            NamespaceTest.Log($"{run.Type} {run.Command}: {run.Elapsed.TotalMilliseconds:F0} ms");
        }
    }

    /// <summary>
    /// What goes wrong without route-fix, in two steps. First, bridge + dhcp put the LAN router's default route
    /// ahead of Calico's, so traffic meant for Calico goes to the LAN. Second, in the state the blog's pod was in
    /// (that route gone, only Calico's default), multicast leaves through eth0 with the Calico source and never
    /// reaches the LAN.
    /// </summary>
    [Fact]
    public void Without_route_fix_the_lan_takes_calicos_traffic_and_multicast_misses_the_lan()
    {
        NamespaceTest.RequirePrerequisites();
        using var net = LabNetwork.Create("cni0", dhcp: true);
        var (lab, attachment) = HomeLabAttachment(net.DhcpSocket);
        Assert.Equal(net.Bridge, attachment.Bridge);
        var executor = Executor(net, Conflist(lab, attachment with { RouteFix = null }));
        Assert.DoesNotContain(executor.Plugins, p => (string?)p["type"] == "route-fix");
        var invocation = Invocation(net, "ha-" + net.Suffix);
        var result = executor.Add(invocation);
        try
        {
            var address = DhcpAddress(result, "net1");
            var routes = Shell.Ip("-n", net.Pod, "-4", "route", "show");
            NamespaceTest.Log("pod routes without route-fix:\n" + routes);
            Assert.StartsWith("default via 192.168.2.1 dev net1 \ndefault via 169.254.1.1 dev eth0 onlink \n", routes, StringComparison.Ordinal);

            using (var lan = PacketCapture.Start(net.Lan, net.LanDevice))
            {
                var port = FreshPort();
                Datagrams.Send(net.PodNetnsPath, port, [new IPEndPoint(LabNetwork.NodeProbeAddress, 9)]);
                Assert.Equal([$"{address}:{port} > {LabNetwork.NodeProbeAddress}:9"], lan.WaitFor(d => d.SourcePort == port, 1, CaptureWait).Select(d => d.ToString()));
            }

            Shell.Ip("-n", net.Pod, "route", "del", "default", "via", LabNetwork.RouterAddress.ToString(), "dev", "net1");
            using (var lan = PacketCapture.Start(net.Lan, net.LanDevice))
            using (var calico = PacketCapture.Start(net.Node, net.CalicoHostDevice))
            {
                var port = FreshPort();
                Datagrams.Send(net.PodNetnsPath, port, [Mdns, Ssdp]);
                var viaEth0 = calico.WaitFor(d => d.SourcePort == port, 2, CaptureWait);
                Assert.Equal(
                    [$"{LabNetwork.PodCalicoAddress}:{port} > 224.0.0.251:5353", $"{LabNetwork.PodCalicoAddress}:{port} > 239.255.255.250:1900"],
                    viaEth0.Select(d => d.ToString()));
                Thread.Sleep(500);
                Assert.DoesNotContain(lan.Seen, d => d.SourcePort == port);
            }
        }
        finally
        {
            executor.Del(invocation, result);
            LogRuns(executor);
        }
    }

    [Fact]
    public void With_route_fix_multicast_and_broadcast_reach_the_lan_from_the_dhcp_address()
    {
        NamespaceTest.RequirePrerequisites();
        using var net = LabNetwork.Create("cni0", dhcp: true);
        var (lab, attachment) = HomeLabAttachment(net.DhcpSocket);
        var executor = Executor(net, Conflist(lab, attachment));
        var routeFix = Assert.Single(executor.Plugins, p => (string?)p["type"] == "route-fix");
        var podName = "ha-" + net.Suffix;
        var invocation = Invocation(net, podName);
        var result = executor.Add(invocation);
        var deleted = false;
        try
        {
            var address = DhcpAddress(result, "net1");
            Assert.StartsWith("192.168.2.", address, StringComparison.Ordinal);
            var routes = Shell.Ip("-n", net.Pod, "-4", "route", "show");
            NamespaceTest.Log("pod routes after ADD:\n" + routes);
            Assert.Contains($"192.168.2.0/24 dev net1 proto 82 scope link src {address}", routes, StringComparison.Ordinal);
            Assert.Contains($"224.0.0.0/4 dev net1 proto 82 scope link src {address}", routes, StringComparison.Ordinal);
            Assert.Contains($"255.255.255.255 dev net1 proto 82 scope link src {address}", routes, StringComparison.Ordinal);
            Assert.Contains("default via 169.254.1.1 dev eth0 onlink", routes, StringComparison.Ordinal);
            Assert.DoesNotContain("default via 192.168.2.1", routes, StringComparison.Ordinal);

            // Multicast and limited broadcast reach the LAN with the pod's DHCP address as source.
            using (var lan = PacketCapture.Start(net.Lan, net.LanDevice))
            {
                var port = FreshPort();
                Datagrams.Send(net.PodNetnsPath, port, [Mdns, Ssdp, LimitedBroadcast]);
                var arrived = lan.WaitFor(d => d.SourcePort == port, 3, CaptureWait);
                Assert.Equal(
                    [$"{address}:{port} > 224.0.0.251:5353", $"{address}:{port} > 239.255.255.250:1900", $"{address}:{port} > 255.255.255.255:9"],
                    arrived.Select(d => d.ToString()));
            }

            // Everything else still follows Calico's default route, from the Calico address.
            Assert.Equal(LabNetwork.PodCalicoAddress, Datagrams.SourceFor(net.PodNetnsPath, LabNetwork.NodeProbeAddress));
            using (var calico = PacketCapture.Start(net.Node, net.CalicoHostDevice))
            {
                var port = FreshPort();
                Datagrams.Send(net.PodNetnsPath, port, [new IPEndPoint(LabNetwork.NodeProbeAddress, 9)]);
                Assert.Equal([$"{LabNetwork.PodCalicoAddress}:{port} > {LabNetwork.NodeProbeAddress}:9"], calico.WaitFor(d => d.SourcePort == port, 1, CaptureWait).Select(d => d.ToString()));
            }

            // The lease carries the pod name (DHCP option 12 from K8S_POD_NAME).
            Assert.True(
                LabNetwork.WaitUntil(() => net.Leases().Any(l => l.Length >= 4 && l[2] == address && l[3] == podName), TimeSpan.FromSeconds(5)),
                "no lease for " + address + " named " + podName + " in: " + string.Join(" | ", net.Leases().Select(l => string.Join(' ', l))));

            // ADD twice is not an error; CHECK agrees; CHECK names a route that went missing.
            executor.Execute(routeFix, "ADD", invocation, result);
            executor.Execute(routeFix, "CHECK", invocation, result);
            Shell.Ip("-n", net.Pod, "route", "del", "224.0.0.0/4");
            var check = Assert.Throws<CniPluginException>(() => executor.Execute(routeFix, "CHECK", invocation, result));
            var error = JsonNode.Parse(check.Run.Stdout)!;
            Assert.Equal(100, (int)error["code"]!);
            Assert.Equal($"expected 224.0.0.0/4 dev net1 scope link src {address}, found no route to 224.0.0.0/4", (string?)error["details"]);

            executor.Del(invocation, result);
            deleted = true;

            // DEL leaves no interface, route or process behind.
            var links = Shell.Ip("-n", net.Pod, "-o", "link", "show");
            Assert.DoesNotContain("net1", links, StringComparison.Ordinal);
            var after = Shell.Ip("-n", net.Pod, "-4", "route", "show");
            Assert.Equal("default via 169.254.1.1 dev eth0 onlink \n169.254.1.1 dev eth0 scope link \n", after);
            Assert.Empty(LabNetwork.ThreadsIn(net.PodNetnsPath));
            var nodeLinks = Shell.Ip("-n", net.Node, "-o", "link", "show");
            Assert.DoesNotContain("veth", nodeLinks, StringComparison.Ordinal);
        }
        finally
        {
            if (!deleted)
            {
                executor.Del(invocation, result);
            }

            LogRuns(executor);
        }
    }
}
