namespace GitOps.Topology;

/// <summary>
/// How an attachment's pods get addresses: <see cref="DhcpIpamBuilder"/>, <see cref="StaticIpamBuilder"/>,
/// <see cref="HostLocalIpamBuilder"/> or <see cref="WhereaboutsIpamBuilder"/>. Only the library derives from it.
/// </summary>
public abstract class IpamBuilder
{
    private protected IpamBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
}
