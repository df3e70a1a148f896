using System.Net.NetworkInformation;

namespace GitOps.Topology;

/// <summary>A Kubernetes node (a VM or a machine) and its network interfaces.</summary>
public sealed record Node
{
    internal Node(string Name, IReadOnlyList<NodeInterface> Interfaces, SourceLocation Source)
    {
        this.Name = Name;
        this.Interfaces = Interfaces;
        this.Source = Source;
    }

    public string Name { get; internal init; }

    public IReadOnlyList<NodeInterface> Interfaces { get; internal init; }

    public SourceLocation Source { get; internal init; }
}


/// <summary>
/// One host interface. <see cref="Bridge"/> set means the interface is enslaved to that Linux bridge
/// (the LAN uplink <c>eth0</c> in bridge <c>cni0</c>); <see cref="Mac"/> is needed when the bridge
/// must keep the uplink's MAC address (systemd-networkd <c>MACAddress=</c>).
/// </summary>
public sealed record NodeInterface
{
    internal NodeInterface(string Name, Network Network, string? Bridge, PhysicalAddress? Mac, SourceLocation Source)
    {
        this.Name = Name;
        this.Network = Network;
        this.Bridge = Bridge;
        this.Mac = Mac;
        this.Source = Source;
    }

    public string Name { get; internal init; }

    public Network Network { get; internal init; }

    public string? Bridge { get; internal init; }

    public PhysicalAddress? Mac { get; internal init; }

    public SourceLocation Source { get; internal init; }
}

