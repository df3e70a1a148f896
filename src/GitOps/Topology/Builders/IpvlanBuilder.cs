namespace GitOps.Topology;

/// <summary>Describes an ipvlan attachment's child: <c>i => i.Mode(IpvlanMode.L2)</c>. The master is the nodes' interface on the network.</summary>
public sealed class IpvlanBuilder
{
    internal IpvlanBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
    internal IpvlanMode ModeValue { get; private set; } = IpvlanMode.L2;

    /// <summary>The ipvlan mode; default <see cref="IpvlanMode.L2"/> (the plugin's default). L3 and L3S carry no broadcast, so no DHCP (GITOPS182) and no route-fix multicast/broadcast routes (GITOPS183).</summary>
    public IpvlanBuilder Mode(IpvlanMode mode)
    {
        ModeValue = mode;
        return this;
    }
}
