using GitOps.Topology;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>
/// GITOPS150–155: versions that must agree. Each mistake here builds a lab the old rules accepted and a
/// node could not run (image paths, kubeconfig never written, plugins or fields the release does not have).
/// </summary>
public sealed class VersionRuleTests
{
    [Fact]
    public void No_multus_section_gets_the_maintained_thick_plugin()
    {
        var lab = BlogLab.Build(new() { Add = b => b.Multus(_ => { }) });

        Assert.Equal((MultusVersion.V4, MultusPlugin.Thick, "v4.3.0-thick", "00-multus.conf", (string?)null),
            (lab.Multus.Version, lab.Multus.Plugin, lab.Multus.ImageTag, lab.Multus.ConfFileName, lab.Multus.KubeconfigPath));
    }

    [Fact]
    public void Blogs_V3_stays_thin_V393() =>
        Assert.Equal((MultusVersion.V3, MultusPlugin.Thin, "v3.9.3"), (BlogLab.Build().Multus.Version, BlogLab.Build().Multus.Plugin, BlogLab.Build().Multus.ImageTag));

    // GITOPS150: the issue's example, the v4 line (thin: /thin_entrypoint) on the v3.9.3 image (/entrypoint.sh only).
    [Fact]
    public void Multus_4_thin_on_a_V3_image_is_rejected() =>
        Expect.Error(new() { Multus = m => m.Version(MultusVersion.V4, "v3.9.3", MultusPlugin.Thin) },
            MultusImageTagMismatch, "lab/multus/imageTag", value: "image tag v3.9.3 is a Multus 3 release", fix: "runs /thin_entrypoint and /install_multus, but v3 images have only /entrypoint.sh; use a v4 tag, e.g. \"v4.3.0\"");

    [Fact]
    public void Multus_4_default_plugin_on_a_V3_image_is_rejected() =>
        Expect.Error(new() { Add = b => b.Multus(m => m.Version(MultusVersion.V4, "v3.9.3")) },
            MultusImageTagMismatch, "lab/multus/imageTag", value: "image tag v3.9.3 is a Multus 3 release", fix: "use a v4 tag, e.g. \"v4.3.0-thick\"");

    [Fact]
    public void Multus_3_on_a_V4_image_is_rejected() =>
        Expect.Error(new() { Multus = m => m.Version(MultusVersion.V3, "v4.3.0") },
            MultusImageTagMismatch, "lab/multus/imageTag", value: "image tag v4.3.0 is a Multus 4 release", fix: "use a v3 tag, e.g. \"v3.9.3\"");

    [Theory]
    [InlineData(MultusVersion.V4, "v4.3.0-thick", "/thin_entrypoint or /install_multus", "\"v4.3.0\", or the thick plugin")]
    [InlineData(MultusVersion.V3, "v3.9.3-thick", "/entrypoint.sh", "\"v3.9.3\".")]
    public void Thin_plugin_on_a_thick_image_is_rejected(MultusVersion line, string tag, string missing, string fix) =>
        Expect.Error(new() { Multus = m => m.Version(line, tag, MultusPlugin.Thin) },
            MultusImageTagMismatch, "lab/multus/imageTag", value: $"image tag {tag} is the thick image, which has no {missing}", fix: $"use {fix}");

    [Fact]
    public void Multus_4_on_an_unknown_major_is_rejected() =>
        Expect.Error(new() { Add = b => b.Multus(m => m.Version(MultusVersion.V4, "v5.0.0-thick")) },
            MultusImageTagMismatch, "lab/multus/imageTag", value: "image tag v5.0.0-thick is a Multus 5 release", fix: "use a v4 tag, e.g. \"v4.3.0-thick\".");

    [Theory]
    [InlineData("latest")]
    [InlineData("snapshot-thick")]
    [InlineData("v4.3")]
    [InlineData("4.3.0")]
    public void Floating_or_malformed_tag_is_rejected(string tag) =>
        Expect.Error(new() { Add = b => b.Multus(m => m.Version(MultusVersion.V4, tag)) },
            MultusImageTagMismatch, "lab/multus/imageTag", value: $"'{tag}' is not a Multus release tag", fix: "pin a release, e.g. \"v4.3.0-thick\"");

    [Fact]
    public void Thick_plugin_on_a_thin_V4_image_builds()
    {
        // Both v4 images carry /usr/src/multus-cni/bin/{multus-daemon,install_multus} (hack/build-go.sh builds all of cmd/).
        var lab = BlogLab.Build(new() { Add = b => b.Multus(m => m.Version(MultusVersion.V4, "v4.2.2")) });

        Assert.Equal((MultusPlugin.Thick, "v4.2.2"), (lab.Multus.Plugin, lab.Multus.ImageTag));
    }

    // GITOPS151: v4.0.x thin with the library's explicit conf file never writes the kubeconfig that file names.
    [Theory]
    [InlineData("v4.0.0")]
    [InlineData("v4.0.2")]
    public void Multus_40_thin_with_an_explicit_conf_file_is_rejected(string tag) =>
        Expect.Error(new() { Multus = m => m.Version(MultusVersion.V4, tag, MultusPlugin.Thin) },
            MultusKubeconfigNotWritten, "lab/multus/imageTag", value: $"Multus {tag} thin writes multus.kubeconfig only with --multus-conf-file=auto", fix: "use v4.1.0 or later, e.g. \"v4.3.0\", or the thick plugin");

    [Theory]
    [InlineData("v4.1.0")]
    [InlineData("v4.3.0")]
    public void Multus_41_thin_with_an_explicit_conf_file_builds(string tag) =>
        Assert.Equal(tag, BlogLab.Build(new() { Multus = m => m.Version(MultusVersion.V4, tag, MultusPlugin.Thin) }).Multus.ImageTag);

    [Fact]
    public void Multus_40_thick_builds() =>
        Assert.Equal("v4.0.2-thick", BlogLab.Build(new() { Add = b => b.Multus(m => m.Version(MultusVersion.V4, "v4.0.2-thick")) }).Multus.ImageTag);

    // GITOPS153
    [Fact]
    public void Multus_3_thick_is_rejected() =>
        Expect.Error(new() { Multus = m => m.Version(MultusVersion.V3, plugin: MultusPlugin.Thick) },
            MultusPluginUnsupported, "lab/multus/plugin", value: "the thick plugin is offered only for Multus v4", fix: "use .Version(MultusVersion.V4) for the thick plugin");

    // GITOPS154
    [Fact]
    public void Thick_plugin_with_a_conf_file_is_rejected() =>
        Expect.Error(new() { Multus = m => m.Version(MultusVersion.V4) },
            MultusSettingNotApplicable, "lab/multus/confFile", value: "'0-multus.conf' is not used by the thick plugin", fix: "remove .ConfFile(...)", origin: Origin.BlogLab);

    [Fact]
    public void Thick_plugin_with_a_kubeconfig_path_is_rejected() =>
        Expect.Error(new() { Add = b => b.Multus(m => m.KubeconfigPath("/etc/cni/net.d/multus.d/multus.kubeconfig")) },
            MultusSettingNotApplicable, "lab/multus/kubeconfig", value: "'/etc/cni/net.d/multus.d/multus.kubeconfig' is not used by the thick plugin", fix: "remove .KubeconfigPath(...)");

    [Fact]
    public void Thin_plugin_with_daemon_resources_is_rejected() =>
        Expect.Error(new() { Multus = m => m.DaemonResources("250m", "256Mi") }, MultusSettingNotApplicable, "lab/multus/resources", value: "apply to the thick plugin's kube-multus daemon", fix: "remove .DaemonResources(...)");

    // GITOPS121: the daemon's resources are Kubernetes quantities above zero
    [Theory]
    [InlineData("250m", "256 Mi", "memory")]
    [InlineData("250m", "0", "memory")]
    [InlineData("a lot", "256Mi", "cpu")]
    [InlineData("-1", "256Mi", "cpu")]
    public void Thick_daemon_resources_that_are_not_positive_quantities_are_rejected(string cpu, string memory, string field) =>
        Expect.Error(new() { Add = b => b.Multus(m => m.DaemonResources(cpu, memory)) }, InvalidValue, $"lab/multus/resources/{field}", value: $"'{(field == "cpu" ? cpu : memory)}' is not a positive Kubernetes quantity", fix: "write it like");

    [Fact]
    public void Thick_daemon_resources_are_kept()
    {
        var lab = BlogLab.Build(new() { Add = b => b.Multus(m => m.DaemonResources("500m", "1Gi")) });
        Assert.Equal(("500m", "1Gi"), (lab.Multus.DaemonCpu, lab.Multus.DaemonMemory));
        Assert.Equal((MultusSettings.DefaultDaemonCpu, MultusSettings.DefaultDaemonMemory), (BlogLab.Build(new() { Add = b => b.Multus(_ => { }) }).Multus.DaemonCpu, BlogLab.Build(new() { Add = b => b.Multus(_ => { }) }).Multus.DaemonMemory));
    }

    // GITOPS152
    [Theory]
    [InlineData("latest")]
    [InlineData("3.32.1")]
    [InlineData("v3.32")]
    [InlineData("v3.32.1-0.dev")]
    public void Calico_version_not_a_release_is_rejected(string version) =>
        Expect.Error(new() { Calico = c => c.VersionTag(version) },
            CalicoVersionInvalid, "lab/calico/version", value: $"'{version}' is not a Calico release tag", fix: "pin one like \"v3.32.1\"");

    [Fact]
    public void Calico_version_typed_is_the_same_rule()
    {
        Assert.Equal(new CalicoVersion(3, 30, 3), BlogLab.Build(new() { Calico = c => c.Version(new CalicoVersion(3, 30, 3)) }).Calico.Version);
        Assert.Equal(CalicoVersion.V3_32_1, BlogLab.Build().Calico.Version);
        Expect.Error(new() { Calico = c => c.Version(new CalicoVersion(3, 27, 0)) },
            CalicoVersionInvalid, "lab/calico/version", value: "Calico v3.27.0 is older than v3.28.0", fix: "use v3.28.0 or later");
    }

    [Fact]
    public void Calico_version_older_than_known_is_rejected() =>
        Expect.Error(new() { Calico = c => c.VersionTag("v3.27.4") },
            CalicoVersionInvalid, "lab/calico/version", value: "Calico v3.27.4 is older than v3.28.0", fix: "use v3.28.0 or later");

    // GITOPS155
    [Fact]
    public void Nftables_dataplane_on_calico_328_is_rejected() =>
        Expect.Error(new() { Calico = c => c.LinuxDataplane(LinuxDataplane.Nftables).VersionTag("v3.28.2") },
            CalicoFeatureNeedsNewerVersion, "lab/calico/linuxDataplane", value: "linuxDataplane Nftables does not exist in Calico v3.28.2", fix: "use Calico v3.29.0 or later, or LinuxDataplane.Iptables");

    [Fact]
    public void Nftables_dataplane_on_calico_329_builds() =>
        Assert.Equal(LinuxDataplane.Nftables, BlogLab.Build(new() { Calico = c => c.LinuxDataplane(LinuxDataplane.Nftables).VersionTag("v3.29.0") }).Calico.Dataplane);

    [Theory]
    [InlineData("v3.30.7")]
    [InlineData("v3.29.7")]
    public void Moved_cni_bin_dir_on_calico_without_installation_cni_dirs_is_rejected(string version) =>
        Expect.Error(new() { Cluster = c => c.CniBinDir("/var/lib/cni/bin"), Calico = c => c.VersionTag(version) },
            CalicoFeatureNeedsNewerVersion, "lab/cluster/cniBinDir", value: $"'/var/lib/cni/bin' differs from /opt/cni/bin, where Calico {version} installs its CNI files", fix: "use Calico v3.31.0 or later, or keep /opt/cni/bin");

    [Fact]
    public void Moved_cni_conf_dir_on_calico_330_is_rejected() =>
        // Not K3s's own agent dir: that one is GITOPS144 whatever the Calico release (containerd never reads it with flannel off).
        Expect.Error(new() { Cluster = c => c.CniConfDir("/var/lib/cni/net.d"), Calico = c => c.VersionTag("v3.30.0") },
            CalicoFeatureNeedsNewerVersion, "lab/cluster/cniConfDir", value: "differs from /etc/cni/net.d", fix: "use Calico v3.31.0 or later, or keep /etc/cni/net.d");

    [Fact]
    public void Moved_cni_dirs_on_calico_331_reach_the_installation()
    {
        var lab = BlogLab.Build(new() { Cluster = c => c.CniBinDir("/var/lib/cni/bin").CniConfDir("/var/lib/cni/net.d"), Calico = c => c.VersionTag("v3.31.0") });
        var cni = GitOps.Calico.CalicoEmitter.Build(lab).Spec.Cni;

        Assert.Equal(("/var/lib/cni/bin", "/var/lib/cni/net.d"), (cni.BinDir, cni.ConfDir));
        Assert.Equal((null, null), (GitOps.Calico.CalicoEmitter.Build(BlogLab.Build()).Spec.Cni.BinDir, GitOps.Calico.CalicoEmitter.Build(BlogLab.Build()).Spec.Cni.ConfDir));
    }

    [Fact]
    public void Calico_mtu_out_of_range_is_rejected() =>
        Expect.Error(new() { Calico = c => c.Mtu(9217) },
            MtuOutOfRange, "lab/calico/mtu", value: "9217", fix: "9216");
}
