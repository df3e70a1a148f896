using GitOps.Topology;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>Multus: the CNI versions 3.x reads, its conf file name, image tag and kubeconfig.</summary>
public sealed class MultusRuleTests
{
    [Theory]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public void Multus_3_with_cni_version_above_040_is_rejected(string version) =>
        Expect.Error(new() { Multus = m => m.CniVersion(version) },
            CniVersionUnsupported, "lab/multus/cniVersion", value: $"cniVersion {version} ", fix: "use \"0.4.0\" or move to Multus v4");

    [Fact]
    public void Multus_3_with_an_attachment_on_cni_version_100_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.CniVersion("1.0.0") },
            CniVersionUnsupported, "lab/attachments/default/layer2-bridge/cniVersion", value: "cniVersion 1.0.0 ", fix: "use \"0.4.0\" or move to Multus v4");

    [Fact]
    public void Multus_4_with_an_attachment_on_cni_version_100_builds()
    {
        var lab = BlogLab.Build(new() { Multus = m => m.Version(MultusVersion.V4, plugin: MultusPlugin.Thin), Attachment = a => a.CniVersion("1.0.0") });

        Assert.Equal("1.0.0", Assert.Single(lab.Attachments).CniVersion);
    }

    [Fact]
    public void Multus_4_thick_with_an_attachment_on_cni_version_100_builds()
    {
        var lab = BlogLab.Build(new() { Add = b => b.Multus(m => m.Version(MultusVersion.V4)), Attachment = a => a.CniVersion("1.0.0") });

        Assert.Equal((MultusVersion.V4, MultusPlugin.Thick, "v4.3.0-thick"), (lab.Multus.Version, lab.Multus.Plugin, lab.Multus.ImageTag));
        Assert.Equal("1.0.0", Assert.Single(lab.Attachments).CniVersion);
    }

    [Fact]
    public void Cni_version_not_a_spec_version_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.CniVersion("0.5.0") },
            CniVersionUnsupported, "lab/attachments/default/layer2-bridge/cniVersion", value: "'0.5.0'", fix: "use one of 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0");

    [Theory]
    [InlineData("99-multus.conf")]
    [InlineData("multus.conf")]
    [InlineData("10-calico.conflist")]
    public void Conf_file_sorting_after_calicos_is_rejected(string name) =>
        Expect.Error(new() { Multus = m => m.ConfFile(name) },
            InvalidConfFileName, "lab/multus/confFile", value: $"'{name}' sorts after Calico's '10-calico.conflist'", fix: "use a name that sorts first, e.g. \"0-multus.conf\"");

    [Theory]
    [InlineData("multus.d/0-multus.conf")]
    [InlineData("0-multus.json")]
    [InlineData("0 multus.conf")]
    [InlineData("")]
    public void Conf_file_not_a_plain_conf_file_name_is_rejected(string name) =>
        Expect.Error(new() { Multus = m => m.ConfFile(name) },
            InvalidConfFileName, "lab/multus/confFile", value: $"'{name}'", fix: "use a plain file name ending in .conf");

    [Theory]
    [InlineData("ghcr.io/k8snetworkplumbingwg/multus-cni:v3.9.3")]
    [InlineData("v3.9.3 ")]
    [InlineData("")]
    public void Image_tag_not_a_tag_is_rejected(string tag) =>
        Expect.Error(new() { Multus = m => m.Version(MultusVersion.V3, tag) },
            InvalidImage, "lab/multus/imageTag", value: $"'{tag}'", fix: "give only the tag, e.g. \"v3.9.3\"");

    [Fact]
    public void Kubeconfig_path_relative_is_rejected() =>
        Expect.Error(new() { Multus = m => m.KubeconfigPath("multus.d/multus.kubeconfig") },
            InvalidPath, "lab/multus/kubeconfig", value: "'multus.d/multus.kubeconfig'", fix: "absolute Linux path");
}
