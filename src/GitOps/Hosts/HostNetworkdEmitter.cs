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
/// <item><c>&lt;bridge&gt;.netdev</c> / <c>&lt;bridge&gt;.network</c>: the bridge with the uplink's MAC, addressed by DHCP (and IPv6 RAs).</item>
/// <item><c>10-netplan-&lt;nic&gt;.network</c>: every other interface, by DHCP; on the cluster's node network also
/// a static default route with a metric below DHCP's, so the node prefers that network for its own traffic.</item>
/// </list>
/// The 10-netplan-* names match netplan's generated units, so these in /etc/systemd/network replace
/// netplan's same-named ones in /run/systemd/network (systemd.network(5): /etc takes precedence).
/// </summary>
public static class HostNetworkdEmitter
{
    public const string HostsFolder = "hosts";

    /// <summary>Below 1024, the metric systemd-networkd gives DHCPv4 routes (systemd.network(5), [DHCPv4] RouteMetric=).</summary>
    public const int PreferredRouteMetric = 90;

    public static IEnumerable<ManifestFile> Emit(Lab lab)
    {
        foreach (var node in lab.Nodes)
        {
            var folder = $"{HostsFolder}/{node.Name}";
            foreach (var nic in node.Interfaces)
            {
                yield return File($"{folder}/10-netplan-{nic.Name}.network", node, Interface(lab, nic));
            }

            foreach (var uplink in node.Interfaces.Where(i => i.Bridge is not null))
            {
                yield return File($"{folder}/{uplink.Bridge}.netdev", node, BridgeDevice(uplink));
                yield return File($"{folder}/{uplink.Bridge}.network", node, BridgeNetwork(uplink));
            }
        }
    }

    internal static IReadOnlyList<NetworkdSection> Interface(Lab lab, NodeInterface nic)
    {
        var sections = new List<NetworkdSection> { Match(nic.Name) };
        if (Link(nic.Network) is { } link)
        {
            sections.Add(link);
        }

        if (nic.Bridge is { } bridge)
        {
            sections.Add(new NetworkdSection("Network", [new NetworkdEntry("Bridge", bridge)]));
            return sections;
        }

        var vlanNote = nic.Network.VlanId is { } vlan
            ? $"{nic.Name} is on VLAN {vlan.ToString(CultureInfo.InvariantCulture)}; the VM's network adapter tags it, so {nic.Name} is untagged here."
            : null;
        sections.Add(new NetworkdSection("Network", [new NetworkdEntry("DHCP", "yes", vlanNote)]));
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

    internal static IReadOnlyList<NetworkdSection> BridgeDevice(NodeInterface uplink)
    {
        var entries = new List<NetworkdEntry>
        {
            new("Name", uplink.Bridge!),
            new("Kind", "bridge"),
            new("MACAddress", Format(uplink.Mac!), $"{uplink.Name}'s MAC: the LAN's DHCP server keeps seeing the same host."),
        };
        if (uplink.Network.Mtu is { } mtu)
        {
            entries.Add(new("MTUBytes", mtu.ToString(CultureInfo.InvariantCulture)));
        }

        return [new NetworkdSection("NetDev", entries)];
    }

    internal static IReadOnlyList<NetworkdSection> BridgeNetwork(NodeInterface uplink)
    {
        var sections = new List<NetworkdSection> { Match(uplink.Bridge!) };
        if (Link(uplink.Network) is { } link)
        {
            sections.Add(link);
        }

        sections.Add(new NetworkdSection("Network", [new NetworkdEntry("DHCP", "yes"), new NetworkdEntry("IPv6AcceptRA", "yes")]));
        return sections;
    }

    /// <summary>Lower-case, colon-separated: 00:15:5d:02:cb:09.</summary>
    public static string Format(PhysicalAddress mac) =>
        string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    private static NetworkdSection Match(string name) => new("Match", [new NetworkdEntry("Name", name)]);

    private static NetworkdSection? Link(Network network) => network.Mtu is { } mtu
        ? new NetworkdSection("Link", [new NetworkdEntry("MTUBytes", mtu.ToString(CultureInfo.InvariantCulture),
            mtu > Network.DefaultMtu ? $"Jumbo frames: every device on the '{network.Name}' network must use the same MTU." : null)])
        : null;

    private static ManifestFile File(string path, Node node, IReadOnlyList<NetworkdSection> sections) =>
        new(path, NetworkdRenderer.Render(new NetworkdUnit(
            [$"{node.Name}: written by LabNetwork.GitOps from the lab model. Install into /etc/systemd/network/."],
            sections)));
}
