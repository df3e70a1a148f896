using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOps.Topology;

/// <summary>
/// VLAN sub-interfaces by the kernel's naming convention <c>parent.id</c> (<c>ip link add link enp1s0 name
/// enp1s0.30 type vlan id 30</c>; systemd.netdev(5) <c>[VLAN] Id=</c>): the part after the last dot is the 802.1Q
/// ID, the part before it the device the VLAN is tagged on (an interface or a bridge of the same node).
/// </summary>
internal static class VlanSubInterface
{
    /// <summary>True when <paramref name="name"/> is <c>parent.N</c> with N from 1 to 4094 (no leading zero).</summary>
    public static bool TryParse(string name, out string parent, out int vlanId)
    {
        ArgumentNullException.ThrowIfNull(name);
        var dot = name.LastIndexOf('.');
        parent = "";
        vlanId = 0;
        if (dot <= 0 || dot == name.Length - 1 || name[dot + 1] == '0' ||
            !int.TryParse(name.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id is < 1 or > 4094)
        {
            return false;
        }

        parent = name[..dot];
        vlanId = id;
        return true;
    }
}

/// <summary>The regex of Calico's <c>interface</c> autodetection method, and what it matches on a node.</summary>
internal static class NodeAddressPattern
{
    /// <summary>
    /// <c>interface</c> is matched as an unanchored regex by calico-node, so <c>eth1</c> would also match
    /// <c>veth1234</c>: anchor it. The names of every node's (non-bridged) interface on the node network are combined.
    /// </summary>
    public static string For(IEnumerable<Node> nodes, Network nodeNetwork)
    {
        var names = nodes
            .SelectMany(n => n.Interfaces)
            .Where(i => i.Network == nodeNetwork && i.Bridge is null)
            .Select(i => i.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(Regex.Escape)
            .ToArray();
        return names.Length == 1 ? $"^{names[0]}$" : $"^({string.Join('|', names)})$";
    }

    /// <summary>
    /// Every device of <paramref name="node"/> that holds an address, with its network: the interfaces not
    /// enslaved to a bridge, and each bridge (addressed on its uplink's network); none on a pods-only network
    /// (<see cref="Addressing.None"/>), where the host files give the device no address.
    /// </summary>
    public static IEnumerable<(string Device, Network Network)> AddressedDevices(Node node) =>
        node.Interfaces.Where(i => i.Bridge is null).Select(i => (i.Name, i.Network))
            .Concat(node.Interfaces.Where(i => i.Bridge is not null).DistinctBy(i => i.Bridge, StringComparer.Ordinal).Select(i => (i.Bridge!, i.Network)))
            .Where(d => d.Network.Addressing != Addressing.None);
}

/// <summary>Which nodes a workload's pod can run on: those that have every bridge its attachments plug into.</summary>
internal static class WorkloadPlacement
{
    /// <summary>
    /// The nodes with bridge <see cref="Attachment.Bridge"/> uplinked to the attachment's network, for every
    /// attachment of <paramref name="workload"/> (all nodes when it has none), in the lab's node order.
    /// </summary>
    public static IReadOnlyList<Node> NodesFor(Lab lab, Workload workload)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(workload);
        return lab.Nodes.Where(n => workload.Attachments.All(a => HasBridge(n, a))).ToArray();
    }

    /// <summary>
    /// True when <paramref name="node"/> has the attachment's bridge with an uplink on its network or, for a
    /// macvlan/ipvlan attachment, the plain interface <see cref="Attachment.Master"/> on it.
    /// </summary>
    public static bool HasBridge(Node node, Attachment attachment) => attachment.Master is { } master
        ? node.Interfaces.Any(i => i.Name == master && i.Bridge is null && i.Network == attachment.Network)
        : node.Interfaces.Any(i => i.Bridge == attachment.Bridge && i.Network == attachment.Network);

    /// <summary>
    /// True when the pod must be kept to <see cref="NodesFor"/>: some node lacks a bridge it needs. The Deployment
    /// then gets a required node affinity on <c>kubernetes.io/hostname</c>.
    /// </summary>
    public static bool IsRestricted(Lab lab, Workload workload) => NodesFor(lab, workload).Count < lab.Nodes.Count;
}
