using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>Describes one node's interfaces: <c>n.Interface("eth0", "lan", i => i.Bridge("cni0"))</c>.</summary>
public sealed class NodeBuilder
{
    private readonly List<InterfaceBuilder> _interfaces = [];

    internal NodeBuilder(string name, SourceLocation source)
    {
        Name = name;
        Source = source;
    }

    internal string Name { get; }
    internal SourceLocation Source { get; }
    internal IReadOnlyList<InterfaceBuilder> Interfaces => _interfaces;
    internal Located<string>? HyperVHost { get; private set; }
    internal string? HyperVVmName { get; private set; }

    /// <summary>
    /// This node is a Hyper-V virtual machine on the Windows host <paramref name="host"/> (a DNS label, GITOPS100),
    /// named <paramref name="vm"/> in Hyper-V (default: the node's name). With host files on, the lab then writes
    /// <c>hosts/hyperv/&lt;host&gt;.ps1</c>, which sets each adapter declared with <see cref="InterfaceBuilder.VmAdapter"/>:
    /// the VLAN (<c>Set-VMNetworkAdapterVlan -Access -VlanId N</c> for a tagged network, <c>-Untagged</c> otherwise;
    /// learn.microsoft.com/powershell/module/hyper-v/set-vmnetworkadaptervlan) and, on an adapter whose frames carry pod
    /// MACs (a bridge port, or the master of a macvlan attachment), <c>Set-VMNetworkAdapter -MacAddressSpoofing On</c>
    /// (learn.microsoft.com/powershell/module/hyper-v/set-vmnetworkadapter: with spoofing off Hyper-V drops frames whose
    /// source MAC is not the adapter's own).
    /// </summary>
    public NodeBuilder HyperV(string host, string? vm = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        HyperVHost = new(host, new(file, line));
        HyperVVmName = vm;
        return this;
    }

    /// <summary>
    /// An interface of this node on the network named <paramref name="network"/> (GITOPS111 when the lab declares no
    /// such network).
    /// </summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = TypedHandles.OverloadJustification)]
    public NodeBuilder Interface(string name, string network, Action<InterfaceBuilder>? configure = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        AddInterface(new InterfaceBuilder(name, network, null, new(file, line)), configure);

    /// <summary>
    /// An interface of this node on the network <paramref name="network"/>, a handle from
    /// <see cref="LabBuilder.Network(string, Action{NetworkBuilder}, out NetworkReference, string, int)"/>:
    /// <c>.Interface("eth0", lan, i =&gt; i.Bridge("cni0"))</c>. A handle from another lab builder is GITOPS128 at Build,
    /// reported at this call.
    /// </summary>
    /// <param name="name">The Linux interface name, e.g. <c>eth0</c> or <c>eth0.20</c> (GITOPS109 when invalid).</param>
    /// <param name="network">The network the interface is on.</param>
    /// <param name="configure">Optional: its bridge, MAC, Hyper-V adapter.</param>
    /// <param name="file">Filled by the compiler: the caller's source file, for errors that point at this call.</param>
    /// <param name="line">Filled by the compiler: the caller's line.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    [SuppressMessage("ApiDesign", "RS0026", Justification = TypedHandles.OverloadJustification)]
    public NodeBuilder Interface(string name, NetworkReference network, Action<InterfaceBuilder>? configure = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        return AddInterface(new InterfaceBuilder(name, network.Name, network.Issuer, new(file, line)), configure);
    }

    private NodeBuilder AddInterface(InterfaceBuilder builder, Action<InterfaceBuilder>? configure)
    {
        configure?.Invoke(builder);
        _interfaces.Add(builder);
        return this;
    }
}

/// <summary>Describes one node interface: <c>i =&gt; i.Bridge("cni0").Mac("00:15:5d:02:cb:09")</c>.</summary>
public sealed class InterfaceBuilder
{
    internal InterfaceBuilder(string name, string network, LabBuilder? networkIssuer, SourceLocation source)
    {
        Name = name;
        NetworkName = network;
        NetworkIssuer = networkIssuer;
        Source = source;
    }

    internal string Name { get; }
    internal string NetworkName { get; }

    /// <summary>The lab builder whose handle named the network; null when it was named by a string.</summary>
    internal LabBuilder? NetworkIssuer { get; }
    internal SourceLocation Source { get; }
    internal Located<string>? BridgeName { get; private set; }
    internal Located<string>? MacText { get; private set; }
    internal Located<string>? VmAdapterName { get; private set; }

    /// <summary>Enslave this interface to a Linux bridge (the layer-2 uplink: eth0 in cni0).</summary>
    public InterfaceBuilder Bridge(string bridge, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        BridgeName = new(bridge, new(file, line));
        return this;
    }

    /// <summary>
    /// The Hyper-V VM network adapter behind this interface, by its Hyper-V name (<c>Get-VMNetworkAdapter -VMName &lt;vm&gt;</c>
    /// lists them; Hyper-V names new adapters "Network Adapter", so give them distinct names with <c>Rename-VMNetworkAdapter</c>).
    /// Only on a node declared with <see cref="NodeBuilder.HyperV"/> (GITOPS188); unique per node (GITOPS112); not empty and
    /// one line (GITOPS189). Default: none, and the Hyper-V script leaves the adapter alone (VLAN sub-interfaces such as
    /// <c>eth0.20</c> have no adapter of their own).
    /// </summary>
    public InterfaceBuilder VmAdapter(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        VmAdapterName = new(name, new(file, line));
        return this;
    }

    /// <summary>The interface's MAC address (aa:bb:cc:dd:ee:ff); the bridge takes it over.</summary>
    public InterfaceBuilder Mac(string mac, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        MacText = new(mac, new(file, line));
        return this;
    }
}
