using GitOps.Output;
using GitOps.Tests.Support;
using GitOps.Topology;

namespace GitOps.Tests.Fleet;

/// <summary>The blog's lab (<see cref="BlogLab.OneNode"/>) with a GitOps section, and helpers to read what it generates.</summary>
public static class GitOpsLabs
{
    public const string RepositoryUrl = "https://github.com/you/lab.git";

    public static Lab With(Action<GitOpsBuilder> gitOps, Action<NodeBuilder>? secondNode = null) =>
        BlogLab.OneNode(extra: lab => lab.GitOps(gitOps), secondNode: secondNode);

    public static Lab Fleet(Action<FleetBuilder>? fleet = null) => With(g => g.Repository(RepositoryUrl).Fleet(fleet));

    public static Lab FleetAndFlux() => With(g => g.Repository(RepositoryUrl).Fleet().Flux());

    public static Lab FluxOnly() => With(g => g.Repository(RepositoryUrl).Flux());

    /// <summary>
    /// The second lab of issue 10: no Rancher (plain K3s, host files for server k8s-1), Flux only, a service CIDR and a
    /// Calico pool that are not K3s's defaults, and attachment and workload in namespace <c>iot</c>.
    /// </summary>
    public static Lab FluxNonDefaultCidrs() => BlogLab.Build(new LabChange
    {
        LabName = "iot-lab",
        MultusConfFile = null,
        Omit = LabSection.Cluster | LabSection.Calico | LabSection.Attachments | LabSection.Workloads | LabSection.GitOps,
        Add = lab => lab
            .Cluster("iot", c => c.NodeNetwork("k8s").ServiceCidr("10.96.0.0/12"))
            .Calico(c => c.IPPool("10.244.0.0/22", blockSize: 26).Bgp(b => b.Router("router")))
            .Attachment("iot/iot-l2", a => a.Network("lan").Bridge("cni0").Dhcp(d => d.ProvidePodName()))
            .Workload("iot/homeassistant", w => w
                .Image("ghcr.io/home-assistant/home-assistant:2025.11")
                .Port("http", 8123)
                .Attach("iot/iot-l2"))
            .GitOps(g => g
                .Repository(RepositoryUrl, path: "clusters/iot")
                .Flux()
                .K3sServer("k8s-1")
                .HostFiles()),
    });

    internal static IReadOnlyDictionary<string, ManifestFile> Files(Lab lab) =>
        LabGenerator.GenerateSet(lab).Files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);

    /// <summary>The file's bytes as text (what lands on disk).</summary>
    internal static string Text(ManifestFile file) => System.Text.Encoding.UTF8.GetString(YamlRenderer.Render(file).Content);
}
