using System.Net;

namespace GitOps.Topology;

/// <summary>How hosts on a network get their addresses.</summary>
public enum Addressing
{
    Dhcp,
    Static,
}

/// <summary>An IP network in the lab: the home LAN, the Kubernetes VLAN, ...</summary>
public sealed record Network
{
    internal Network(string Name, IPNetwork Subnet, IPAddress Gateway, int? VlanId, int? Mtu, Addressing Addressing, SourceLocation Source)
    {
        this.Name = Name;
        this.Subnet = Subnet;
        this.Gateway = Gateway;
        this.VlanId = VlanId;
        this.Mtu = Mtu;
        this.Addressing = Addressing;
        this.Source = Source;
    }

    public string Name { get; internal init; }

    public IPNetwork Subnet { get; internal init; }

    public IPAddress Gateway { get; internal init; }

    /// <summary>802.1Q VLAN ID, or null when the network is untagged (VLAN 1 on most switches).</summary>
    public int? VlanId { get; internal init; }

    /// <summary>Link MTU; null means the Ethernet default of 1500.</summary>
    public int? Mtu { get; internal init; }

    public Addressing Addressing { get; internal init; }

    public SourceLocation Source { get; internal init; }

    public const int DefaultMtu = 1500;

    public int EffectiveMtu => Mtu ?? DefaultMtu;
}
