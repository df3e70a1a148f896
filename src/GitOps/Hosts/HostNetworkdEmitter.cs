using System.Globalization;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using GitOps.Output;
using GitOps.Topology;

namespace GitOps.Hosts;

/// <summary>
/// Each node's systemd-networkd units (the blog's "OS Network Configuration"), in hosts/&lt;node&gt;/:
/// <list type="bullet">
/// <item><c>10-netplan-&lt;uplink&gt;.network</c>: the LAN uplink, enslaved to its bridge.</item>
/// <item><c>&lt;bridge&gt;.netdev</c> / <c>&lt;bridge&gt;.network</c>: the bridge with the uplink's MAC, addressed by DHCP (and IPv6 RAs),
/// or, on a pods-only network (<see cref="Addressing.None"/>), with no address at all.</item>
/// <item><c>10-netplan-&lt;nic&gt;.network</c>: every other interface, by DHCP; on the cluster's node network also
/// a static default route with a metric below DHCP's, so the node prefers that network for its own traffic, and, in
/// a dual-stack lab, <c>IPv6AcceptRA=yes</c> (docs/dual-stack.md).</item>
/// <item><c>&lt;parent.N&gt;.netdev</c>: a VLAN sub-interface (<c>enp1s0.30</c>: <c>Kind=vlan</c>, <c>[VLAN] Id=30</c>,
/// systemd.netdev(5)), and <c>VLAN=enp1s0.30</c> in its parent's <c>[Network]</c> (systemd.network(5): VLAN= "the
/// name of a VLAN to create on the link"); without both networkd never creates it.</item>
/// </list>
/// The 10-netplan-* names match netplan's generated units, so these in /etc/systemd/network replace
/// netplan's same-named ones in /run/systemd/network (systemd.network(5): /etc takes precedence).
/// </summary>
internal static class HostNetworkdEmitter
{
    /// <summary>Below 1024, the metric systemd-networkd gives DHCPv4 routes (systemd.network(5), [DHCPv4] RouteMetric=).</summary>
    public const int PreferredRouteMetric = 90;

    public static IEnumerable<DeliveryFile> Emit(Lab lab)
    {
        foreach (var node in lab.Nodes)
        {
            var folder = node.Name; // under hosts/
            foreach (var nic in node.Interfaces)
            {
                yield return File($"{folder}/10-netplan-{nic.Name}.network", node, Interface(lab, nic, node));
            }

            foreach (var uplink in node.Interfaces.Where(i => i.Bridge is not null))
            {
                yield return File($"{folder}/{uplink.Bridge}.netdev", node, BridgeDevice(node, uplink));
                yield return File($"{folder}/{uplink.Bridge}.network", node, BridgeNetwork(uplink, node));
            }

            foreach (var vlan in node.Interfaces.Where(i => VlanSubInterface.TryParse(i.Name, out _, out _)))
            {
                yield return File($"{folder}/{vlan.Name}.netdev", node, VlanDevice(vlan));
            }
        }
    }

    internal static IReadOnlyList<NetworkdSection> Interface(Lab lab, NodeInterface nic, Node node)
    {
        var sections = new List<NetworkdSection> { Match(nic.Name) };
        if (Link(nic.Network) is { } link)
        {
            sections.Add(link);
        }

        if (nic.Bridge is { } bridge)
        {
            sections.Add(new NetworkdSection("Network", [new NetworkdEntry("Bridge", bridge), .. VlanEntries(node, nic.Name)]));
            return sections;
        }

        var vlanNote = nic.Network.VlanId is not { } vlan ? null
            : VlanSubInterface.TryParse(nic.Name, out var parent, out _)
                ? $"{nic.Name} is VLAN {vlan.ToString(CultureInfo.InvariantCulture)} tagged on {parent} ({nic.Name}.netdev)."
                : node.HyperV is not null
                    ? $"{nic.Name} is on VLAN {vlan.ToString(CultureInfo.InvariantCulture)}; the VM's network adapter tags it, so {nic.Name} is untagged here."
                    : $"{nic.Name} is on VLAN {vlan.ToString(CultureInfo.InvariantCulture)}, untagged here: the switch port (access VLAN) or the hypervisor's virtual NIC tags it.";
        if (nic.Network.Addressing == Addressing.None)
        {
            sections.Add(NoHostAddress(nic.Network, sections, VlanEntries(node, nic.Name), vlanNote));
            return sections;
        }

        // Dual stack: K3s takes the node's IPv6 address from the IPv6 default route (k3s-io/k3s pkg/util/net.go,
        // GetHostnameAndIPs) and refuses a dual-stack cluster-cidr without one (pkg/agent/run.go); networkd ignores RAs
        // by default once IP forwarding is on, as on every K3s node (systemd.network(5), IPv6AcceptRA=), so say yes.
        NetworkdEntry[] acceptRa = lab.Calico.DualStack && nic.Network == lab.Cluster.NodeNetwork
            ? [new NetworkdEntry("IPv6AcceptRA", "yes", "Dual stack: the node's IPv6 address and default route come from the router's advertisements; K3s needs both families.")]
            : [];
        sections.Add(new NetworkdSection("Network", [new NetworkdEntry("DHCP", "yes", vlanNote), .. acceptRa, .. VlanEntries(node, nic.Name)]));
        if (nic.Network == lab.Cluster.NodeNetwork)
        {
            var gateway = nic.Network.Gateway;
            sections.Add(new NetworkdSection("Route",
            [
                new NetworkdEntry("Destination", gateway.AddressFamily == AddressFamily.InterNetwork ? "0.0.0.0/0" : "::/0",
                    $"Two DHCP default routes otherwise; this one wins, so the node's own traffic uses the '{nic.Network.Name}' network."),
                new NetworkdEntry("Gateway", gateway.ToString()),
                new NetworkdEntry("Metric", PreferredRouteMetric.ToString(CultureInfo.InvariantCulture)),
            ]));
        }

        return sections;
    }

    internal static IReadOnlyList<NetworkdSection> BridgeDevice(Node node, NodeInterface uplink)
    {
        var entries = new List<NetworkdEntry>
        {
            new("Name", uplink.Bridge!),
            new("Kind", "bridge"),
        };
        if (InheritedMac.UplinkMac(node, uplink) is { } mac)
        {
            entries.Add(new("MACAddress", Format(mac), uplink.Network.Addressing == Addressing.None
                ? $"{InheritedMac.MacSource(node, uplink)}'s MAC, as the model gives it; the bridge takes no address on the '{uplink.Network.Name}' network."
                : $"{InheritedMac.MacSource(node, uplink)}'s MAC: the DHCP server of the '{uplink.Network.Name}' network keeps seeing the same host."));
        }

        if (uplink.Network.Mtu is { } mtu)
        {
            entries.Add(new("MTUBytes", mtu.ToString(CultureInfo.InvariantCulture)));
        }

        return [new NetworkdSection("NetDev", entries)];
    }

    internal static IReadOnlyList<NetworkdSection> BridgeNetwork(NodeInterface uplink, Node node)
    {
        var sections = new List<NetworkdSection> { Match(uplink.Bridge!) };
        if (Link(uplink.Network) is { } link)
        {
            sections.Add(link);
        }

        if (uplink.Network.Addressing == Addressing.None)
        {
            sections.Add(NoHostAddress(uplink.Network, sections, VlanEntries(node, uplink.Bridge!), note: null));
            return sections;
        }

        sections.Add(new NetworkdSection("Network", [new NetworkdEntry("DHCP", "yes"), new NetworkdEntry("IPv6AcceptRA", "yes"), .. VlanEntries(node, uplink.Bridge!)]));
        return sections;
    }

    /// <summary>
    /// A pods-only network (<see cref="Addressing.None"/>): the device is brought up and switches frames but takes no
    /// address, all keys of systemd.network(5): <c>[Network] DHCP=no</c> (no DHCPv4/v6 client), <c>IPv6AcceptRA=no</c>
    /// (no SLAAC address or route from router advertisements), <c>LinkLocalAddressing=no</c> (no fe80::/64 or
    /// 169.254/16 address), and <c>[Link] RequiredForOnline=no</c>: a link without an address never reaches the
    /// "degraded" operational state that RequiredForOnline=yes (the default) waits for, so
    /// systemd-networkd-wait-online would hold network-online.target (and K3s) until its timeout.
    /// <c>ConfigureWithoutCarrier=</c> is not needed: with nothing to configure networkd brings the link up and marks
    /// it configured before it has carrier (shown by the namespace test that runs systemd-networkd on these files).
    /// </summary>
    private static NetworkdSection NoHostAddress(Network network, List<NetworkdSection> sections, IEnumerable<NetworkdEntry> vlans, string? note)
    {
        var required = new NetworkdEntry("RequiredForOnline", "no",
            $"No address on the pods-only '{network.Name}' network, so never \"degraded\"; without this wait-online would wait for it.");
        var linkIndex = sections.FindIndex(s => s.Name == "Link");
        if (linkIndex >= 0)
        {
            sections[linkIndex] = sections[linkIndex] with { Entries = [.. sections[linkIndex].Entries, required] };
        }
        else
        {
            sections.Add(new NetworkdSection("Link", [required]));
        }

        var comment = $"Pods only: the node switches the '{network.Name}' network for its pods and takes no address on it.";
        return new NetworkdSection("Network",
        [
            new NetworkdEntry("DHCP", "no", note is null ? comment : $"{note} {comment}"),
            new NetworkdEntry("IPv6AcceptRA", "no"),
            new NetworkdEntry("LinkLocalAddressing", "no"),
            .. vlans,
        ]);
    }

    /// <summary>
    /// A VLAN sub-interface: <c>[NetDev] Kind=vlan</c> and <c>[VLAN] Id=</c> (systemd.netdev(5)). Without
    /// <c>MACAddress=</c> a vlan netdev inherits its parent's MAC (systemd.netdev(5), MACAddress=), which is what the
    /// LAN expects; a MAC given in the model is written.
    /// </summary>
    internal static IReadOnlyList<NetworkdSection> VlanDevice(NodeInterface vlan)
    {
        VlanSubInterface.TryParse(vlan.Name, out var parent, out var id);
        var entries = new List<NetworkdEntry> { new("Name", vlan.Name), new("Kind", "vlan") };
        if (vlan.Mac is { } mac)
        {
            entries.Add(new("MACAddress", Format(mac)));
        }

        if (vlan.Network.Mtu is { } mtu)
        {
            entries.Add(new("MTUBytes", mtu.ToString(CultureInfo.InvariantCulture)));
        }

        return
        [
            new NetworkdSection("NetDev", entries),
            new NetworkdSection("VLAN", [new NetworkdEntry("Id", id.ToString(CultureInfo.InvariantCulture), $"Tagged on {parent}, whose .network lists it with VLAN={vlan.Name}.")]),
        ];
    }

    /// <summary><c>VLAN=</c> for each VLAN sub-interface tagged on <paramref name="device"/> (systemd.network(5) [Network] VLAN=).</summary>
    private static IEnumerable<NetworkdEntry> VlanEntries(Node node, string device) =>
        node.Interfaces
            .Where(i => VlanSubInterface.TryParse(i.Name, out var parent, out _) && parent == device)
            .Select(i => new NetworkdEntry("VLAN", i.Name));

    /// <summary>Lower-case, colon-separated: 00:15:5d:02:cb:09.</summary>
    public static string Format(PhysicalAddress mac) =>
        string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    private static NetworkdSection Match(string name) => new("Match", [new NetworkdEntry("Name", name)]);

    private static NetworkdSection? Link(Network network) => network.Mtu is { } mtu
        ? new NetworkdSection("Link", [new NetworkdEntry("MTUBytes", mtu.ToString(CultureInfo.InvariantCulture),
            mtu > Network.DefaultMtu ? $"Jumbo frames: every device on the '{network.Name}' network must use the same MTU." : null)])
        : null;

    private static DeliveryFile File(string path, Node node, IReadOnlyList<NetworkdSection> sections) =>
        new(DeliveryFolder.Hosts, path, [new NetworkdUnit(
            [$"{node.Name}: written by LabNetwork.GitOps from the lab model. Install into /etc/systemd/network/."],
            sections)]) { Source = node.Source };
}
