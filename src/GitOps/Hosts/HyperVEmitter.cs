using GitOps.Output;
using GitOps.Topology;

namespace GitOps.Hosts;

/// <summary>
/// The hypervisor side of nodes that are Hyper-V VMs: one PowerShell script per Windows host,
/// <c>hosts/hyperv/&lt;host&gt;.ps1</c>, setting each VM adapter named on a node interface. Cmdlets and parameters from
/// Microsoft Learn: learn.microsoft.com/powershell/module/hyper-v/set-vmnetworkadaptervlan (<c>-VMName</c>,
/// <c>-VMNetworkAdapterName</c>, <c>-Access -VlanId</c>: frames leave the adapter's port tagged with the ID and only
/// that VLAN reaches the VM; <c>-Untagged</c>) and learn.microsoft.com/powershell/module/hyper-v/set-vmnetworkadapter
/// (<c>-VMName</c>, <c>-Name</c>, <c>-MacAddressSpoofing On</c>: lets the VM send frames whose source MAC is not the
/// adapter's own; off, Hyper-V drops them, and every pod on a bridge or macvlan attachment has its own MAC).
/// Both cmdlets set a state, so running the script twice leaves the same settings: it is idempotent. The script is a
/// typed <see cref="HyperVScript"/>, written by <see cref="HyperVScriptRenderer"/>.
/// Parsed with PowerShell's own parser in tests (HyperVScriptTests).
/// </summary>
internal static class HyperVEmitter
{
    /// <summary>The folder under hosts/ that holds the scripts.</summary>
    public const string Folder = "hyperv";

    /// <summary>hosts/hyperv/&lt;host&gt;.ps1 per Hyper-V host with at least one VM adapter declared, by host name.</summary>
    public static IEnumerable<DeliveryFile> Emit(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var hosts = lab.Nodes
            .Where(n => n.HyperV is not null && n.Interfaces.Any(i => i.VmAdapter is not null))
            .GroupBy(n => n.HyperV!.Host, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            var nodes = host.OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
            yield return new DeliveryFile(DeliveryFolder.Hosts, $"{Folder}/{host.Key}.ps1", [Build(lab, host.Key, nodes)]) { Source = nodes[0].HyperV!.Source };
        }
    }

    /// <summary>The script for <paramref name="host"/>'s <paramref name="nodes"/> as a typed document: each VM and its declared adapters.</summary>
    public static HyperVScript Build(Lab lab, string host, IReadOnlyList<Node> nodes)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(nodes);
        return new HyperVScript(host, lab.Name,
        [
            .. nodes.Select(node => new HyperVVm(node.HyperV!.VmName, node.Name,
            [
                .. node.Interfaces.Where(i => i.VmAdapter is not null)
                    .Select(i => new HyperVAdapter(i.VmAdapter!, i.Name, i.Network.Name, i.Network.VlanId, CarriesPodMacs(lab, node, i))),
            ])),
        ]);
    }

    /// <summary>
    /// Whether pods' own MACs leave the VM through <paramref name="i"/>: it is a bridge port (bridge attachments put pod
    /// veths on that bridge), or the master of a macvlan attachment on its network (each macvlan pod has its own MAC).
    /// An ipvlan pod uses its master's MAC, so ipvlan needs no spoofing.
    /// </summary>
    public static bool CarriesPodMacs(Lab lab, Node node, NodeInterface i)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(i);
        return i.Bridge is not null
            || lab.Attachments.Any(a => a.Macvlan is { } m && a.Network == i.Network && string.Equals(m.Master, i.Name, StringComparison.Ordinal));
    }
}
