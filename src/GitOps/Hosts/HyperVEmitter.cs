using System.Globalization;
using System.Text;
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
/// Both cmdlets set a state, so running the script twice leaves the same settings: it is idempotent.
/// Parsed with PowerShell's own parser in tests (HyperVScriptTests).
/// </summary>
internal static class HyperVEmitter
{
    /// <summary>The folder under hosts/ that holds the scripts.</summary>
    public const string Folder = "hyperv";

    /// <summary>hosts/hyperv/&lt;host&gt;.ps1 per Hyper-V host with at least one VM adapter declared, by host name.</summary>
    public static IEnumerable<ManifestFile> Emit(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var hosts = lab.Nodes
            .Where(n => n.HyperV is not null && n.Interfaces.Any(i => i.VmAdapter is not null))
            .GroupBy(n => n.HyperV!.Host, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            var nodes = host.OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
            yield return new ManifestFile($"{HostNetworkdEmitter.HostsFolder}/{Folder}/{host.Key}.ps1", [new HyperVScript(lab, host.Key, nodes)]) { Source = nodes[0].HyperV!.Source };
        }
    }

    /// <summary>The script text for <paramref name="host"/>'s <paramref name="nodes"/>, LF line ends.</summary>
    public static string Render(Lab lab, string host, IReadOnlyList<Node> nodes)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(nodes);
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        Line($"# {host}: Hyper-V network adapter settings of the Kubernetes node VMs of the lab '{lab.Name}',");
        Line("# written by LabNetwork.GitOps from the lab model.");
        Line($"# Run on {host} in an elevated PowerShell. It sets each adapter's VLAN and, on adapters that carry");
        Line("# pod MAC addresses (bridge ports, macvlan masters), MAC address spoofing; running it again changes nothing.");
        Line("#Requires -Modules Hyper-V");
        Line("#Requires -RunAsAdministrator");
        Line("$ErrorActionPreference = 'Stop'");
        foreach (var node in nodes)
        {
            var vm = Quote(node.HyperV!.VmName);
            Line("");
            Line($"# VM {node.HyperV.VmName} (node {node.Name})");
            foreach (var i in node.Interfaces.Where(i => i.VmAdapter is not null))
            {
                var adapter = Quote(i.VmAdapter!);
                var vlan = i.Network.VlanId is { } id ? $"VLAN {id.ToString(CultureInfo.InvariantCulture)}" : "untagged";
                var podMacs = CarriesPodMacs(lab, node, i);
                Line($"# {i.Name} on network '{i.Network.Name}' ({vlan}){(podMacs ? ", carries pod MACs" : "")}");
                Line(i.Network.VlanId is { } vlanId
                    ? $"Set-VMNetworkAdapterVlan -VMName {vm} -VMNetworkAdapterName {adapter} -Access -VlanId {vlanId.ToString(CultureInfo.InvariantCulture)}"
                    : $"Set-VMNetworkAdapterVlan -VMName {vm} -VMNetworkAdapterName {adapter} -Untagged");
                if (podMacs)
                {
                    Line($"Set-VMNetworkAdapter -VMName {vm} -Name {adapter} -MacAddressSpoofing On");
                }
            }
        }

        return text.ToString();
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

    /// <summary>A PowerShell single-quoted string: a literal, with a quote written twice (about_Quoting_Rules).</summary>
    internal static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

/// <summary>One host's Hyper-V script as a typed document: what <see cref="HyperVEmitter.Render"/> writes.</summary>
internal sealed record HyperVScript(Lab Lab, string Host, IReadOnlyList<Node> Nodes) : ITextFileDocument
{
    /// <inheritdoc/>
    public string RenderText() => HyperVEmitter.Render(Lab, Host, Nodes);
}
