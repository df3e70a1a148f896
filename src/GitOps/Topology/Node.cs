using System.Net.NetworkInformation;

namespace GitOps.Topology;

/// <summary>A Kubernetes node (a VM or a machine) and its network interfaces.</summary>
internal sealed record Node
{
    internal Node(string Name, IReadOnlyList<NodeInterface> Interfaces, SourceLocation Source, HyperVVm? HyperV = null)
    {
        this.Name = Name;
        this.Interfaces = Interfaces;
        this.Source = Source;
        this.HyperV = HyperV;
    }

    /// <summary>The Hyper-V VM this node is (<c>n.HyperV("hv-host-1")</c>); null when the node is not declared as one.</summary>
    public HyperVVm? HyperV { get; internal init; }

    /// <summary>The node's host name, a DNS-1123 label (GITOPS100), unique in the lab (GITOPS112).</summary>
    public string Name { get; internal init; }

    /// <summary>The node's interfaces in declaration order.</summary>
    public IReadOnlyList<NodeInterface> Interfaces { get; internal init; }

    /// <summary>Where in the user's C# this was declared (file and line), so errors about it point there.</summary>
    public SourceLocation Source { get; internal init; }
}


/// <summary>
/// One host interface. <see cref="Bridge"/> set means the interface is enslaved to that Linux bridge
/// (the LAN uplink <c>eth0</c> in bridge <c>cni0</c>); <see cref="Mac"/> is needed when the bridge
/// must keep the uplink's MAC address (systemd-networkd <c>MACAddress=</c>).
/// </summary>
internal sealed record NodeInterface
{
    internal NodeInterface(string Name, Network Network, string? Bridge, PhysicalAddress? Mac, SourceLocation Source, string? VmAdapter = null)
    {
        this.VmAdapter = VmAdapter;
        this.Name = Name;
        this.Network = Network;
        this.Bridge = Bridge;
        this.Mac = Mac;
        this.Source = Source;
    }

    /// <summary>The Linux interface name (<c>eth0</c>, <c>eth0.20</c>), at most 15 characters (GITOPS109).</summary>
    public string Name { get; internal init; }

    /// <summary>The lab network the interface is on.</summary>
    public Network Network { get; internal init; }

    /// <summary>The Linux bridge the interface is enslaved to (<c>cni0</c>), at most 15 characters (GITOPS109); null when none.</summary>
    public string? Bridge { get; internal init; }

    /// <summary>The Hyper-V VM network adapter behind the interface (its Hyper-V name); null when none is declared.</summary>
    public string? VmAdapter { get; internal init; }

    /// <summary>The interface's MAC address, which the bridge takes over (GITOPS114 when it does not parse); null when not given.</summary>
    public PhysicalAddress? Mac { get; internal init; }

    /// <summary>Where in the user's C# this was declared (file and line), so errors about it point there.</summary>
    public SourceLocation Source { get; internal init; }
}


/// <summary>
/// A node that is a Hyper-V virtual machine. The generated <c>hosts/hyperv/&lt;host&gt;.ps1</c> sets, for each adapter of
/// the VM named on an interface: the VLAN (<c>Set-VMNetworkAdapterVlan -Access -VlanId N</c> for a tagged network,
/// <c>-Untagged</c> otherwise; learn.microsoft.com/powershell/module/hyper-v/set-vmnetworkadaptervlan) and, on an adapter
/// whose frames carry pod MACs (the interface is a bridge port, or the master of a macvlan attachment),
/// <c>Set-VMNetworkAdapter -MacAddressSpoofing On</c> (learn.microsoft.com/powershell/module/hyper-v/set-vmnetworkadapter:
/// with spoofing off Hyper-V drops frames whose source MAC is not the adapter's own, which every pod MAC is).
/// </summary>
internal sealed record HyperVVm
{
    internal HyperVVm(string Host, string VmName, SourceLocation Source)
    {
        this.Host = Host;
        this.VmName = VmName;
        this.Source = Source;
    }

    /// <summary>The Windows host that runs the VM, a DNS label (GITOPS100); names the script file.</summary>
    public string Host { get; internal init; }

    /// <summary>The VM's name in Hyper-V (<c>-VMName</c>); the node's name unless given.</summary>
    public string VmName { get; internal init; }

    /// <summary>Where in the user's C# this was declared (file and line), so errors about it point there.</summary>
    public SourceLocation Source { get; internal init; }
}
