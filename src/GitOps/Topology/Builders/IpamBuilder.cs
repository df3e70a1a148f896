namespace GitOps.Topology;

public abstract class IpamBuilder
{
    private protected IpamBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
}
