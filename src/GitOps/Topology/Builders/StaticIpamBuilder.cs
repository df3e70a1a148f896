namespace GitOps.Topology;

/// <summary>
/// The attachment's pod gets one fixed address (IPAM type <c>static</c>); made by
/// <see cref="AttachmentBuilder.StaticAddress"/>. Nothing to configure.
/// </summary>
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
