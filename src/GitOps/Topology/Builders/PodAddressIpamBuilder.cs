namespace GitOps.Topology;

/// <summary>The attachment's pods name their addresses in their network selection; made by <see cref="AttachmentBuilder.PodAddresses"/>. Nothing to configure.</summary>
public sealed class PodAddressIpamBuilder : IpamBuilder
{
    internal PodAddressIpamBuilder(SourceLocation source) : base(source)
    {
    }
}
