namespace GitOps.Topology;

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
