namespace GitOps.Topology;

/// <summary>Describes a macvlan attachment's child: <c>m => m.Mode(MacvlanMode.Bridge)</c>. The master is the nodes' interface on the network.</summary>
public sealed class MacvlanBuilder
{
    internal MacvlanBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
    internal MacvlanMode ModeValue { get; private set; } = MacvlanMode.Bridge;

    /// <summary>The macvlan mode; default <see cref="MacvlanMode.Bridge"/> (the plugin's default).</summary>
    public MacvlanBuilder Mode(MacvlanMode mode)
    {
        ModeValue = mode;
        return this;
    }
}
