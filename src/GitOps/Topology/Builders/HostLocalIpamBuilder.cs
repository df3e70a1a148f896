namespace GitOps.Topology;

/// <summary>
/// The attachment's pods get addresses from a fixed range of the network (IPAM type <c>host-local</c>); made by
/// <see cref="AttachmentBuilder.HostLocalRange"/>. Nothing to configure.
/// </summary>
public sealed class HostLocalIpamBuilder : IpamBuilder
{
    internal HostLocalIpamBuilder(string first, string last, SourceLocation source) : base(source)
    {
        First = first;
        Last = last;
    }

    internal string First { get; }
    internal string Last { get; }
}
