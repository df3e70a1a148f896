using System.Net.NetworkInformation;

namespace GitOps.Topology;

/// <summary>
/// The MAC a node's uplink has on the wire: its own from the model, or, for a VLAN sub-interface, its parent's. The model
/// rules (GITOPS409) and the host networkd files both read it, so it sits in the model.
/// </summary>
internal static class InheritedMac
{
    /// <summary>
    /// The MAC the bridge takes: its uplink's from the model, or, for a VLAN sub-interface uplink without one, its
    /// parent's (a VLAN device carries its parent's MAC: Linux net/8021q/vlan_dev.c vlan_dev_init copies
    /// real_dev->dev_addr when none is set; systemd.netdev(5) MACAddress=: a "vlan" device "inherits the MAC address
    /// of the master interface"). Null when the model has neither.
    /// </summary>
    internal static PhysicalAddress? UplinkMac(Node node, NodeInterface uplink, int depth = 0) =>
        uplink.Mac ?? (depth < 8 && Parent(node, uplink) is { } p ? UplinkMac(node, p, depth + 1) : null);

    /// <summary>The interface whose MAC <see cref="UplinkMac"/> returns (the uplink, or the parent it inherits from).</summary>
    internal static string MacSource(Node node, NodeInterface uplink, int depth = 0) =>
        uplink.Mac is null && depth < 8 && Parent(node, uplink) is { } p ? MacSource(node, p, depth + 1) : uplink.Name;

    /// <summary>
    /// The device whose MAC an interface carries, by name only (the MAC itself may be unknown): a VLAN sub-interface
    /// inherits its parent's (systemd.netdev(5), MACAddress=: "vlan device inherits the MAC address of the master
    /// interface"), a bridge its uplink's (the host files set it).
    /// </summary>
    internal static string MacOwner(Node node, NodeInterface nic, int depth = 0)
    {
        if (depth > 8 || !VlanSubInterface.TryParse(nic.Name, out var parent, out _))
        {
            return nic.Name;
        }

        var next = node.Interfaces.FirstOrDefault(i => i.Name == parent) ?? node.Interfaces.FirstOrDefault(i => i.Bridge == parent);
        return next is null ? nic.Name : MacOwner(node, next, depth + 1);
    }

    /// <summary>
    /// For a VLAN sub-interface, the device it is tagged on: the parent interface, or, when the parent is a bridge, the
    /// bridge's uplink (whose MAC these files give the bridge). Null for anything else.
    /// </summary>
    private static NodeInterface? Parent(Node node, NodeInterface nic) =>
        VlanSubInterface.TryParse(nic.Name, out var parent, out _)
            ? node.Interfaces.FirstOrDefault(i => i.Name == parent) ?? node.Interfaces.FirstOrDefault(i => i.Bridge == parent)
            : null;
}
