using System.Diagnostics;
using System.Net;

namespace RouteFix.NamespaceHarness;

/// <summary>
/// Three network namespaces standing for the blog's home lab, with a random suffix so runs never collide:
/// <list type="bullet">
/// <item><c>lan</c>: the router, 192.168.2.1/24, optionally dnsmasq serving DHCP on its veth only.</item>
/// <item><c>node</c>: the Kubernetes node: bridge (cni0) enslaving the uplink veth to lan (or, with no bridge, the
/// plain uplink a macvlan/ipvlan child hangs off), the dhcp daemon,
/// and the host side of the pod's Calico veth (169.254.1.1) and 203.0.113.1 on lo as a target for pod traffic.</item>
/// <item><c>pod</c>: a Calico-like eth0 (192.168.7.10/32, default via 169.254.1.1 onlink); the chain adds net1.</item>
/// </list>
/// Dispose removes processes, namespaces (and so every veth) and the temp directory, and checks nothing is left.
/// </summary>
public sealed class LabNetwork : IDisposable
{
    public static readonly IPAddress RouterAddress = IPAddress.Parse("192.168.2.1");
    public static readonly IPAddress PodCalicoAddress = IPAddress.Parse("192.168.7.10");
    public static readonly IPAddress NodeProbeAddress = IPAddress.Parse("203.0.113.1");

    private readonly List<string> _namespaces = [];
    private readonly List<BackgroundProcess> _processes = [];

    private LabNetwork(string? bridge)
    {
        Suffix = Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 3)).ToLowerInvariant();
        Bridge = bridge;
        TempDirectory = Directory.CreateTempSubdirectory("route-fix-ns-").FullName;
    }

    public string Suffix { get; }

    /// <summary>The node's bridge enslaving the uplink; null when the uplink stays a plain interface (macvlan/ipvlan master).</summary>
    public string? Bridge { get; }

    public string Lan => $"rf-{Suffix}-lan";

    public string Node => $"rf-{Suffix}-node";

    public string Pod => $"rf-{Suffix}-pod";

    public string PodNetnsPath => "/run/netns/" + Pod;

    /// <summary>The router's veth in lan.</summary>
    public string LanDevice => $"rfl{Suffix}";

    /// <summary>The uplink veth in node, enslaved to the bridge.</summary>
    public string UplinkDevice => $"rfu{Suffix}";

    /// <summary>The node side of the pod's Calico veth.</summary>
    public string CalicoHostDevice => $"rfc{Suffix}";

    public string TempDirectory { get; }

    public string DhcpSocket => Path.Combine(TempDirectory, "dhcp.sock");

    public string LeaseFile => Path.Combine(TempDirectory, "dnsmasq.leases");

    public BackgroundProcess? Dnsmasq { get; private set; }

    public BackgroundProcess? DhcpDaemon { get; private set; }

    /// <param name="bridge">The node bridge to enslave the uplink to; null leaves the uplink plain (a macvlan/ipvlan master).</param>
    public static LabNetwork Create(string? bridge, bool dhcp) => Create(bridge, dhcp, dhcpDaemon: dhcp);

    /// <param name="dhcpDaemon">false: dnsmasq serves the LAN but no dhcp daemon is started (the node emulator runs the emitted one).</param>
    public static LabNetwork Create(string? bridge, bool dhcp, bool dhcpDaemon)
    {
        var lab = new LabNetwork(bridge);
        try
        {
            lab.Build(dhcp, dhcpDaemon);
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    private void Build(bool dhcp, bool dhcpDaemon)
    {
        foreach (var ns in new[] { Lan, Node, Pod })
        {
            Shell.Ip("netns", "add", ns);
            _namespaces.Add(ns);
            Shell.Ip("-n", ns, "link", "set", "lo", "up");
        }

        // lan <-> node: the router's port and the node's uplink, enslaved to the bridge (bridge 1.1.1 ignores uplinkInterface).
        Shell.Ip("link", "add", LanDevice, "netns", Lan, "type", "veth", "peer", "name", UplinkDevice, "netns", Node);
        Shell.Ip("-n", Lan, "addr", "add", RouterAddress + "/24", "dev", LanDevice);
        Shell.Ip("-n", Lan, "link", "set", LanDevice, "up");
        if (Bridge is not null)
        {
            Shell.Ip("-n", Node, "link", "add", Bridge, "type", "bridge");
            Shell.Ip("-n", Node, "link", "set", UplinkDevice, "master", Bridge);
            Shell.Ip("-n", Node, "link", "set", Bridge, "up");
        }

        Shell.Ip("-n", Node, "link", "set", UplinkDevice, "up");

        // node <-> pod: what Calico's CNI plugin sets up.
        Shell.Ip("link", "add", CalicoHostDevice, "netns", Node, "type", "veth", "peer", "name", "eth0", "netns", Pod);
        Shell.Ip("-n", Node, "link", "set", CalicoHostDevice, "up");
        Shell.Ip("-n", Node, "route", "add", PodCalicoAddress + "/32", "dev", CalicoHostDevice);
        Shell.Ip("-n", Node, "addr", "add", NodeProbeAddress + "/32", "dev", "lo");
        // calico-node answers ARP for 169.254.1.1 by proxy ARP (with forwarding and routes this node lacks);
        // here the node's side of the veth simply owns that address, which gives the pod the same neighbour.
        Shell.Ip("-n", Node, "addr", "add", "169.254.1.1/32", "dev", CalicoHostDevice);
        Shell.Ip("-n", Pod, "addr", "add", PodCalicoAddress + "/32", "dev", "eth0");
        Shell.Ip("-n", Pod, "link", "set", "eth0", "up");
        Shell.Ip("-n", Pod, "route", "add", "169.254.1.1", "dev", "eth0", "scope", "link");
        Shell.Ip("-n", Pod, "route", "add", "default", "via", "169.254.1.1", "dev", "eth0", "onlink");

        if (dhcp)
        {
            StartDnsmasq();
            if (dhcpDaemon)
            {
                StartDhcpDaemon();
            }
        }
    }

    private void StartDnsmasq()
    {
        // The flags of the issue: no DNS (--port=0), this veth only, no config file, foreground.
        Dnsmasq = Track(new BackgroundProcess("dnsmasq", "ip",
        [
            "netns", "exec", Lan, "dnsmasq", "-k", "--port=0", "-i", LanDevice, "--bind-interfaces", "-C", "/dev/null",
            "-x", Path.Combine(TempDirectory, "dnsmasq.pid"), "-u", "root", "-g", "root",
            "--dhcp-range=192.168.2.100,192.168.2.199,255.255.255.0,1h", "--dhcp-option=option:router," + RouterAddress,
            "--dhcp-leasefile=" + LeaseFile, "--log-dhcp", "--log-facility=-",
        ]));
        WaitUntil(() => File.Exists(Path.Combine(TempDirectory, "dnsmasq.pid")) || Dnsmasq.HasExited, TimeSpan.FromSeconds(10));
        if (Dnsmasq.HasExited)
        {
            throw new InvalidOperationException("dnsmasq ended: " + Dnsmasq.Output);
        }
    }

    private void StartDhcpDaemon()
    {
        // Its own socket, so the host's /run/cni is never touched; a stale socket would make it fail to start.
        File.Delete(DhcpSocket);
        DhcpDaemon = Track(new BackgroundProcess("dhcp daemon", "ip",
            ["netns", "exec", Node, Path.Combine(Prerequisites.PluginDirectory, "dhcp"), "daemon", "-socketpath", DhcpSocket]));
        WaitUntil(() => File.Exists(DhcpSocket) || DhcpDaemon.HasExited, TimeSpan.FromSeconds(10));
        if (!File.Exists(DhcpSocket))
        {
            throw new InvalidOperationException("dhcp daemon did not open its socket: " + DhcpDaemon.Output);
        }
    }

    private BackgroundProcess Track(BackgroundProcess process)
    {
        _processes.Add(process);
        return process;
    }

    /// <summary>Reads dnsmasq's lease file: "expiry mac ip hostname client-id" per line.</summary>
    public IReadOnlyList<string[]> Leases() => File.Exists(LeaseFile)
        ? File.ReadAllLines(LeaseFile).Select(l => l.Split(' ')).ToList()
        : [];

    public static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                return false;
            }

            Thread.Sleep(50);
        }

        return true;
    }

    /// <summary>
    /// Threads of any other process whose network namespace is <paramref name="netnsPath"/>'s (by inode).
    /// The test process itself is left out: a thread the runtime starts (the tiered-compilation worker, a thread-pool
    /// thread) while <see cref="InNamespace"/>'s thread is in the namespace inherits that thread's namespace (clone(2):
    /// a new thread shares its creator's namespaces unless CLONE_NEW* is given; setns(2) changes only the caller) and
    /// can live on for seconds. That is the harness's own doing, not something the CNI chain left behind; CI saw
    /// ".NET Tiered Com" there once.
    /// </summary>
    public static IReadOnlyList<string> ThreadsIn(string netnsPath)
    {
        var inode = new FileInfo(netnsPath).Exists ? Shell.Run("stat", "-L", "-c", "%i", netnsPath).EnsureSuccess().Stdout.Trim() : null;
        if (inode is null)
        {
            return [];
        }

        var found = new List<string>();
        var processes = Directory.EnumerateDirectories("/proc", "*")
            .Where(d => int.TryParse(Path.GetFileName(d), out var pid) && pid != Environment.ProcessId);
        foreach (var task in processes.SelectMany(SafeTasks))
        {
            try
            {
                var link = new FileInfo(Path.Combine(task, "ns", "net")).LinkTarget;
                if (link == $"net:[{inode}]")
                {
                    found.Add($"{task} {File.ReadAllText(Path.Combine(task, "comm")).Trim()}");
                }
            }
            catch (IOException)
            {
                // The task ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    private static IEnumerable<string> SafeTasks(string process)
    {
        try
        {
            return Directory.GetDirectories(Path.Combine(process, "task"));
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    public void Dispose() => Teardown.Run(_processes, _namespaces, TempDirectory, $"rf-{Suffix}-");
}
