using GitOps.TestSupport;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GitOps.NodeAgent;
using RouteFix.NamespaceHarness;

namespace GitOps.NodeEmulator.Tests;

/// <summary>
/// The second sample (samples/BareMetalLab: Flux, bare metal, a pods-only IoT VLAN on bridge <c>br-iot</c>, whereabouts
/// IPAM, Home Assistant and Frigate) run from its output folder AS COMMITTED (<see cref="Labs.BareMetalLabOutput"/>),
/// not from the C# model: on a fresh emulated node <c>metal-1</c>, every DaemonSet it commits runs under runc (the
/// route-fix installer, whereabouts, and the thick Multus daemon that K3s applies from hosts/metal-1/…/server/manifests),
/// then the NAD each workload selects runs the way Multus delegates it through the plugins those pods installed.
/// The whereabouts IPAM binary is a stand-in that cannot allocate, so the chain runs a second time with its IPAM replaced
/// by host-local over the same range (<see cref="StandInImages.WhereaboutsIpamStandIn"/>, declared in the one table).
/// </summary>
[Trait("Category", "Namespace")]
public sealed class BareMetalLabScenarioTests
{
    /// <summary>The DaemonSets this scenario runs (CoverageTests: every DaemonSet of the committed output must be here).</summary>
    public static readonly string[] Covers = [NodeAgentEmitter.InstallerName, "whereabouts", "kube-multus-ds"];

    private static readonly IPEndPoint Mdns = new(IPAddress.Parse("224.0.0.251"), 5353);
    private static readonly IPEndPoint Ssdp = new(IPAddress.Parse("239.255.255.250"), 1900);
    private static readonly IPEndPoint LimitedBroadcast = new(IPAddress.Broadcast, 9);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private const string NetworksAnnotation = "k8s.v1.cni.cncf.io/networks";

    [Fact]
    public void Committed_node_pods_install_the_iot_chain_and_each_workload_gets_its_attachment()
    {
        Emulator.RequirePrerequisites();
        var total = Stopwatch.StartNew();
        var emitted = EmittedManifests.Committed(Labs.BareMetalLabOutput);
        var objects = emitted.Select(o => o.Object).ToList();
        using var net = LabNetwork.Create("br-iot", dhcp: false);
        using var node = EmulatedNode.Create("metal-1", net.Node, () => RouteFixImage.Archive);
        var binDir = node.HostPath("/opt/cni/bin");

        // 1. The route-fix installer: route-fix and bridge (whereabouts needs no dhcp plugin), mode 0755, the sources' bytes.
        var installer = node.RunPod(DaemonSet(emitted, NodeAgentEmitter.InstallerName), objects);
        Emulator.Log($"installer init containers: {string.Join(", ", installer.InitContainers.Select(i => $"{i.Name} {i.ExitCode} {i.Elapsed.TotalMilliseconds:F0} ms"))}");
        Assert.All(installer.InitContainers, i => Assert.Equal(0, i.ExitCode));
        Assert.True(LabNetwork.WaitUntil(() => !installer.Container("pause").HasExited, Wait));
        var installed = new Dictionary<string, string> { ["route-fix"] = RouteFixBinary.Path, ["bridge"] = Path.Combine(Prerequisites.PluginDirectory, "bridge") };
        Assert.Equal(installed.Keys.Order(), Directory.GetFiles(binDir).Select(Path.GetFileName).Order()!);
        foreach (var (name, source) in installed)
        {
            Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(binDir, name)));
            Assert.Equal(Hash(source), Hash(Path.Combine(binDir, name)));
        }

        // 2. whereabouts: its install step puts the IPAM binary beside them and makes whereabouts.d; the reconciler keeps running.
        var whereabouts = node.RunPod(DaemonSet(emitted, "whereabouts"), objects);
        Assert.True(LabNetwork.WaitUntil(() => File.Exists(Path.Combine(binDir, "whereabouts")), TimeSpan.FromSeconds(20)), whereabouts.Container("whereabouts").Output);
        WaitRunning(node, whereabouts, "whereabouts");
        Assert.True(Directory.Exists(node.HostPath("/etc/cni/net.d/whereabouts.d")));
        var env = whereabouts.Specs.Values.Single()["process"]!["env"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains("NODENAME=metal-1", env);
        Assert.Contains("WHEREABOUTS_NAMESPACE=kube-system", env);

        // 3. The thick Multus daemon from the K3s server's day-0 manifest: Ready only once its conf file exists.
        var multusSet = emitted.Single(o => o.Kind == "DaemonSet" && o.Name == "kube-multus-ds");
        Assert.StartsWith("hosts/metal-1/var/lib/rancher/k3s/server/manifests/", multusSet.File, StringComparison.Ordinal);
        var multus = node.RunPod(multusSet.Object, objects);
        Assert.Equal(0, Assert.Single(multus.InitContainers).ExitCode);
        WaitRunning(node, multus, "kube-multus");
        Assert.False(multus.ReadinessProbe("kube-multus").Success);
        File.WriteAllText(node.HostPath("/etc/cni/net.d/00-multus.conf"), """{"cniVersion":"0.3.1","name":"multus-cni-network","type":"multus-shim"}""");
        Assert.True(multus.ReadinessProbe("kube-multus").Success);
        Emulator.Log($"node pods up after {total.Elapsed.TotalSeconds:F1} s; host /opt/cni/bin: {string.Join(' ', Directory.GetFiles(binDir).Select(Path.GetFileName).Order())}");

        // 4. What each workload selects, parsed as Multus does, and the NAD it names (from the committed networks/ folder).
        var workloads = emitted.Where(o => o.Kind == "Deployment").ToList();
        Assert.Equal(["frigate", "homeassistant"], workloads.Select(w => w.Name).Order());
        var selections = workloads.ToDictionary(w => w.Name, w => Assert.Single(MultusSelection.Parse(
            (string)w.Object["spec"]!["template"]!["metadata"]!["annotations"]![NetworksAnnotation]!, (string)w.Object["metadata"]!["namespace"]!)));
        foreach (var (workload, selection) in selections)
        {
            Assert.Equal(("iot", "iot-net"), (selection.Namespace, selection.Name));
            // No ips/mac in the selection: Multus merges no runtimeConfig into the delegate (multus-cni pkg/types/conf.go
            // mergeCNIRuntimeConfig: IPs only when IPRequest != nil, Mac only when MacRequest != ""), and the interface is
            // Multus's default name for the first attachment, net1 (pkg/multus/multus.go: fmt.Sprintf("net%d", idx)).
            Assert.True(selection.CapabilityArgs.Count == 0, $"{workload}: {string.Join(", ", selection.CapabilityArgs.Keys)}");
            Assert.Equal("", selection.InterfaceRequest);
        }

        var conflist = EmittedManifests.Conflist(emitted, "iot", "iot-net");
        var asWritten = new ConflistExecutor(conflist, [binDir], _ => node.PluginLauncher());
        Assert.Equal(["bridge", "route-fix"], asWritten.Plugins.Select(p => (string?)p["type"]));
        var ipam = asWritten.Plugins[0]["ipam"]!.AsObject();
        Assert.Equal("br-iot", (string?)asWritten.Plugins[0]["bridge"]);
        // Every binary the chain names is one the node pods installed in the host's /opt/cni/bin (CNI_PATH).
        Assert.All(asWritten.Plugins.Select(p => (string)p["type"]!).Append((string)ipam["type"]!), t => Assert.True(File.Exists(Path.Combine(binDir, t)), t + " not installed"));
        WhereaboutsContract.Check(ipam);

        // 5. As written, the chain reaches the whereabouts binary the DaemonSet installed (the stand-in: it cannot allocate).
        var probeNs = node.AddPodNetworkNamespace(net.Pod + "-wb");
        var failed = Assert.Throws<CniPluginException>(() => asWritten.Add(Invocation("c0ffee-w" + net.Suffix, probeNs, "probe-" + net.Suffix)));
        Emulator.Log($"as written: {failed.Run.Type} {failed.Run.Command} exit {failed.Run.ExitCode}: {failed.Run.Stdout}{failed.Run.Stderr}");
        Assert.Equal("bridge", failed.Run.Type);
        Assert.Contains("node-emulator stand-in for the whereabouts IPAM binary", failed.Run.Stdout + failed.Run.Stderr, StringComparison.Ordinal);
        Shell.Ip("netns", "exec", Path.GetFileName(probeNs), "ip", "link", "del", "net1");

        // 6. The chain with the declared stand-in IPAM (host-local over the same range), bridge and route-fix from the host's bin dir.
        var standIn = JsonNode.Parse(conflist)!.AsObject();
        standIn["plugins"]![0]!["ipam"] = StandInImages.HostLocalFor(ipam, node.HostPath("/var/lib/cni/networks"));
        var executor = new ConflistExecutor(standIn.ToJsonString(), [binDir, Prerequisites.PluginDirectory], _ => node.PluginLauncher());
        var range = IPNetwork.Parse((string)ipam["range"]!);

        node.Pin(net.Pod);
        var haInvocation = Invocation("c0ffee-ha" + net.Suffix, "/run/netns/" + net.Pod, "homeassistant-" + net.Suffix);
        var haResult = executor.Add(haInvocation);
        var (haAddress, haPrefix) = Net1Address(haResult);
        Assert.True(range.Contains(haAddress));
        Assert.Equal(range.PrefixLength, haPrefix); // whereabouts: the range's mask (AssignIP)
        Assert.Equal(24, haPrefix); // the IoT VLAN's subnet (BareMetalLabModel), not the /26 allocation span
        Assert.Equal("192.168.30.65", haAddress.ToString()); // range_start: the /26's first usable address
        Assert.Equal((string?)ipam["gateway"], (string?)haResult["ips"]![0]!["gateway"]);
        Emulator.Log($"homeassistant net1 {haAddress}/{haPrefix}");

        var routes = Shell.Ip("-n", net.Pod, "-4", "route", "show");
        Emulator.Log("homeassistant routes after ADD:\n" + routes);
        Assert.Contains($"{range} dev net1 proto 82 scope link src {haAddress}", routes, StringComparison.Ordinal);
        Assert.Contains($"224.0.0.0/4 dev net1 proto 82 scope link src {haAddress}", routes, StringComparison.Ordinal);
        Assert.Contains($"255.255.255.255 dev net1 proto 82 scope link src {haAddress}", routes, StringComparison.Ordinal);
        Assert.Contains("default via 169.254.1.1 dev eth0 onlink", routes, StringComparison.Ordinal);
        Assert.DoesNotContain("default via 192.168.30.1", routes, StringComparison.Ordinal);

        // mDNS, SSDP and the limited broadcast leave net1 from the IoT address and reach the VLAN's far end (br-iot's uplink).
        using (var iot = PacketCapture.Start(net.Lan, net.LanDevice))
        {
            var port = Random.Shared.Next(40000, 60000);
            string[] expected = [$"{haAddress}:{port} > 224.0.0.251:5353", $"{haAddress}:{port} > 239.255.255.250:1900", $"{haAddress}:{port} > 255.255.255.255:9"];
            var seen = new SortedSet<string>(StringComparer.Ordinal);
            for (var attempt = 0; attempt < 5 && seen.Count < expected.Length; attempt++)
            {
                Datagrams.Send(net.PodNetnsPath, port, [Mdns, Ssdp, LimitedBroadcast]);
                seen.UnionWith(iot.WaitFor(d => d.SourcePort == port, expected.Length, TimeSpan.FromSeconds(2)).Select(d => d.ToString()));
            }

            Assert.Equal(expected.Order(StringComparer.Ordinal), seen);
        }

        // Other traffic keeps Calico's eth0 and its source; CHECK (cniVersion 0.4.0) passes for every plugin of the chain.
        Assert.Equal(LabNetwork.PodCalicoAddress, Datagrams.SourceFor(net.PodNetnsPath, LabNetwork.NodeProbeAddress));
        executor.Check(haInvocation, haResult);

        // Frigate in its own pod: another address of the range; unicast between the two pods crosses br-iot on net1.
        var frigateNs = node.AddPodNetworkNamespace(net.Pod + "-fr");
        var frigateInvocation = Invocation("c0ffee-fr" + net.Suffix, frigateNs, "frigate-" + net.Suffix);
        var frigateResult = executor.Add(frigateInvocation);
        var (frigateAddress, frigatePrefix) = Net1Address(frigateResult);
        Assert.True(range.Contains(frigateAddress));
        Assert.Equal(range.PrefixLength, frigatePrefix);
        Assert.NotEqual(haAddress, frigateAddress);
        using (var frigateNet1 = PacketCapture.Start(Path.GetFileName(frigateNs), "net1"))
        {
            var port = Random.Shared.Next(40000, 60000);
            var seen = new List<string>();
            for (var attempt = 0; attempt < 5 && seen.Count == 0; attempt++)
            {
                Datagrams.Send(net.PodNetnsPath, port, [new IPEndPoint(frigateAddress, 9)]);
                seen.AddRange(frigateNet1.WaitFor(d => d.SourcePort == port, 1, TimeSpan.FromSeconds(2)).Select(d => d.ToString()));
            }

            Assert.Equal([$"{haAddress}:{port} > {frigateAddress}:9"], seen);
        }

        // A device on the IoT subnet outside the allocation span (a camera at .10) is on-link from the pod: the config's
        // range is the VLAN's whole subnet, narrowed by range_start/range_end, so the pod's prefix is the VLAN's (before,
        // the range was the model's /26 and the camera was reached through eth0 and the router).
        var outside = IPAddress.Parse("192.168.30.10");
        var toOutside = Shell.Ip("-n", net.Pod, "-4", "route", "get", outside.ToString()).Trim();
        Emulator.Log($"route from homeassistant to {outside} (IoT subnet, outside the allocation span): {toOutside}");
        // On-link: out of net1 from the IoT address, with no gateway. (The kernel may print a cached route's type in front,
        // "multicast 192.168.30.10 dev net1 …", seen once in CI after the multicast datagrams; the device, source and the
        // absence of "via" are what matter.)
        Assert.Contains($"{outside} dev net1 src {haAddress}", toOutside, StringComparison.Ordinal);
        Assert.DoesNotContain(" via ", toOutside, StringComparison.Ordinal);

        // DEL leaves nothing behind in the pods, the node or the stand-in's lease store.
        executor.Del(frigateInvocation, frigateResult);
        executor.Del(haInvocation, haResult);
        Assert.DoesNotContain("net1", Shell.Ip("-n", net.Pod, "-o", "link", "show"), StringComparison.Ordinal);
        Assert.DoesNotContain("net1", Shell.Ip("-n", Path.GetFileName(frigateNs), "-o", "link", "show"), StringComparison.Ordinal);
        Assert.Equal("default via 169.254.1.1 dev eth0 onlink \n169.254.1.1 dev eth0 scope link \n", Shell.Ip("-n", net.Pod, "-4", "route", "show"));
        Assert.DoesNotContain("veth", Shell.Ip("-n", net.Node, "-o", "link", "show"), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(node.HostPath("/var/lib/cni/networks/iot-net")), f => IPAddress.TryParse(Path.GetFileName(f), out _));
        foreach (var run in executor.Runs)
        {
            Emulator.Log($"{run.Type} {run.Command}: {run.Elapsed.TotalMilliseconds:F0} ms");
        }

        Emulator.Log($"scenario wall time {total.Elapsed.TotalSeconds:F1} s");
    }

    private static JsonObject DaemonSet(IReadOnlyList<EmittedObject> emitted, string name) => emitted.Single(o => o.Kind == "DaemonSet" && o.Name == name).Object;

    private static CniInvocation Invocation(string containerId, string netns, string podName) => new(
        containerId, netns, "net1", $"IgnoreUnknown=1;K8S_POD_NAMESPACE=iot;K8S_POD_NAME={podName};K8S_POD_INFRA_CONTAINER_ID={containerId}");

    private static (IPAddress Address, int Prefix) Net1Address(JsonObject result)
    {
        var interfaces = result["interfaces"]!.AsArray();
        var index = interfaces.Select((i, n) => (i, n)).Single(x => (string?)x.i!["name"] == "net1" && x.i!["sandbox"] is not null).n;
        var cidr = result["ips"]!.AsArray().Single(ip => (int?)ip!["interface"] == index)!["address"]!.GetValue<string>();
        var parts = cidr.Split('/');
        return (IPAddress.Parse(parts[0]), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void WaitRunning(EmulatedNode node, PodRun pod, string container) =>
        Assert.True(LabNetwork.WaitUntil(
            () => Shell.Run("runc", "--root", node.RuncRoot, "state", pod.ContainerId(container)).Stdout.Contains("\"status\": \"running\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20)), pod.Container(container).Output);

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
