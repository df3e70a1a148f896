using System.Text.Json.Nodes;
using GitOps.Topology;
using RouteFix.NamespaceHarness;

namespace GitOps.NodeEmulator.Tests;

/// <summary>
/// The host files as written, run by the real systemd-networkd (Debian's, from the systemd package) in a network and
/// mount namespace of their own: a pods-only bridge comes up, takes its uplink as a port and gets no address at all,
/// while the DHCP bridge beside it (the blog's cni0) does get an IPv6 link-local address. networkd logs every key it
/// does not know ("Unknown key ... ignoring"), so the run also checks every key of every unit against systemd itself.
/// The uplinks are veths: this kernel has no 8021q, so a VLAN sub-interface uplink (enp1s0.30) cannot be run here.
/// </summary>
[Trait("Category", "Namespace")]
public sealed class HostNetworkdRunTests
{
    internal const string Networkd = "/lib/systemd/systemd-networkd";

    /// <summary>k8s-1: eth0 in cni0 on the LAN (DHCP), eth2 in br-iot on a pods-only IoT VLAN the VM adapter tags, eth1 on the node network.</summary>
    private static Lab PodsOnlyLab() => Lab.Create("pods-only")
        .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"))
        .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1"))
        .Network("iot", n => n.Vlan(30).Subnet("192.168.30.0/24").Gateway("192.168.30.1").HostAddressing(Addressing.None))
        .Node("k8s-1", n => n
            .Interface("eth0", "lan", i => i.Bridge("cni0").Mac("02:00:00:00:00:01"))
            .Interface("eth1", "k8s")
            .Interface("eth2", "iot", i => i.Bridge("br-iot")))
        .Cluster("pods-only", c => c.NodeNetwork("k8s"))
        .Calico(c => c.IPPool("10.42.0.0/16").Encapsulate(IPPoolEncapsulation.VXLAN).NatOutgoingTraffic())
        .Attachment("default/iot", a => a.Network("iot").Bridge("br-iot").Dhcp().RouteFix(false))
        .GitOps(g => g.Repository("https://github.com/you/lab.git").HostFiles())
        .Build();

    [Fact]
    public void A_pods_only_bridge_comes_up_under_systemd_networkd_with_no_address()
    {
        RequireNetworkd();
        var units = EmittedManifests.NetworkdUnits(PodsOnlyLab(), "k8s-1");
        Assert.Contains("br-iot.network", units.Keys);
        var (log, links, state) = Run(units);

        // Every section and key of every unit is one networkd knows: it reports others as "<file>:<line>: Unknown key
        // 'X' in section [Y], ignoring." (Unknown_keys_are_reported_by_networkd shows that this check can fail).
        Assert.Empty(UnitWarnings(log));
        Assert.Contains("br-iot: Configuring with /etc/systemd/network/br-iot.network.", log);
        var iot = links["br-iot"];
        Assert.Contains("UP", iot["flags"]!.AsArray().Select(f => (string)f!));
        Assert.Empty(iot["addr_info"]!.AsArray());
        Assert.Equal("br-iot", (string?)links["eth2"]["master"]);
        Assert.Empty(links["eth2"]["addr_info"]!.AsArray());
        // The contrast that makes the check able to fail: the DHCP bridge, once its port has carrier, has fe80::/64.
        Assert.Contains(links["cni0"]["addr_info"]!.AsArray(), a => (string?)a!["family"] == "inet6" && (string?)a["scope"] == "link");
        Assert.Contains("ADMIN_STATE=configured", state);
    }

    /// <summary>Why the units need no <c>ConfigureWithoutCarrier=</c> (systemd.network(5)): with no address to configure, networkd configures the bridge and brings it up before any carrier.</summary>
    [Fact]
    public void A_pods_only_bridge_is_configured_and_up_before_its_uplink_has_carrier()
    {
        RequireNetworkd();
        var (_, links, state) = Run(EmittedManifests.NetworkdUnits(PodsOnlyLab(), "k8s-1"), iotCarrier: false);
        Assert.Contains("ADMIN_STATE=configured", state);
        Assert.Contains("CARRIER_STATE=no-carrier", state);
        var flags = links["br-iot"]["flags"]!.AsArray().Select(f => (string)f!).ToArray();
        Assert.Contains("UP", flags);
        Assert.Contains("NO-CARRIER", flags);
    }

    [Fact]
    public void Unknown_keys_are_reported_by_networkd()
    {
        RequireNetworkd();
        var units = EmittedManifests.NetworkdUnits(PodsOnlyLab(), "k8s-1").ToDictionary();
        units["br-iot.network"] = [.. units["br-iot.network"], .. "NoSuchKey=1\n"u8.ToArray()];
        var (log, _, _) = Run(units);
        Assert.Contains(UnitWarnings(log), l => l.Contains("br-iot.network", StringComparison.Ordinal) && l.Contains("NoSuchKey", StringComparison.Ordinal));
    }

    internal static IEnumerable<string> UnitWarnings(string log) =>
        log.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^/etc/systemd/network/[^:]+:[0-9]+: "));

    /// <summary>Runs networkd over <paramref name="units"/>; returns its log, `ip -j addr` by interface name, and br-iot's state file.</summary>
    private static (string Log, Dictionary<string, JsonObject> Links, string State) Run(IReadOnlyDictionary<string, byte[]> units, bool iotCarrier = true)
    {
        var dir = Directory.CreateTempSubdirectory("networkd-run-").FullName;
        try
        {
            var config = Path.Combine(dir, "network");
            Directory.CreateDirectory(config);
            foreach (var (name, bytes) in units)
            {
                File.WriteAllBytes(Path.Combine(config, name), bytes);
            }

            var run = Shell.Run("unshare", ["-n", "-m", "bash", "-c", Script], env: new Dictionary<string, string> { ["CONFIG"] = config, ["OUT"] = dir, ["IOT_CARRIER"] = iotCarrier ? "1" : "0" },
                timeout: TimeSpan.FromSeconds(60));
            var log = File.Exists(Path.Combine(dir, "networkd.log")) ? File.ReadAllText(Path.Combine(dir, "networkd.log")) : "";
            Emulator.Log(run.Stdout + run.Stderr + log);
            Assert.True(run.ExitCode == 0, $"the namespace run failed: {run.Stderr}\n{run.Stdout}");
            var links = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "addr.json")))!.AsArray().Select(l => l!.AsObject()).ToDictionary(l => (string)l["ifname"]!);
            return (log, links, File.ReadAllText(Path.Combine(dir, "br-iot.state")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// In the new namespaces: the unit files bound over /etc/systemd/network, a private /run/systemd, a read-only sysfs
    /// of this network namespace (networkd then does not wait for udev, as in a container), veths for the uplinks with
    /// their far ends up (carrier; eth2's only when IOT_CARRIER=1). networkd runs until br-iot is configured and cni0 has its link-local address (at
    /// most 20 s), then the addresses and br-iot's state file are copied out and networkd is stopped.
    /// </summary>
    private const string Script = NetworkdNamespace.Setup + """
        for nic in eth0 eth1 eth2; do ip link add "$nic" type veth peer name "far-$nic"; done
        ip link set far-eth0 up; ip link set far-eth1 up
        if [ "$IOT_CARRIER" = 1 ]; then ip link set far-eth2 up; fi
        SYSTEMD_LOG_LEVEL=info SYSTEMD_LOG_TARGET=console /lib/systemd/systemd-networkd >"$OUT/networkd.log" 2>&1 &
        pid=$!
        trap 'kill $pid 2>/dev/null || true' EXIT
        for i in $(seq 1 100); do
          idx=$(cat /sys/class/net/br-iot/ifindex 2>/dev/null || echo 0)
          if grep -qs ADMIN_STATE=configured "/run/systemd/netif/links/$idx" && ip -6 addr show dev cni0 scope link 2>/dev/null | grep -q inet6; then break; fi
          sleep 0.2
        done
        cp "/run/systemd/netif/links/$(cat /sys/class/net/br-iot/ifindex)" "$OUT/br-iot.state"
        ip -j addr show >"$OUT/addr.json"
        """;

    internal static void RequireNetworkd()
    {
        var missing = new[] { (Networkd, "systemd-networkd (apt-get install systemd)"), ("unshare", "unshare (util-linux)"), ("ip", "ip (iproute2)") }
            .Where(t => t.Item1.StartsWith('/') ? !File.Exists(t.Item1) : Shell.Which(t.Item1) is null)
            .Select(t => t.Item2).ToArray();
        if (Environment.UserName != "root")
        {
            missing = [.. missing, "root"];
        }

        if (missing.Length == 0)
        {
            return;
        }

        if (Prerequisites.Required)
        {
            Assert.Fail($"{Prerequisites.RequireVariable}=1 but missing: {string.Join("; ", missing)}");
        }

        Assert.Skip("missing: " + string.Join("; ", missing));
    }
}
