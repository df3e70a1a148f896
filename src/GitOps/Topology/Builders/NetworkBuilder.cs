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

    public NetworkBuilder Subnet(string cidr, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        SubnetText = new(cidr, new(file, line));
        return this;
    }

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

    public NetworkBuilder Mtu(int mtu, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        MtuValue = new(mtu, new(file, line));
        return this;
    }

    /// <summary>Hosts get addresses from the network's DHCP server (the default).</summary>
    public NetworkBuilder Dhcp()
    {
        AddressingMode = Addressing.Dhcp;
        return this;
    }

    public NetworkBuilder StaticAddressing()
    {
        AddressingMode = Addressing.Static;
        return this;
    }
}
