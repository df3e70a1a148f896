using System.Text;
using System.Text.Json.Nodes;
using RouteFix.NamespaceHarness;

namespace GitOps.NodeEmulator.Tests;

/// <summary>
/// The second sample's host files AS COMMITTED (samples/BareMetalLab/manifests/hosts/&lt;node&gt;/*.netdev, *.network) run
/// by Debian's systemd-networkd in a network and mount namespace of their own, for each of its three machines: the
/// pods-only IoT VLAN's bridge <c>br-iot</c> comes up with its VLAN sub-interface as a port and takes no address at
/// all (no IPv4, no IPv6, not even link-local) and no router advertisements, while the node network's VLAN beside it
/// runs DHCP and does get its link-local address (the contrast that lets the check fail).
/// <para>
/// The VLAN devices themselves cannot be made here: this kernel has no 8021q, so the <c>vlan</c> link kind does not
/// exist (rtnetlink answers "Unknown device type", EOPNOTSUPP). networkd creates a VLAN netdev as a "stacked" netdev of
/// the parent once the parent's .network (<c>VLAN=</c>) is applied, sending RTM_NEWLINK with kind "vlan" and
/// IFLA_VLAN_ID from the .netdev's <c>[VLAN] Id=</c> (systemd v252 src/network/netdev/vlan.c
/// <c>netdev_vlan_fill_message_create</c>; src/network/netdev/netdev.c, stacked netdevs created after the underlying
/// link is activated, commit 047b9991); the kernel side is net/8021q/vlan_netlink.c (<c>vlan_link_ops</c>, kind "vlan").
/// So <see cref="Committed_units_load_cleanly_and_request_each_vlan_on_the_nic"/> runs every unit as committed and shows
/// that networkd knows every key and asks for exactly the committed VLANs on the NIC; and
/// <see cref="The_pods_only_bridge_takes_no_address_and_no_router_advertisements"/> substitutes ONLY the VLAN devices:
/// the two <c>Kind=vlan</c> .netdev files are left out and a veth with the VLAN device's name (its far end up, so it has
/// carrier) stands in for each; every other file runs as committed, and networkd's only complaint is the expected
/// "NetDev could not be found" for exactly the parent's <c>VLAN=</c> lines. What a veth does not show: the 802.1Q tag on
/// the wire. What it does show: how networkd configures the device named in the units and the bridge it is a port of.
/// </para>
/// </summary>
[Trait("Category", "Namespace")]
public sealed class BareMetalLabNetworkdRunTests
{
    public static TheoryData<string> Nodes => new("metal-1", "metal-2", "metal-3");

    [Theory]
    [MemberData(nameof(Nodes))]
    public void Committed_units_load_cleanly_and_request_each_vlan_on_the_nic(string node)
    {
        HostNetworkdRunTests.RequireNetworkd();
        var units = EmittedManifests.CommittedNetworkdUnits(Labs.BareMetalLabOutput, node);
        var layout = Layout.Of(units);
        var run = Run(units, layout, substituteVlans: false);

        Assert.Empty(HostNetworkdRunTests.UnitWarnings(run.Log));
        foreach (var vlan in layout.Vlans)
        {
            Assert.Contains($"{vlan}: loaded \"vlan\"", run.Log, StringComparison.Ordinal);
        }

        // Either this kernel made the VLANs (8021q present) with the committed ids on the NIC, or networkd asked and the
        // kernel refused the link kind: then the request itself is what the log shows.
        if (run.Links.TryGetValue(layout.Vlans[0], out var made))
        {
            foreach (var (vlan, id) in layout.Vlans.Zip(layout.VlanIds))
            {
                Assert.Equal(id, (int?)run.Links[vlan]["linkinfo"]?["info_data"]?["id"]);
                Assert.Equal(layout.Parent, (string?)run.Links[vlan]["link"]);
            }
        }
        else
        {
            Assert.Contains($"{layout.Parent}: Could not create stacked netdev: Unknown device type. Operation not supported", run.Log, StringComparison.Ordinal);
            Emulator.Log($"{node}: this kernel has no 8021q; networkd asked for {string.Join(", ", layout.Vlans)} on {layout.Parent} (ids {string.Join(", ", layout.VlanIds)})");
        }
    }

    [Theory]
    [MemberData(nameof(Nodes))]
    public void The_pods_only_bridge_takes_no_address_and_no_router_advertisements(string node)
    {
        HostNetworkdRunTests.RequireNetworkd();
        var units = EmittedManifests.CommittedNetworkdUnits(Labs.BareMetalLabOutput, node);
        var layout = Layout.Of(units);
        Assert.Equal("br-iot", layout.Bridge);
        var run = Run(units, layout, substituteVlans: true);

        Assert.Empty(HostNetworkdRunTests.UnitWarnings(run.Log));
        // The substitution's only trace: the parent's VLAN= lines name netdevs that are not loaded.
        var ignored = run.Log.Split('\n').Where(l => l.StartsWith("/etc/systemd/network/", StringComparison.Ordinal) && l.Contains("ignoring", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(layout.Vlans.Select(v => $"/etc/systemd/network/{layout.ParentUnit}: {v} NetDev could not be found, ignoring assignment.").Order(StringComparer.Ordinal), ignored);

        Assert.Contains($"{layout.Bridge}: Configuring with /etc/systemd/network/{layout.Bridge}.network.", run.Log, StringComparison.Ordinal);
        Assert.Contains("ADMIN_STATE=configured", run.BridgeState, StringComparison.Ordinal);
        var bridge = run.Links[layout.Bridge];
        Assert.Contains("UP", bridge["flags"]!.AsArray().Select(f => (string)f!));
        Assert.Contains("LOWER_UP", bridge["flags"]!.AsArray().Select(f => (string)f!));
        Assert.Empty(bridge["addr_info"]!.AsArray()); // no inet, no inet6, no fe80::
        Assert.Equal(layout.Bridge, (string?)run.Links[layout.BridgePort]["master"]);
        Assert.Empty(run.Links[layout.BridgePort]["addr_info"]!.AsArray());

        // No router advertisements: the kernel's accept_ra is 0 and no IPv6 link-local address is generated
        // (addr_gen_mode 1 = IN6_ADDR_GEN_MODE_NONE), and networkd starts neither its NDisc (RA) client nor a DHCP client
        // on the bridge.
        Assert.Equal("0", run.BridgeSysctls["accept_ra"]);
        Assert.Equal("1", run.BridgeSysctls["addr_gen_mode"]);
        Assert.DoesNotContain(BridgeLines(run.Log, layout.Bridge), l => l.Contains("Router Discovery", StringComparison.Ordinal) || l.Contains("NDisc", StringComparison.Ordinal) || l.Contains("DHCP", StringComparison.Ordinal));

        // The contrast: the node network's VLAN (DHCP=yes) gets fe80::/64 and networkd starts RA and DHCP on it.
        Assert.Contains(run.Links[layout.NodeVlan]["addr_info"]!.AsArray(), a => (string?)a!["family"] == "inet6" && (string?)a["scope"] == "link");
        Assert.Contains($"{layout.NodeVlan}: IPv6 Router Discovery is configured.", run.Log, StringComparison.Ordinal);
        Assert.Contains($"{layout.NodeVlan}: DHCPv4 client: STARTED", run.Log, StringComparison.Ordinal);
        Emulator.Log($"{node}: {layout.Bridge} flags {string.Join(',', bridge["flags"]!.AsArray())}, no address; port {layout.BridgePort}; sysctls {string.Join(' ', run.BridgeSysctls.Select(s => s.Key + "=" + s.Value))}");
    }

    /// <summary>The same run with the pods-only .network's two guards dropped: br-iot gets fe80:: and RA handling, and the checks above see it.</summary>
    [Fact]
    public void Without_its_guards_the_bridge_gets_a_link_local_address_and_router_discovery()
    {
        HostNetworkdRunTests.RequireNetworkd();
        var units = EmittedManifests.CommittedNetworkdUnits(Labs.BareMetalLabOutput, "metal-1").ToDictionary();
        var text = Encoding.UTF8.GetString(units["br-iot.network"]);
        Assert.Contains("IPv6AcceptRA=no\n", text, StringComparison.Ordinal);
        Assert.Contains("LinkLocalAddressing=no\n", text, StringComparison.Ordinal);
        units["br-iot.network"] = Encoding.UTF8.GetBytes(text.Replace("IPv6AcceptRA=no\n", "", StringComparison.Ordinal).Replace("LinkLocalAddressing=no\n", "", StringComparison.Ordinal));
        var layout = Layout.Of(units);
        var run = Run(units, layout, substituteVlans: true);
        Assert.Contains(run.Links["br-iot"]["addr_info"]!.AsArray(), a => (string?)a!["family"] == "inet6" && (string?)a["scope"] == "link");
        Assert.Contains("br-iot: IPv6 Router Discovery is configured.", run.Log, StringComparison.Ordinal);
        Assert.NotEqual("1", run.BridgeSysctls["addr_gen_mode"]);
    }

    private static IEnumerable<string> BridgeLines(string log, string bridge) => log.Split('\n').Where(l => l.StartsWith(bridge + ":", StringComparison.Ordinal));

    /// <summary>The roles of the committed units of one node, read from the units themselves.</summary>
    private sealed record Layout(string Parent, string ParentUnit, IReadOnlyList<string> Vlans, IReadOnlyList<int> VlanIds, string Bridge, string BridgePort, string NodeVlan)
    {
        public static Layout Of(IReadOnlyDictionary<string, byte[]> units)
        {
            var text = units.ToDictionary(u => u.Key, u => Encoding.UTF8.GetString(u.Value).Split('\n').Select(l => l.Trim()).ToList());
            string Value(string file, string key) => text[file].Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];
            var vlanNetdevs = text.Where(t => t.Key.EndsWith(".netdev", StringComparison.Ordinal) && t.Value.Contains("Kind=vlan")).Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
            var vlans = vlanNetdevs.Select(f => Value(f, "Name")).ToList();
            var parentUnit = text.Single(t => t.Value.Any(l => l.StartsWith("VLAN=", StringComparison.Ordinal))).Key;
            Assert.Equal(vlans.Order(StringComparer.Ordinal), text[parentUnit].Where(l => l.StartsWith("VLAN=", StringComparison.Ordinal)).Select(l => l[5..]).Order(StringComparer.Ordinal));
            var bridge = Value(text.Single(t => t.Key.EndsWith(".netdev", StringComparison.Ordinal) && t.Value.Contains("Kind=bridge")).Key, "Name");
            var portUnit = text.Single(t => t.Value.Contains("Bridge=" + bridge)).Key;
            var nodeVlanUnit = text.Single(t => t.Key.EndsWith(".network", StringComparison.Ordinal) && vlans.Contains(Value(t.Key, "Name")) && t.Value.Contains("DHCP=yes")).Key;
            return new Layout(Value(parentUnit, "Name"), parentUnit, vlans, vlanNetdevs.Select(f => int.Parse(Value(f, "Id"), System.Globalization.CultureInfo.InvariantCulture)).ToList(),
                bridge, Value(portUnit, "Name"), Value(nodeVlanUnit, "Name"));
        }
    }

    private sealed record RunResult(string Log, Dictionary<string, JsonObject> Links, string BridgeState, Dictionary<string, string> BridgeSysctls);

    /// <summary>
    /// Runs networkd over <paramref name="units"/> in new namespaces: the unit files bound over /etc/systemd/network, a
    /// private /run/systemd, a read-only sysfs of this network namespace (networkd then does not wait for udev), a veth
    /// as the NIC with its far end up. With <paramref name="substituteVlans"/>, the Kind=vlan .netdev files are left
    /// out and a veth named as each VLAN device (far end up) is made before networkd starts.
    /// </summary>
    private static RunResult Run(IReadOnlyDictionary<string, byte[]> units, Layout layout, bool substituteVlans)
    {
        var dir = Directory.CreateTempSubdirectory("networkd-metal-").FullName;
        try
        {
            var config = Path.Combine(dir, "network");
            Directory.CreateDirectory(config);
            foreach (var (name, bytes) in units)
            {
                var isVlanNetdev = name.EndsWith(".netdev", StringComparison.Ordinal) && layout.Vlans.Contains(name[..^".netdev".Length]);
                if (!(substituteVlans && isVlanNetdev))
                {
                    File.WriteAllBytes(Path.Combine(config, name), bytes);
                }
            }

            var env = new Dictionary<string, string>
            {
                ["CONFIG"] = config, ["OUT"] = dir, ["PARENT"] = layout.Parent, ["BRIDGE"] = layout.Bridge, ["PORT"] = layout.BridgePort,
                ["NODE_VLAN"] = layout.NodeVlan, ["VLANS"] = substituteVlans ? string.Join(' ', layout.Vlans) : "",
            };
            var run = Shell.Run("unshare", ["-n", "-m", "bash", "-c", Script], env: env, timeout: TimeSpan.FromSeconds(60));
            var log = File.Exists(Path.Combine(dir, "networkd.log")) ? File.ReadAllText(Path.Combine(dir, "networkd.log")) : "";
            Emulator.Log(run.Stdout + run.Stderr + log);
            Assert.True(run.ExitCode == 0, $"the namespace run failed: {run.Stderr}\n{run.Stdout}");
            var addr = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "addr.json")))!.AsArray().Select(l => l!.AsObject()).ToDictionary(l => (string)l["ifname"]!);
            foreach (var link in JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "link.json")))!.AsArray().Select(l => l!.AsObject()))
            {
                if (addr.TryGetValue((string)link["ifname"]!, out var a) && link["linkinfo"] is { } info)
                {
                    a["linkinfo"] = info.DeepClone();
                }
            }

            var sysctls = new[] { "accept_ra", "addr_gen_mode", "disable_ipv6" }.ToDictionary(k => k, k => File.ReadAllText(Path.Combine(dir, "sysctl." + k)).Trim());
            return new RunResult(log, addr, File.ReadAllText(Path.Combine(dir, "bridge.state")), sysctls);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// networkd runs (debug log) until the bridge is configured, its port is enslaved and the node VLAN has its link-local
    /// address (with substitutes), or until the NIC's stacked-netdev request has been answered (without), at most 20 s;
    /// then the addresses, links, the bridge's state file and IPv6 sysctls are copied out and networkd is stopped.
    /// </summary>
    private const string Script = NetworkdNamespace.Setup + """
        ip link add "$PARENT" type veth peer name far-nic
        ip link set far-nic up
        i=0
        for v in $VLANS; do i=$((i+1)); ip link add "$v" type veth peer name "far-vlan$i"; ip link set "far-vlan$i" up; done
        SYSTEMD_LOG_LEVEL=debug SYSTEMD_LOG_TARGET=console /lib/systemd/systemd-networkd >"$OUT/networkd.log" 2>&1 &
        pid=$!
        trap 'kill $pid 2>/dev/null || true' EXIT
        for i in $(seq 1 100); do
          idx=$(cat "/sys/class/net/$BRIDGE/ifindex" 2>/dev/null || echo 0)
          if [ -n "$VLANS" ]; then
            if grep -qs ADMIN_STATE=configured "/run/systemd/netif/links/$idx" && ip link show dev "$PORT" | grep -q "master $BRIDGE" \
               && ip -6 addr show dev "$NODE_VLAN" scope link 2>/dev/null | grep -q inet6; then break; fi
          elif grep -q "$PARENT: Could not create stacked netdev\|$NODE_VLAN: Link UP" "$OUT/networkd.log"; then sleep 1; break; fi
          sleep 0.2
        done
        sleep 1
        cp "/run/systemd/netif/links/$(cat /sys/class/net/$BRIDGE/ifindex)" "$OUT/bridge.state"
        for k in accept_ra addr_gen_mode disable_ipv6; do cat "/proc/sys/net/ipv6/conf/$BRIDGE/$k" >"$OUT/sysctl.$k"; done
        ip -j addr show >"$OUT/addr.json"
        ip -d -j link show >"$OUT/link.json"
        """;
}
