using GitOps.Output;
using GitOps.Tests.Support;
using GitOps.Topology;

namespace GitOps.Tests.Fleet;

/// <summary>The blog's lab (<see cref="TestLabs.Blog"/>) with a GitOps section, and helpers to read what it generates.</summary>
public static class GitOpsLabs
{
    public const string RepositoryUrl = "https://github.com/you/lab.git";

    public static Lab With(Action<GitOpsBuilder> gitOps, Action<NodeBuilder>? secondNode = null) =>
        TestLabs.Blog(extra: lab => lab.GitOps(gitOps), secondNode: secondNode);

    public static Lab Fleet(Action<FleetBuilder>? fleet = null) => With(g => g.Repository(RepositoryUrl).Fleet(fleet));

    public static Lab FleetAndFlux() => With(g => g.Repository(RepositoryUrl).Fleet().Flux());

    public static Lab FluxOnly() => With(g => g.Repository(RepositoryUrl).Flux());

    /// <summary>
    /// The second lab of issue 10: no Rancher (plain K3s, host files for server k8s-1), Flux only, a service CIDR and a
    /// Calico pool that are not K3s's defaults, and attachment and workload in namespace <c>iot</c>.
    /// </summary>
    public static Lab FluxNonDefaultCidrs() => Lab.Create("iot-lab")
        .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1").Untagged().Dhcp())
        .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").Mtu(9000).Dhcp())
        .Node("k8s-1", n => n
            .Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:09"))
            .Interface("eth1", "k8s"))
        .Node("k8s-2", n => n
            .Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a"))
            .Interface("eth1", "k8s"))
        .Cluster("iot", c => c.K3s().NodeNetwork("k8s").ServiceCidr("10.96.0.0/12"))
        .Calico(c => c.IpPool("10.244.0.0/22", blockSize: 26).Bgp(b => b.Router("router")))
        .Multus(m => m.Version(MultusVersion.V3))
        .Attachment("iot/iot-l2", a => a.Network("lan").Bridge("cni0").Dhcp(d => d.ProvidePodName()))
        .Workload("iot/homeassistant", w => w
            .Image("ghcr.io/home-assistant/home-assistant:2025.11")
            .Port("http", 8123)
            .Attach("iot/iot-l2"))
        .GitOps(g => g
            .Repository(RepositoryUrl, path: "clusters/iot")
            .Flux()
            .K3sServer("k8s-1")
            .HostFiles())
        .Build();

    public static IReadOnlyDictionary<string, ManifestFile> Files(Lab lab) =>
        LabGenerator.Generate(lab).Files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);

    /// <summary>The file's bytes as text (what lands on disk).</summary>
    public static string Text(ManifestFile file) => System.Text.Encoding.UTF8.GetString(YamlRenderer.Render(file).Content);
}
