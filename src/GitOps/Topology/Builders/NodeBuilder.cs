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

    /// <summary>An interface of this node on the network named <paramref name="network"/>.</summary>
    public NodeBuilder Interface(string name, string network, Action<InterfaceBuilder>? configure = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var builder = new InterfaceBuilder(name, network, new(file, line));
        configure?.Invoke(builder);
        _interfaces.Add(builder);
        return this;
    }
}

/// <summary>Describes one node interface: <c>i =&gt; i.Bridge("cni0").Mac("00:15:5d:02:cb:09")</c>.</summary>
public sealed class InterfaceBuilder
{
    internal InterfaceBuilder(string name, string network, SourceLocation source)
    {
        Name = name;
        NetworkName = network;
        Source = source;
    }

    internal string Name { get; }
    internal string NetworkName { get; }
    internal SourceLocation Source { get; }
    internal Located<string>? BridgeName { get; private set; }
    internal Located<string>? MacText { get; private set; }

    /// <summary>Enslave this interface to a Linux bridge (the layer-2 uplink: eth0 in cni0).</summary>
    public InterfaceBuilder Bridge(string bridge, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        BridgeName = new(bridge, new(file, line));
        return this;
    }

    /// <summary>The interface's MAC address (aa:bb:cc:dd:ee:ff); the bridge takes it over.</summary>
    public InterfaceBuilder Mac(string mac, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        MacText = new(mac, new(file, line));
        return this;
    }
}
