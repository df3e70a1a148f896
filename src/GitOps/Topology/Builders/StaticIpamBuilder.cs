namespace GitOps.Topology;

public sealed class StaticIpamBuilder : IpamBuilder
{
    internal StaticIpamBuilder(string address, string? gateway, SourceLocation source) : base(source)
    {
        Address = address;
        Gateway = gateway;
    }

    internal string Address { get; }
    internal string? Gateway { get; }
}
