using GitOps.Output;
using GitOps.Tests.Support;
using GitOps.Topology;

namespace GitOps.Tests.Snapshots;

/// <summary>One snapshot: what the code renders now, and the golden file it must equal byte for byte.</summary>
/// <param name="Committed">
/// For a sample's files: the path of the golden copy in git ('/'-separated, e.g. <c>manifests/calico/x.yaml</c>),
/// compared with its staged/committed bytes (<see cref="CommittedFiles"/>), never with the working tree the build
/// regenerates. Null for the variations, whose golden copy is <c>{name}.verified.{ext}</c> in Snapshots/.
/// </param>
public sealed record SnapshotCase(Func<string> Render, string? Committed = null);

/// <summary>
/// Every snapshot the suite verifies, by name. The snapshot test runs each case; the dangling-file
/// tests compare this list with the *.verified.* files on disk and with the files in each sample's output folder.
/// </summary>
public static class SnapshotCases
{
    /// <summary>
    /// The sample labs: the prefix of each one's cases, and its output folder in git, whose committed bytes are its
    /// golden copy (samples/HomeLab writes the repository's <c>manifests/</c>; samples/BareMetalLab its own).
    /// </summary>
    public static IReadOnlyDictionary<string, string> SampleFolders { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["HomeLab"] = "manifests",
        ["BareMetalLab"] = "samples/BareMetalLab/manifests",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, SnapshotCase>> All = new(Build);

    public static IReadOnlyDictionary<string, SnapshotCase> Cases => All.Value;

    private static IReadOnlyDictionary<string, SnapshotCase> Build()
    {
        var cases = new SortedDictionary<string, SnapshotCase>(StringComparer.Ordinal);
        AddFiles(cases, "HomeLab", HomeLab.HomeLabModel.Build(), _ => true, committedFolder: SampleFolders["HomeLab"]);
        AddFiles(cases, "BareMetalLab", BareMetalLab.BareMetalLabModel.Build(), _ => true, committedFolder: SampleFolders["BareMetalLab"]);
        AddFiles(cases, "MultusV4", BlogLab.OneNode(multus: m => m.Version(MultusVersion.V4, plugin: MultusPlugin.Thin)), path => path.StartsWith("multus/", StringComparison.Ordinal) || path.StartsWith("crds/", StringComparison.Ordinal));
        AddFiles(cases, "MultusDefault", BlogLab.OneNode(defaultMultus: true), path => path.StartsWith("multus/", StringComparison.Ordinal) || path.StartsWith("crds/", StringComparison.Ordinal));
        AddFiles(cases, "CalicoMovedCniDirs", BlogLab.OneNode(defaultMultus: true, calico: c => c.VersionTag("v3.31.0"), extra: b => b.Cluster("example", c => c.NodeNetwork("k8s").CniBinDir("/var/lib/cni/bin").CniConfDir("/var/lib/cni/net.d"))),
            path => path.StartsWith("calico/", StringComparison.Ordinal) || path == "multus/daemonset-kube-multus-ds.yaml");
        AddFiles(cases, "CalicoMtuForwarding", BlogLab.OneNode(calico: c => c.VersionTag("v3.29.7").Mtu(8950).ContainerIpForwarding()),
            path => path.StartsWith("calico/", StringComparison.Ordinal) || path == "multus/configmap-multus-cni-config.yaml");
        AddFiles(cases, "CalicoCanReach", BlogLab.OneNode(calico: c => c.DetectNodeAddress(NodeAddress.Gateway)), path => path.StartsWith("calico/", StringComparison.Ordinal));
        AddFiles(cases, "TwoNodesDifferentVlanInterfaces", BlogLab.OneNode(calico: c => c.DetectNodeAddress(NodeAddress.Interface), secondNode: n => n.Interface("ens4", "lan", i => i.Bridge("cni0")).Interface("ens5", "k8s")), path => path.StartsWith("calico/", StringComparison.Ordinal));
        AddFiles(cases, "VlanSubInterfaces", BlogLab.OneNode(
            extra: l => l.Network("iot", n => n.Vlan(30).Subnet("192.168.30.0/24").Gateway("192.168.30.1")).Network("cam", n => n.Vlan(40).Subnet("192.168.40.0/24").Gateway("192.168.40.1"))
                .GitOps(g => g.Repository("https://github.com/you/lab.git").HostFiles()),
            secondNode: n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a")).Interface("eth1", "k8s").Interface("cni0.30", "iot").Interface("cni0.40", "cam")),
            path => path.StartsWith("hosts/k8s-2/", StringComparison.Ordinal));
        AddFiles(cases, "BridgeOnOneNode", BlogLab.OneNode(secondNode: n => n.Interface("eth1", "k8s")), path => path.StartsWith("workloads/deployment-", StringComparison.Ordinal));
        AddFiles(cases, "StaticIpam", BlogLab.OneNode(attachment: a => a.StaticAddress("192.168.2.50/24", "192.168.2.1").Mtu(1400)), path => path.StartsWith("networks/", StringComparison.Ordinal) || path.StartsWith("node-agent/", StringComparison.Ordinal));
        AddFiles(cases, "HostLocalWithExtraRoutes", BlogLab.OneNode(attachment: a => a
            .HostLocalRange("192.168.2.200", "192.168.2.220")
            .RouteFix(r => r.Multicast(false).Route("192.168.10.0/24", via: "192.168.2.1").Route("192.168.11.0/24"))), path => path.StartsWith("networks/", StringComparison.Ordinal) || path.StartsWith("node-agent/", StringComparison.Ordinal));
        AddFiles(cases, "WithoutRouteFix", BlogLab.OneNode(attachment: a => a.RouteFix(false).Dhcp(d => d.ProvidePodName().DaemonSocketPath("/run/cni-test/dhcp.sock"))), path => path.StartsWith("networks/", StringComparison.Ordinal) || path.StartsWith("node-agent/", StringComparison.Ordinal));
        AddFiles(cases, "FleetAndFlux", BlogLab.OneNode(extra: l => l.GitOps(g => g.Repository("https://github.com/you/lab.git").Fleet().Flux())),
            path => path.StartsWith("flux/", StringComparison.Ordinal) || path.EndsWith("/kustomization.yaml", StringComparison.Ordinal));
        AddFiles(cases, "FluxNonDefaultCidrs", Fleet.GitOpsLabs.FluxNonDefaultCidrs(),
            path => path.StartsWith("flux/", StringComparison.Ordinal) || path.StartsWith("namespaces/", StringComparison.Ordinal) ||
                path.StartsWith("networks/", StringComparison.Ordinal) || path.Contains("/etc/rancher/", StringComparison.Ordinal) ||
                path.Contains("/var/lib/rancher/", StringComparison.Ordinal));
        AddFiles(cases, "FleetLongPath", BlogLab.OneNode(extra: l => l.GitOps(g => g.Repository("https://github.com/you/lab.git", path: "clusters/production/site-a/manifests").Fleet())),
            path => path.EndsWith("/fleet.yaml", StringComparison.Ordinal) || path.StartsWith("rancher/", StringComparison.Ordinal));
        AddFiles(cases, "DualStack", DualStack.DualStackLabs.BuildHostFiles(),
            path => path.StartsWith("networks/networkattachmentdefinition-", StringComparison.Ordinal) || path.StartsWith("hosts/k8s-1/etc/rancher/", StringComparison.Ordinal) ||
                path == "hosts/k8s-1/10-netplan-eth1.network" ||
                path.StartsWith("hosts/k8s-1/var/lib/rancher/", StringComparison.Ordinal) || path == GitOps.Picture.NetworkPictureEmitter.FileName);
        AddFiles(cases, "DualStackRancher", DualStack.DualStackLabs.Build(), path => path == "rancher-local/cluster-example.yaml");
        AddFiles(cases, "PictureVariation", Picture.PictureLabs.Variation(), path => path == GitOps.Picture.NetworkPictureEmitter.FileName);
        return cases;
    }

    private static void AddFiles(SortedDictionary<string, SnapshotCase> cases, string prefix, Lab lab, Func<string, bool> include, string? committedFolder = null)
    {
        var set = LabGenerator.GenerateSet(lab);
        foreach (var file in set.Files.Where(f => include(f.RelativePath)))
        {
            var name = $"{prefix}.{file.RelativePath.Replace('/', '.')}";
            var extension = Path.GetExtension(file.RelativePath).TrimStart('.');
            var committed = committedFolder is null ? null : $"{committedFolder}/{file.RelativePath}";
            cases[name[..^(extension.Length + 1)] + "|" + extension] = new(() => System.Text.Encoding.UTF8.GetString(YamlRenderer.Render(file).Content), committed);
        }
    }
}
