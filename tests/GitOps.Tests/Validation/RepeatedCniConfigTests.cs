using System.Text.Json;
using GitOps.Diagnostics;
using GitOps.Output;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>
/// A CNI plugin or IPAM config found valid is not evaluated again when the same JSON comes back (the same bridge in
/// 10,000 NetworkAttachmentDefinitions), and one that fails is reported every time, at each object's own path.
/// </summary>
public sealed class RepeatedCniConfigTests
{
    [Fact]
    public void An_invalid_plugin_config_repeated_in_two_attachments_is_reported_for_each()
    {
        var diagnostics = ValidationHarness.Validate(
            ValidationHarness.FileFromYaml("networks/a.yaml", ValidationHarness.BridgeDhcpNad("a", "a", bridge: "this-bridge-name-is-too-long")),
            ValidationHarness.FileFromYaml("networks/b.yaml", ValidationHarness.BridgeDhcpNad("b", "b", bridge: "this-bridge-name-is-too-long")));

        Assert.Equal(["networks/a.yaml#/spec/config/plugins/0/bridge", "networks/b.yaml#/spec/config/plugins/0/bridge"],
            diagnostics.Select(d => d.Path).Order(StringComparer.Ordinal));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticCodes.CniInvalidValue, d.Code));
    }

    [Fact]
    public void A_valid_config_is_remembered_and_an_invalid_one_never()
    {
        var catalog = new SchemaCatalog();
        var reporter = new SchemaErrorReporter(catalog);
        var bridge = catalog.CniPlugins["bridge"];
        using var valid = JsonDocument.Parse("""{"type": "bridge", "bridge": "cni0"}""");
        using var invalid = JsonDocument.Parse("""{"type": "bridge", "bridge": "this-bridge-name-is-too-long"}""");
        var output = new List<Diagnostic>();

        reporter.EvaluateRepeating(bridge, valid.RootElement, SchemaFamily.Cni, ReportPath.Of("a"), ObjectSubject.Named("a"), output);
        reporter.EvaluateRepeating(bridge, invalid.RootElement, SchemaFamily.Cni, ReportPath.Of("a"), ObjectSubject.Named("a"), output);
        reporter.EvaluateRepeating(bridge, invalid.RootElement, SchemaFamily.Cni, ReportPath.Of("b"), ObjectSubject.Named("b"), output);

        Assert.True(reporter.IsKnownValid(bridge, valid.RootElement));
        Assert.False(reporter.IsKnownValid(bridge, invalid.RootElement));
        Assert.False(reporter.IsKnownValid(catalog.CniPlugins["macvlan"], valid.RootElement)); // per schema
        Assert.Equal(["a#/bridge", "b#/bridge"], output.Select(d => d.Path));
    }

    [Fact]
    public void A_remembered_config_is_found_by_its_exact_text_wherever_it_stands()
    {
        // The memory is keyed by the instance's JSON bytes as they stand in its document: the same text inside a larger
        // document is found; the same object written with other spacing or key order is not (it is evaluated again).
        var catalog = new SchemaCatalog();
        var reporter = new SchemaErrorReporter(catalog);
        var bridge = catalog.CniPlugins["bridge"];
        using var valid = JsonDocument.Parse("""{"type": "bridge", "bridge": "cni0"}""");
        using var nested = JsonDocument.Parse("""{"plugins": [{"type": "bridge", "bridge": "cni0"}]}""");
        using var spaced = JsonDocument.Parse("""{"type": "bridge",  "bridge": "cni0"}""");
        using var reordered = JsonDocument.Parse("""{"bridge": "cni0", "type": "bridge"}""");
        var output = new List<Diagnostic>();

        reporter.EvaluateRepeating(bridge, valid.RootElement, SchemaFamily.Cni, ReportPath.Of("a"), ObjectSubject.Named("a"), output);

        Assert.Empty(output);
        Assert.True(reporter.IsKnownValid(bridge, nested.RootElement.GetProperty("plugins")[0]));
        Assert.False(reporter.IsKnownValid(bridge, spaced.RootElement));
        Assert.False(reporter.IsKnownValid(bridge, reordered.RootElement));
    }
}
