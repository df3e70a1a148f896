using System.Globalization;
using System.Text;

namespace GitOps.Hosts;

/// <summary>
/// One Windows host's Hyper-V script (<c>hosts/hyperv/&lt;host&gt;.ps1</c>) as a typed document: the VMs of the lab's nodes
/// on that host and, for each, the adapters declared on its interfaces. Built by <see cref="HyperVEmitter"/>, written by
/// <see cref="HyperVScriptRenderer"/>.
/// </summary>
/// <param name="Host">The Hyper-V host's name.</param>
/// <param name="LabName">The lab's name, for the header comment.</param>
/// <param name="Vms">The VMs, in the order they are written (by node name).</param>
internal sealed record HyperVScript(string Host, string LabName, IReadOnlyList<HyperVVm> Vms) : Output.ITextFileDocument
{
    /// <inheritdoc/>
    public void WriteText(TextWriter writer) => writer.Write(HyperVScriptRenderer.Render(this));
}

/// <summary>A node's VM: its Hyper-V name, the node's name, and its declared adapters in interface order.</summary>
internal sealed record HyperVVm(string VmName, string NodeName, IReadOnlyList<HyperVAdapter> Adapters);

/// <summary>
/// One VM network adapter: its Hyper-V name, the node interface and network it carries, the VLAN (null: untagged), and
/// whether pods' own MACs leave through it (<see cref="HyperVEmitter.CarriesPodMacs"/>: MAC address spoofing on).
/// </summary>
internal sealed record HyperVAdapter(string AdapterName, string InterfaceName, string NetworkName, int? VlanId, bool CarriesPodMacs);

/// <summary>
/// The writer for <see cref="HyperVScript"/>: PowerShell, LF line ends. Cmdlets and parameters as documented on
/// <see cref="HyperVEmitter"/>; every name is a single-quoted literal (<see cref="Quote"/>).
/// </summary>
internal static class HyperVScriptRenderer
{
    public static string Render(HyperVScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        Line($"# {script.Host}: Hyper-V network adapter settings of the Kubernetes node VMs of the lab '{script.LabName}',");
        Line("# written by LabNetwork.GitOps from the lab model.");
        Line($"# Run on {script.Host} in an elevated PowerShell. It sets each adapter's VLAN and, on adapters that carry");
        Line("# pod MAC addresses (bridge ports, macvlan masters), MAC address spoofing; running it again changes nothing.");
        Line("#Requires -Modules Hyper-V");
        Line("#Requires -RunAsAdministrator");
        Line("$ErrorActionPreference = 'Stop'");
        foreach (var machine in script.Vms)
        {
            var vm = Quote(machine.VmName);
            Line("");
            Line($"# VM {machine.VmName} (node {machine.NodeName})");
            foreach (var a in machine.Adapters)
            {
                var adapter = Quote(a.AdapterName);
                var vlan = a.VlanId is { } id ? $"VLAN {id.ToString(CultureInfo.InvariantCulture)}" : "untagged";
                Line($"# {a.InterfaceName} on network '{a.NetworkName}' ({vlan}){(a.CarriesPodMacs ? ", carries pod MACs" : "")}");
                Line(a.VlanId is { } vlanId
                    ? $"Set-VMNetworkAdapterVlan -VMName {vm} -VMNetworkAdapterName {adapter} -Access -VlanId {vlanId.ToString(CultureInfo.InvariantCulture)}"
                    : $"Set-VMNetworkAdapterVlan -VMName {vm} -VMNetworkAdapterName {adapter} -Untagged");
                if (a.CarriesPodMacs)
                {
                    Line($"Set-VMNetworkAdapter -VMName {vm} -Name {adapter} -MacAddressSpoofing On");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>A PowerShell single-quoted string: a literal, with a quote written twice (about_Quoting_Rules).</summary>
    internal static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
