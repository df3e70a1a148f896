using GitOps.Tests.Support;
using GitOps.Diagnostics;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>Real upstream objects are valid, so the schemas and their translation reject nothing a cluster accepts.</summary>
public sealed class UpstreamObjectsValidateTests
{
    [Theory]
    [InlineData("multus-daemonset-v3.9.3.yml")]
    [InlineData("multus-daemonset-latest.yml")]
    [InlineData("multus-daemonset-thick-latest.yml")]
    [InlineData("networks-crd.yaml")]
    [InlineData("networks-crd-from-multus-latest.yaml")]
    [InlineData("operator.tigera.io_installations.yaml")]
    [InlineData("kustomize.toolkit.fluxcd.io_kustomizations.yaml")]
    [InlineData("fleet-crd-gitrepos.yaml")]
    [InlineData("fleet-crd-bundles.yaml")]
    [InlineData("fleet-crds.yaml")]
    public void Every_object_of_the_upstream_file_validates(string upstreamFile)
    {
        var yaml = UpstreamFiles.Read(upstreamFile);
        var file = ValidationHarness.FileFromYaml("upstream/" + upstreamFile, yaml);
        Assert.NotEmpty(file.Objects);

        var diagnostics = ValidationHarness.Validate(file);

        // The only remark allowed: upstream's sample delegate uses flannel, a plugin we ship no schema for.
        var unexpected = diagnostics.Where(d => !(d.Code == DiagnosticCodes.NoSchemaForCniPlugin && d.Message.Contains("'flannel'"))).ToArray();
        Assert.True(unexpected.Length == 0, ValidationHarness.Show(unexpected));
    }

    [Fact]
    public void Multus_version_comes_from_the_daemonset_image_tag_as_the_blog_pins_it()
    {
        // Upstream's v3.9.3 manifest deploys the floating tag ":stable"; the blog pins ":v3.9.3". Its delegate
        // says 0.3.1 (valid); the same file with 1.0.0 is what Multus 3.x cannot read.
        var yaml = UpstreamFiles.Read("multus-daemonset-v3.9.3.yml");
        Assert.Contains("multus-cni:stable", yaml);
        Assert.Contains("\"cniVersion\": \"0.3.1\"", yaml);
        var pinned = yaml.Replace("multus-cni:stable", "multus-cni:v3.9.3");
        var bumped = pinned.Replace("\"cniVersion\": \"0.3.1\"", "\"cniVersion\": \"1.0.0\"");

        Assert.DoesNotContain(ValidationHarness.ValidateYaml("multus.yaml", pinned), d => d.Severity == DiagnosticSeverity.Error);
        var error = Assert.Single(ValidationHarness.ValidateYaml("multus.yaml", bumped), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(DiagnosticCodes.CniVersionUnsupportedByMultus, error.Code);
        Assert.Equal("multus.yaml#/data/cni-conf.json/delegates/0/cniVersion", error.Path);
        Assert.Contains("cannot be read by Multus 3.9.3", error.Message);
        Assert.Contains("use cniVersion \"0.4.0\"", error.Message);
    }

    [Fact]
    public void A_floating_multus_tag_skips_the_version_rule_unless_the_version_is_given()
    {
        var yaml = UpstreamFiles.Read("multus-daemonset-v3.9.3.yml")
            .Replace("\"cniVersion\": \"0.3.1\"", "\"cniVersion\": \"1.0.0\"");

        Assert.DoesNotContain(ValidationHarness.ValidateYaml("multus.yaml", yaml), d => d.Severity == DiagnosticSeverity.Error);
        var error = Assert.Single(
            ValidationHarness.ValidateYaml("multus.yaml", yaml, new GitOps.Validation.ManifestValidationOptions { MultusVersion = new Version(3, 9, 3) }),
            d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(DiagnosticCodes.CniVersionUnsupportedByMultus, error.Code);
    }
}
