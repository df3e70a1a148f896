using System.Net;
using GitOps.Topology;
using RouteFix.NamespaceHarness;

namespace RouteFix.IntegrationTests.Bgp;

/// <summary>
/// The lab's routed side in network namespaces, with a random suffix so runs never collide:
/// <list type="bullet">
/// <item><c>rtr</c>: the router: a bridge for the node network (the router's address on it, e.g. 192.168.3.1/24),
/// a port on the LAN (its gateway, 192.168.2.1/24), forwarding on; FRR's zebra and bgpd with the generated frr.conf.</item>
/// <item><c>lan</c>: a LAN host (the LAN's 50th address) with its default route via the router.</item>
/// <item><c>n1</c>, <c>n2</c>: nodes with an address on the node network (as DHCP would give, never listed on the
/// router), default via the router, forwarding on, and BIRD configured as calico-node configures it.</item>
/// <item><c>pod</c>: a Calico-like pod on n1: eth0 with an address from n1's block, default via 169.254.1.1 onlink;
/// n1 routes it with the metric Felix uses.</item>
/// </list>
/// Daemons run with their config, pid files and sockets in a temp directory, never the system services.
/// Dispose ends them (by their own ids), deletes the namespaces (and so every veth) and the temp directory.
/// </summary>
internal sealed class BgpLab : IDisposable
{
    private readonly List<string> _namespaces = [];
    private readonly List<BackgroundProcess> _processes = [];

    private BgpLab()
    {
        Suffix = Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 3)).ToLowerInvariant();
        TempDirectory = Directory.CreateTempSubdirectory("gitops-bgp-").FullName;
    }

    public string Suffix { get; }

    public string TempDirectory { get; }

    public string Router => $"bgp-{Suffix}-rtr";

    public string Lan => $"bgp-{Suffix}-lan";

    public string Pod => $"bgp-{Suffix}-pod";

    public string PodNetnsPath => "/run/netns/" + Pod;

    public string LanNetnsPath => "/run/netns/" + Lan;

    public string Node(int index) => $"bgp-{Suffix}-n{index}";

    public string FrrDirectory => Path.Combine(TempDirectory, "frr");

    public BackgroundProcess? Bgpd { get; private set; }

    public Dictionary<int, BackgroundProcess> Birds { get; } = [];

    public static BgpLab Create(IPNetwork nodeNetwork, IPAddress routerAddress, IPNetwork lan, IPAddress lanGateway, IPAddress lanHost,
        IReadOnlyList<IPAddress> nodes, IPAddress podAddress)
    {
        var lab = new BgpLab();
        try
        {
            lab.Build(nodeNetwork, routerAddress, lan, lanGateway, lanHost, nodes, podAddress);
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    private void Build(IPNetwork nodeNetwork, IPAddress routerAddress, IPNetwork lan, IPAddress lanGateway, IPAddress lanHost, IReadOnlyList<IPAddress> nodes, IPAddress podAddress)
    {
        var all = new[] { Router, Lan, Pod }.Concat(nodes.Select((_, i) => Node(i + 1)));
        foreach (var ns in all)
        {
            Shell.Ip("netns", "add", ns);
            _namespaces.Add(ns);
            Shell.Ip("-n", ns, "link", "set", "lo", "up");
        }

        // The router: a bridge is the node network's switch; its port on the LAN.
        var k8s = "brk" + Suffix;
        Shell.Ip("-n", Router, "link", "add", k8s, "type", "bridge");
        Shell.Ip("-n", Router, "link", "set", k8s, "up");
        Shell.Ip("-n", Router, "addr", "add", $"{routerAddress}/{nodeNetwork.PrefixLength}", "dev", k8s);
        Shell.Ip("link", "add", "bl" + Suffix, "netns", Router, "type", "veth", "peer", "name", "eth0", "netns", Lan);
        Shell.Ip("-n", Router, "addr", "add", $"{lanGateway}/{lan.PrefixLength}", "dev", "bl" + Suffix);
        Shell.Ip("-n", Router, "link", "set", "bl" + Suffix, "up");
        Shell.Ip("-n", Lan, "addr", "add", $"{lanHost}/{lan.PrefixLength}", "dev", "eth0");
        Shell.Ip("-n", Lan, "link", "set", "eth0", "up");
        Shell.Ip("-n", Lan, "route", "add", "default", "via", lanGateway.ToString());
        Sysctl(Router, "net/ipv4/ip_forward", "1");

        for (var i = 0; i < nodes.Count; i++)
        {
            var node = Node(i + 1);
            var port = $"b{i + 1}{Suffix}";
            Shell.Ip("link", "add", port, "netns", Router, "type", "veth", "peer", "name", "eth1", "netns", node);
            Shell.Ip("-n", Router, "link", "set", port, "master", k8s);
            Shell.Ip("-n", Router, "link", "set", port, "up");
            Shell.Ip("-n", node, "addr", "add", $"{nodes[i]}/{nodeNetwork.PrefixLength}", "dev", "eth1");
            Shell.Ip("-n", node, "link", "set", "eth1", "up");
            Shell.Ip("-n", node, "route", "add", "default", "via", routerAddress.ToString());
            Sysctl(node, "net/ipv4/ip_forward", "1");
        }

        // The pod on node 1, wired as Calico's CNI plugin and Felix do (cali* veth, 169.254.1.1, /32 route at metric 1024).
        var cali = "cali" + Suffix;
        Shell.Ip("link", "add", cali, "netns", Node(1), "type", "veth", "peer", "name", "eth0", "netns", Pod);
        Shell.Ip("-n", Node(1), "link", "set", cali, "up");
        Shell.Ip("-n", Node(1), "addr", "add", "169.254.1.1/32", "dev", cali);
        Shell.Ip("-n", Node(1), "route", "add", podAddress + "/32", "dev", cali, "scope", "link", "metric", CalicoNodeBirdConfig.NormalRoutePriority.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Shell.Ip("-n", Pod, "addr", "add", podAddress + "/32", "dev", "eth0");
        Shell.Ip("-n", Pod, "link", "set", "eth0", "up");
        Shell.Ip("-n", Pod, "route", "add", "169.254.1.1", "dev", "eth0", "scope", "link");
        Shell.Ip("-n", Pod, "route", "add", "default", "via", "169.254.1.1", "dev", "eth0", "onlink");
    }

    private static void Sysctl(string ns, string key, string value) =>
        InNamespace.Run("/run/netns/" + ns, () => File.WriteAllText("/proc/sys/" + key, value));

    /// <summary>
    /// zebra and bgpd of Debian's frr in the router namespace, as the frr user (the packaged daemons drop to it;
    /// the temp directory is handed to it), each with its own pid file, vty socket directory and zebra socket,
    /// so the system's FRR (if any) is never touched. FRR's <c>-N</c> (pathspace) is not used: it would create
    /// /var/run/frr/&lt;name&gt; outside the temp directory; every path it would change is given explicitly instead.
    /// </summary>
    public void StartFrr(string frrConf)
    {
        Directory.CreateDirectory(FrrDirectory);
        // The temp directory is root's (0700); the frr user may pass through it to its own folder, nothing more.
        File.SetUnixFileMode(TempDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var config = Path.Combine(FrrDirectory, "frr.conf");
        File.WriteAllText(config, frrConf);
        Shell.Run("chown", "-R", "frr:frr", FrrDirectory).EnsureSuccess();
        var zserv = Path.Combine(FrrDirectory, "zserv.api");
        var zebra = Track(new BackgroundProcess("zebra", "ip",
            ["netns", "exec", Router, Path.Combine(FrrBinaries, "zebra"), "-z", zserv, "-i", Path.Combine(FrrDirectory, "zebra.pid"),
             "--vty_socket", FrrDirectory, "--log", "stdout", "-f", "/dev/null"]));
        WaitFor(() => File.Exists(zserv), zebra, TimeSpan.FromSeconds(15));
        Bgpd = Track(new BackgroundProcess("bgpd", "ip",
            ["netns", "exec", Router, Path.Combine(FrrBinaries, "bgpd"), "-z", zserv, "-i", Path.Combine(FrrDirectory, "bgpd.pid"),
             "--vty_socket", FrrDirectory, "--log", "stdout", "-f", config]));
        WaitFor(() => File.Exists(Path.Combine(FrrDirectory, "bgpd.vty")), Bgpd, TimeSpan.FromSeconds(15));
    }

    /// <summary>BIRD 2 in node <paramref name="index"/>'s namespace, foreground, its control socket in the temp directory.</summary>
    public void StartBird(int index, string birdConf)
    {
        var config = Path.Combine(TempDirectory, $"bird-n{index}.conf");
        File.WriteAllText(config, birdConf);
        var socket = BirdSocket(index);
        var bird = Track(new BackgroundProcess($"bird n{index}", "ip",
            ["netns", "exec", Node(index), "bird", "-f", "-c", config, "-s", socket, "-P", Path.Combine(TempDirectory, $"bird-n{index}.pid")]));
        Birds[index] = bird;
        WaitFor(() => File.Exists(socket), bird, TimeSpan.FromSeconds(15));
    }

    /// <summary>Stops node <paramref name="index"/>'s BIRD as a container stop does (SIGTERM) and waits for it to end.</summary>
    public void StopBird(int index)
    {
        var bird = Birds[index];
        Shell.Run("kill", "-TERM", bird.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).EnsureSuccess();
        if (!LabNetwork.WaitUntil(() => bird.HasExited, TimeSpan.FromSeconds(15)))
        {
            throw new TimeoutException($"BIRD on n{index} did not stop within 15 s");
        }
    }

    public string BirdSocket(int index) => Path.Combine(TempDirectory, $"bird-n{index}.ctl");

    public string Birdc(int index, string command) => Shell.Run("birdc", "-s", BirdSocket(index), command).Stdout;

    public string Vtysh(string command) => Shell.Run("vtysh", "--vty_socket", FrrDirectory, "-c", command).Stdout;

    /// <summary>Where Debian's frr package installs its daemons.</summary>
    public const string FrrBinaries = "/usr/lib/frr";

    private BackgroundProcess Track(BackgroundProcess process)
    {
        _processes.Add(process);
        return process;
    }

    private static void WaitFor(Func<bool> ready, BackgroundProcess process, TimeSpan timeout)
    {
        if (!LabNetwork.WaitUntil(() => ready() || process.HasExited, timeout) || !ready())
        {
            throw new InvalidOperationException($"{process.Name} did not start: {process.Output}");
        }
    }

    public void Dispose() => Teardown.Run(_processes, _namespaces, TempDirectory, $"bgp-{Suffix}-");
}
