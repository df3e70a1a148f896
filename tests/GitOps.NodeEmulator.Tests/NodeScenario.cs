using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GitOps.Kubernetes;
using GitOps.Networks;
using GitOps.NodeAgent;
using GitOps.Topology;
using RouteFix.NamespaceHarness;

namespace GitOps.NodeEmulator.Tests;

/// <summary>
/// The emulator scenario for one lab: a fresh node runs the emitted node-agent pods, then each NAD's conflist is run
/// the way Multus delegates it, against a LAN with dnsmasq (router option on), then the dhcp daemon is SIGKILLed and
/// restarted as kubelet would. Assertions and measurements are logged; cleanup happens even on failure.
/// </summary>
internal sealed class NodeScenario(Lab lab)
{
    private static readonly IPEndPoint Mdns = new(IPAddress.Parse("224.0.0.251"), 5353);
    private static readonly IPEndPoint Ssdp = new(IPAddress.Parse("239.255.255.250"), 1900);
    private static readonly IPEndPoint LimitedBroadcast = new(IPAddress.Broadcast, 9);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<EmittedObject> _objects = EmittedManifests.Of(lab);

    /// <summary>Every DaemonSet name this scenario runs (the coverage test compares with what the library emits).</summary>
    /// <summary>The DaemonSets a scenario runs: these two here, whereabouts in WhereaboutsDaemonSetTests.</summary>
    public static readonly string[] Covers = [NodeAgentEmitter.InstallerName, NodeAgentEmitter.DhcpDaemonName, "whereabouts"];

    public void Run()
    {
        var total = Stopwatch.StartNew();
        var bridge = lab.Attachments.Select(a => a.Bridge).Distinct().Single();
        using var net = LabNetwork.Create(bridge, dhcp: true, dhcpDaemon: false);
        using var node = EmulatedNode.Create(lab.Nodes[0].Name, net.Node, () => RouteFixImage.Archive);
        var binDir = node.HostPath(lab.Cluster.CniBinDir);

        // 1. The installer pod puts route-fix, bridge and dhcp into the host's CNI bin dir atomically, mode 0755.
        var installer = DaemonSet(NodeAgentEmitter.InstallerName);
        var events = new List<string>();
        using (var watcher = new FileSystemWatcher(binDir) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.LastWrite })
        {
            watcher.Created += (_, e) => { lock (events) { events.Add("created " + e.Name); } };
            watcher.Changed += (_, e) => { lock (events) { events.Add("changed " + e.Name); } };
            watcher.Renamed += (_, e) => { lock (events) { events.Add($"renamed {e.OldName} -> {e.Name}"); } };
            watcher.EnableRaisingEvents = true;
            var pod = node.RunPod(installer, Objects);
            Emulator.Log($"installer init containers: {string.Join(", ", pod.InitContainers.Select(i => $"{i.Name} {i.ExitCode} {i.Elapsed.TotalMilliseconds:F0} ms"))}");
            Assert.All(pod.InitContainers, i => Assert.Equal(0, i.ExitCode));
            Assert.True(LabNetwork.WaitUntil(() => pod.Container("pause").HasExited is false, Wait));
            Thread.Sleep(300);
            Assert.False(pod.Container("pause").HasExited, "pause container ended: " + pod.Container("pause").Output);
        }

        var expected = new Dictionary<string, string>
        {
            ["route-fix"] = RouteFixBinary.Path,
            ["bridge"] = Path.Combine(Prerequisites.PluginDirectory, "bridge"),
            ["dhcp"] = Path.Combine(Prerequisites.PluginDirectory, "dhcp"),
        };
        Assert.Equal(expected.Keys.Order(), Directory.GetFiles(binDir).Select(Path.GetFileName).Order()!);
        foreach (var (name, source) in expected)
        {
            var installed = Path.Combine(binDir, name);
            Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(installed));
            Assert.Equal(Hash(source), Hash(installed));
            lock (events)
            {
                // inotify: the final name only ever appears by rename(2) of a finished temp file.
                Assert.DoesNotContain(events, e => e == "created " + name || e == "changed " + name);
                Assert.Contains(events, e => e.EndsWith(" -> " + name, StringComparison.Ordinal));
            }
        }

        Emulator.Log("bin dir events: " + string.Join(" | ", events));
        var before = expected.Keys.ToDictionary(n => n, n => Hash(Path.Combine(binDir, n)));
        var again = node.RunPod(installer, Objects);
        Assert.All(again.InitContainers, i => Assert.Equal(0, i.ExitCode));
        Assert.Equal(before, expected.Keys.ToDictionary(n => n, n => Hash(Path.Combine(binDir, n))));
        Assert.Equal(expected.Keys.Order(), Directory.GetFiles(binDir).Select(Path.GetFileName).Order()!);

        // 2. The dhcp daemon's socket is on the HOST path every NAD's dhcp IPAM dials.
        var daemonPod = node.RunPod(DaemonSet(NodeAgentEmitter.DhcpDaemonName), Objects);
        var sockets = Nads().Select(n => DialedSocket(n.Conflist)).Distinct().ToList();
        Assert.Single(sockets);
        var hostSocket = node.HostPath(sockets[0]);
        WaitForSocket(hostSocket, daemonPod.Container("dhcp-daemon"));
        Emulator.Log($"dhcp daemon socket at host {sockets[0]} after {total.Elapsed.TotalSeconds:F1} s");

        // 3. Each NAD through the installed plugins, like Multus: the Calico-like pod first.
        node.Pin(net.Pod);
        var (firstNad, firstConflist) = Nads()[0];
        var executorA = Executor(node, firstConflist);
        var podA = Invocation("c0ffee-a" + net.Suffix, "/run/netns/" + net.Pod, "homeassistant-" + net.Suffix);
        var resultA = executorA.Add(podA);
        var addressA = DhcpAddress(resultA);
        CheckLayerTwo(net, addressA, podName: podA.Args.Split("K8S_POD_NAME=")[1].Split(';')[0]);
        Emulator.Log($"{firstNad}: pod A got {addressA}");

        // Every other NAD in its own pod.
        foreach (var (nad, conflist) in Nads().Skip(1))
        {
            var ns = node.AddPodNetworkNamespace($"{net.Pod}-{Math.Abs(nad.GetHashCode()) % 1000}");
            var executor = Executor(node, conflist);
            var invocation = Invocation("c0ffee-n" + net.Suffix, ns, "media-" + net.Suffix);
            var result = executor.Add(invocation);
            var address = DhcpAddress(result);
            WaitForLease(net, address, "media-" + net.Suffix);
            Emulator.Log($"{nad}: pod got {address}");
            executor.Del(invocation, result);
            // dhcp 1.1.1 sends its DHCPRELEASE after bridge removed the veth ("failed to release DHCP lease: no such
            // device"), so the router keeps the lease until it expires; measured, not asserted.
            Emulator.Log($"{nad}: router still lists {address} after DEL: {net.Leases().Any(l => l[2] == address)}");
            Assert.DoesNotContain("net1", Shell.Ip("-n", Path.GetFileName(ns), "-o", "link", "show"), StringComparison.Ordinal);
        }

        // 4. SIGKILL the daemon (an OOM kill) and restart the container as kubelet does (no init containers).
        var exit = daemonPod.Kill("dhcp-daemon");
        Assert.Equal(137, exit);
        Assert.True(IsSocket(hostSocket), "the killed daemon's socket file should still be there (stale)");
        var restart = Stopwatch.StartNew();
        daemonPod.RestartContainer("dhcp-daemon");
        WaitForSocket(hostSocket, daemonPod.Container("dhcp-daemon"));
        Thread.Sleep(500);
        Assert.False(daemonPod.Container("dhcp-daemon").HasExited, "restarted daemon ended: " + daemonPod.Container("dhcp-daemon").Output);
        Emulator.Log($"daemon back after SIGKILL in {restart.Elapsed.TotalMilliseconds:F0} ms");

        var podBNs = node.AddPodNetworkNamespace(net.Pod + "-b");
        var podB = Invocation("c0ffee-b" + net.Suffix, podBNs, "newpod-" + net.Suffix);
        var executorB = Executor(node, firstConflist);
        var resultB = executorB.Add(podB);
        var addressB = DhcpAddress(resultB);
        WaitForLease(net, addressB, "newpod-" + net.Suffix);
        Emulator.Log($"after restart: new pod B got {addressB}");

        // Measure pod A: its address stays in the pod, the router keeps its lease, but the new daemon knows nothing of it.
        Assert.Contains(addressA, Shell.Ip("-n", net.Pod, "-4", "addr", "show", "dev", "net1"), StringComparison.Ordinal);
        var leaseA = net.Leases().Single(l => l[2] == addressA);
        var daemon = daemonPod.Container("dhcp-daemon");
        executorB.Del(podB, resultB);
        executorA.Del(podA, resultA);
        Thread.Sleep(1000);
        var log = daemon.Output;
        // The daemon keys leases by CNI_CONTAINERID/network name/ifname and keeps them in memory only
        // (containernetworking/plugins plugins/ipam/dhcp/daemon.go: leases map; Release stops and releases only a lease it holds).
        var releasedB = log.Contains($"{podB.ContainerId}/", StringComparison.Ordinal) && log.Contains("releasing lease", StringComparison.Ordinal);
        var knowsA = log.Contains(podA.ContainerId + "/", StringComparison.Ordinal);
        Emulator.Log($"MEASURED: pod A's lease at the router before the kill: '{string.Join(' ', leaseA)}' (expiry, MAC, address, name, client id)");
        Emulator.Log($"MEASURED: restarted daemon log mentions pod B (leased after restart): {releasedB}; mentions pod A (leased before the kill): {knowsA}");
        Emulator.Log($"MEASURED: router leases after both DELs: {string.Join(" | ", net.Leases().Select(l => string.Join(' ', l.Take(4))))}");
        Emulator.Log("restarted daemon log:\n" + log);
        Assert.True(releasedB, "the restarted daemon should handle the lease it made: " + log);
        Assert.False(knowsA, "the restarted daemon should know nothing of pod A (leases live in the killed process's memory): " + log);

        // DEL leaves nothing behind in the pods or the node.
        Assert.DoesNotContain("net1", Shell.Ip("-n", net.Pod, "-o", "link", "show"), StringComparison.Ordinal);
        Assert.Equal("default via 169.254.1.1 dev eth0 onlink \n169.254.1.1 dev eth0 scope link \n", Shell.Ip("-n", net.Pod, "-4", "route", "show"));
        Assert.DoesNotContain("veth", Shell.Ip("-n", net.Node, "-o", "link", "show"), StringComparison.Ordinal);
        Assert.Empty(LabNetwork.ThreadsIn(net.PodNetnsPath));
        Emulator.Log($"scenario wall time {total.Elapsed.TotalSeconds:F1} s (route-fix publish {RouteFixBinary.PublishTime.TotalSeconds:F1} s, image build {RouteFixImage.BuildTime.TotalSeconds:F1} s)");
    }

    private IReadOnlyList<JsonObject> Objects => _objects.Select(o => o.Object).ToList();

    private JsonObject DaemonSet(string name) => _objects.Single(o => o.Kind == "DaemonSet" && o.Name == name).Object;

    private List<(string Nad, string Conflist)> Nads() => _objects.Where(o => o.Kind == "NetworkAttachmentDefinition")
        .Select(o => ($"{o.Object["metadata"]!["namespace"]}/{o.Name}", o.Object["spec"]!["config"]!.GetValue<string>())).ToList();

    private static string DialedSocket(string conflist)
    {
        var ipam = JsonNode.Parse(conflist)!["plugins"]!.AsArray().Select(p => p!["ipam"]).Single(i => i is not null)!;
        Assert.Equal("dhcp", ipam["type"]!.GetValue<string>());
        return ipam["daemonSocketPath"]?.GetValue<string>() ?? DhcpIpamOptions.DefaultDaemonSocketPath;
    }

    private static ConflistExecutor Executor(EmulatedNode node, string conflist) =>
        new(conflist, [node.HostPath("/opt/cni/bin")], _ => node.PluginLauncher());

    private static CniInvocation Invocation(string containerId, string netns, string podName) => new(
        containerId, netns, "net1", $"IgnoreUnknown=1;K8S_POD_NAMESPACE=smarthome;K8S_POD_NAME={podName};K8S_POD_INFRA_CONTAINER_ID={containerId}");

    private static string DhcpAddress(JsonObject result)
    {
        var interfaces = result["interfaces"]!.AsArray();
        var index = interfaces.Select((i, n) => (i, n)).Single(x => (string?)x.i!["name"] == "net1" && x.i!["sandbox"] is not null).n;
        var address = result["ips"]!.AsArray().First(ip => (int?)ip!["interface"] == index)!["address"]!.GetValue<string>();
        return address[..address.IndexOf('/')];
    }

    private static void CheckLayerTwo(LabNetwork net, string address, string podName)
    {
        var routes = Shell.Ip("-n", net.Pod, "-4", "route", "show");
        Emulator.Log("pod routes after ADD:\n" + routes);
        Assert.Contains($"224.0.0.0/4 dev net1 proto 82 scope link src {address}", routes, StringComparison.Ordinal);
        Assert.Contains($"255.255.255.255 dev net1 proto 82 scope link src {address}", routes, StringComparison.Ordinal);
        Assert.Contains($"192.168.2.0/24 dev net1 proto 82 scope link src {address}", routes, StringComparison.Ordinal);
        Assert.DoesNotContain("default via 192.168.2.1", routes, StringComparison.Ordinal);
        Assert.Contains("default via 169.254.1.1 dev eth0 onlink", routes, StringComparison.Ordinal);
        using (var lan = PacketCapture.Start(net.Lan, net.LanDevice))
        {
            var port = Random.Shared.Next(40000, 60000);
            Datagrams.Send(net.PodNetnsPath, port, [Mdns, Ssdp, LimitedBroadcast]);
            Assert.Equal(
                [$"{address}:{port} > 224.0.0.251:5353", $"{address}:{port} > 239.255.255.250:1900", $"{address}:{port} > 255.255.255.255:9"],
                lan.WaitFor(d => d.SourcePort == port, 3, Wait).Select(d => d.ToString()));
        }

        Assert.Equal(LabNetwork.PodCalicoAddress, Datagrams.SourceFor(net.PodNetnsPath, LabNetwork.NodeProbeAddress));
        using (var calico = PacketCapture.Start(net.Node, net.CalicoHostDevice))
        {
            var port = Random.Shared.Next(40000, 60000);
            Datagrams.Send(net.PodNetnsPath, port, [new IPEndPoint(LabNetwork.NodeProbeAddress, 9)]);
            Assert.Equal([$"{LabNetwork.PodCalicoAddress}:{port} > {LabNetwork.NodeProbeAddress}:9"], calico.WaitFor(d => d.SourcePort == port, 1, Wait).Select(d => d.ToString()));
        }

        WaitForLease(net, address, podName);
    }

    private static void WaitForLease(LabNetwork net, string address, string hostname) => Assert.True(
        LabNetwork.WaitUntil(() => net.Leases().Any(l => l.Length >= 4 && l[2] == address && l[3] == hostname), Wait),
        $"no lease for {address} named {hostname} in: {string.Join(" | ", net.Leases().Select(l => string.Join(' ', l)))}");

    private static void WaitForSocket(string path, BackgroundProcess daemon)
    {
        Assert.True(LabNetwork.WaitUntil(() => IsSocket(path) && Connectable(path) || daemon.HasExited, TimeSpan.FromSeconds(15)), "no socket at " + path);
        Assert.False(daemon.HasExited, "dhcp daemon ended: " + daemon.Output);
    }

    private static bool IsSocket(string path) => Shell.Run("test", "-S", path).ExitCode == 0;

    private static bool Connectable(string path)
    {
        try
        {
            using var s = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            s.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
