using System.Net;

namespace GitOps.Topology;

/// <summary>How hosts on a network get their addresses.</summary>
public enum Addressing
{
    /// <summary>Hosts get addresses from the network's DHCP server (the default).</summary>
    Dhcp,
    /// <summary>
    /// Hosts have fixed addresses that the lab owner configures on each node. The model holds no per-node address, so
    /// <c>.HostFiles()</c> cannot write the node's unit for such a network (GITOPS411): configure those nodes yourself
    /// and leave out <c>.HostFiles()</c>, or use <see cref="Dhcp"/> with a reservation on the router.
    /// </summary>
    Static,
    /// <summary>
    /// Hosts take no address on this network (pods only, layer 2 only): the nodes only switch its frames between the
    /// uplink and the pods' veths. The host files give its bridge (or interface) <c>DHCP=no</c>, <c>IPv6AcceptRA=no</c>,
    /// <c>LinkLocalAddressing=no</c> and <c>RequiredForOnline=no</c> (systemd.network(5)); its bridge uplink needs no
    /// MAC (GITOPS409 asks for one only to keep a DHCP lease). Not allowed on the cluster's node network (GITOPS142).
    /// </summary>
    None,
}

/// <summary>An IP network in the lab: the home LAN, the Kubernetes VLAN, ...</summary>
internal sealed record Network
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

    /// <summary>The network's name, a DNS-1123 label (GITOPS100), unique in the lab (GITOPS112); nodes and attachments refer to it.</summary>
    public string Name { get; internal init; }

    /// <summary>The subnet, a CIDR with no host bits set (GITOPS101, GITOPS115); must not overlap another network (GITOPS107).</summary>
    public IPNetwork Subnet { get; internal init; }

    /// <summary>The router's address, inside <see cref="Subnet"/> and neither its network nor its broadcast address (GITOPS103).</summary>
    public IPAddress Gateway { get; internal init; }

    /// <summary>802.1Q VLAN ID, 1–4094 (GITOPS104), unique among the lab's networks (GITOPS135); null (the default) when the network is untagged (VLAN 1 on most switches).</summary>
    public int? VlanId { get; internal init; }

    /// <summary>Link MTU in bytes, 68–9216 (GITOPS105); null means <see cref="DefaultMtu"/>.</summary>
    public int? Mtu { get; internal init; }

    /// <summary>How hosts on the network get addresses. Default <see cref="Addressing.Dhcp"/>.</summary>
    public Addressing Addressing { get; internal init; }

    /// <summary>Where in the user's C# this was declared (file and line), so errors about it point there.</summary>
    public SourceLocation Source { get; internal init; }

    /// <summary>1500 bytes, the Ethernet default.</summary>
    public const int DefaultMtu = 1500;

    /// <summary><see cref="Mtu"/> or, when null, <see cref="DefaultMtu"/>; in bytes.</summary>
    public int EffectiveMtu => Mtu ?? DefaultMtu;
}
