using System.Net.NetworkInformation;

namespace GitOps.Topology;

/// <summary>A Kubernetes node (a VM or a machine) and its network interfaces.</summary>
public sealed record Node(string Name, IReadOnlyList<NodeInterface> Interfaces, SourceLocation Source);

/// <summary>
/// One host interface. <see cref="Bridge"/> set means the interface is enslaved to that Linux bridge
/// (the LAN uplink <c>eth0</c> in bridge <c>cni0</c>); <see cref="Mac"/> is needed when the bridge
/// must keep the uplink's MAC address (systemd-networkd <c>MACAddress=</c>).
/// </summary>
public sealed record NodeInterface(
    string Name,
    Network Network,
    string? Bridge,
    PhysicalAddress? Mac,
    SourceLocation Source);
