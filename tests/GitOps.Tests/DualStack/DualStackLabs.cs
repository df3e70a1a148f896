using GitOps.Tests.Support;
using GitOps.Topology;

namespace GitOps.Tests.DualStack;

/// <summary>
/// The blog's lab made dual stack (docs/dual-stack.md): an IPv6 pool beside the IPv4 one (NAT on, since the generated
/// BGP peering carries the IPv4 pool only), K3s's IPv6 service CIDR by default, and the LAN attachment with a fixed
/// IPv4 and IPv6 address. Two nodes, Rancher Cluster and host files, so every place the K3s settings go is written.
/// </summary>
internal static class DualStackLabs
{
    public const string IPv6Pool = "fd00:42::/56";
    public const string PodIPv4 = "192.168.2.50/24";
    public const string PodIPv6 = "fd00:2::50/64";

    public static LabChange Change { get; } = new()
    {
        Calico = c => c.IPv6Pool(IPv6Pool).NatOutgoingTraffic(),
        Attachment = a => a.StaticAddress(PodIPv4, "192.168.2.1").StaticIPv6Address(PodIPv6),
    };

    /// <summary>With the blog's GitOps section: a Rancher Cluster (K3s settings in machineGlobalConfig, the CNI layer in additionalManifest).</summary>
    public static Lab Build() => BlogLab.Build(Change);

    /// <summary>Without Rancher: K3s's settings in each server's config.yaml, the CNI layer in its manifests folder.</summary>
    public static Lab BuildHostFiles() => BlogLab.Build(Change with
    {
        Omit = LabSection.GitOps,
        Add = b => b.GitOps(g => g.Repository("https://github.com/you/lab.git", branch: "main", path: "manifests").Fleet(f => f.Name("home-lab").TargetCluster("example")).HostFiles()),
    });
}
