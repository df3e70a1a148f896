using GitOps.Diagnostics;
using GitOps.Tests.Support;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>
/// The whereabouts IPAM schema (Schemas/Cni/ipam-whereabouts.schema.json) accepts whereabouts' own README examples
/// and the library's output, and names a key whereabouts would silently drop.
/// </summary>
public sealed class WhereaboutsSchemaTests
{
    [Theory]
    [InlineData("README.md__L93.yaml")]
    [InlineData("README.md__L202.yaml")]
    [InlineData("README.md__L305.yaml")]
    public void Upstreams_readme_nads_have_valid_whereabouts_ipam(string corpusFile)
    {
        var yaml = UpstreamFiles.Read("corpus/whereabouts/" + corpusFile);
        var diagnostics = ValidationHarness.ValidateYaml("nad.yaml", yaml);
        // The examples use macvlan, a plugin with no schema here: only that warning, nothing about the ipam.
        var unexpected = diagnostics.Where(d => !(d.Code == DiagnosticCodes.NoSchemaForCniPlugin && d.Message.Contains("'macvlan'", StringComparison.Ordinal))).ToArray();
        Assert.True(unexpected.Length == 0, ValidationHarness.Show(unexpected));
    }

    [Fact]
    public void The_librarys_whereabouts_nad_validates_without_any_remark()
    {
        var lab = BlogLab.Build(new() { Attachment = a => a.Whereabouts("192.168.2.128/26", w => w.RangeStart("192.168.2.130").Exclude("192.168.2.140/30").Gateway("192.168.2.1").NetworkName("lan-pods")) });
        var nad = LabGenerator.GenerateRendered(lab).Single(f => f.RelativePath.StartsWith("networks/networkattachmentdefinition-", StringComparison.Ordinal));
        var yaml = System.Text.Encoding.UTF8.GetString(nad.Content);
        var diagnostics = ValidationHarness.ValidateYaml("nad.yaml", yaml);
        Assert.True(diagnostics.Count == 0, ValidationHarness.Show(diagnostics));
    }

    [Fact]
    public void A_camel_case_range_start_whereabouts_would_drop_is_an_error()
    {
        const string Nad = """
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata:
              name: wb
            spec:
              config: '{"cniVersion":"0.4.0","name":"wb","plugins":[{"type":"bridge","bridge":"cni0","ipam":{"type":"whereabouts","range":"192.168.2.128/26","rangeStart":"192.168.2.130"}}]}'
            """;
        var errors = ValidationHarness.ValidateYaml("nad.yaml", Nad).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        var error = Assert.Single(errors);
        Assert.Contains("rangeStart", error.Path + error.Message, StringComparison.Ordinal);
    }
}
