using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>Describes one network: <c>n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").Mtu(9000)</c>.</summary>
public sealed class NetworkBuilder
{
    internal NetworkBuilder(string name, SourceLocation source)
    {
        Name = name;
        Source = source;
    }

    internal string Name { get; }
    internal SourceLocation Source { get; }
    internal Located<string>? SubnetText { get; private set; }
    internal Located<string>? GatewayText { get; private set; }
    internal Located<int>? VlanId { get; private set; }
    internal Located<int>? MtuValue { get; private set; }
    internal Addressing AddressingMode { get; private set; } = Addressing.Dhcp;

    /// <summary>
    /// The network's IPv4 or IPv6 subnet in CIDR notation, <c>"192.168.2.0/24"</c> (no host bits, GITOPS115; not
    /// CIDR, GITOPS101; overlapping another network's, GITOPS107). Required (GITOPS113).
    /// </summary>
    public NetworkBuilder Subnet(string cidr, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        SubnetText = new(cidr, new(file, line));
        return this;
    }

    /// <summary>
    /// The router's address on the network, <c>"192.168.2.1"</c>: a host address inside the subnet (GITOPS102 if not an
    /// address, GITOPS103 if outside or the network/broadcast address). Required (GITOPS113).
    /// </summary>
    public NetworkBuilder Gateway(string address, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        GatewayText = new(address, new(file, line));
        return this;
    }

    /// <summary>802.1Q tagged VLAN (1–4094).</summary>
    public NetworkBuilder Vlan(int id, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        VlanId = new(id, new(file, line));
        return this;
    }

    /// <summary>Untagged: the switch's native VLAN (the default).</summary>
    public NetworkBuilder Untagged()
    {
        VlanId = null;
        return this;
    }

    /// <summary>The network's MTU in bytes, 68–9216 (GITOPS105); default 1500. Attachments on it may not exceed it (GITOPS106).</summary>
    public NetworkBuilder Mtu(int mtu, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        MtuValue = new(mtu, new(file, line));
        return this;
    }

    /// <summary>
    /// How the lab's hosts on this network get their addresses (the nodes' systemd-networkd units under
    /// hosts/&lt;node&gt;/): <see cref="Addressing.Dhcp"/> (the default) from the network's DHCP server,
    /// <see cref="Addressing.Static"/>, or <see cref="Addressing.None"/> for a pods-only network the nodes only switch
    /// (no host address, no router advertisements, no link-local address). Host files for a network with static
    /// addressing are not emitted (GITOPS411, see docs/gitops.md); <see cref="Addressing.None"/> on the cluster's node
    /// network is GITOPS142. Pods' addresses on an attachment are set on the attachment, not here.
    /// </summary>
    public NetworkBuilder HostAddressing(Addressing mode)
    {
        AddressingMode = mode;
        return this;
    }
}
