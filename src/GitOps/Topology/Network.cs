using System.Net;

namespace GitOps.Topology;

/// <summary>How hosts on a network get their addresses.</summary>
public enum Addressing
{
    Dhcp,
    Static,
}

/// <summary>An IP network in the lab: the home LAN, the Kubernetes VLAN, ...</summary>
/// <param name="VlanId">802.1Q VLAN ID, or null when the network is untagged (VLAN 1 on most switches).</param>
/// <param name="Mtu">Link MTU; null means the Ethernet default of 1500.</param>
public sealed record Network(
    string Name,
    IPNetwork Subnet,
    IPAddress Gateway,
    int? VlanId,
    int? Mtu,
    Addressing Addressing,
    SourceLocation Source)
{
    public const int DefaultMtu = 1500;

    public int EffectiveMtu => Mtu ?? DefaultMtu;
}
