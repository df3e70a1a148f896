using System.Text.Json;
using GitOps.Diagnostics;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>
/// A NetworkAttachmentDefinition is evaluated against its schema once per shape (the object with its
/// <c>metadata.name</c> and <c>spec.config</c> set aside, each checked on its own against the subschema there:
/// <see cref="SchemaCatalog.SetAsideForKind"/>, <see cref="SchemaErrorReporter.EvaluateRepeatingExcept"/>). These tests
/// hold the bundled definitions to what makes that exact, and show a wrong object among many alike reported at its own
/// path, with the diagnostics a fresh evaluation gives.
/// </summary>
public sealed class KindShapeTests
{
    private const string ObjectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private const string Nad = "k8s.cni.cncf.io.v1.NetworkAttachmentDefinition";

    private static string NadYaml(string name, string metadataExtra = "", string specExtra = "") => $$$"""
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          name: {{{name}}}
          namespace: default{{{metadataExtra}}}
        spec:{{{specExtra}}}
          config: '{"cniVersion": "0.4.0", "name": "net-{{{name}}}", "plugins": [{"type": "bridge", "bridge": "cni0", "ipam": {"type": "dhcp"}}]}'
        """;

    [Fact]
    public void The_definitions_read_the_set_aside_values_only_through_properties()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "GitOps", "Validation", "Schemas", "kubernetes.schema.json")));
        var defs = document.RootElement.GetProperty("$defs");
        var nad = defs.GetProperty(Nad);
        var spec = nad.GetProperty("properties").GetProperty("spec");
        var meta = defs.GetProperty(ObjectMeta);

        // On the way to metadata.name and spec.config, the only keywords are these: type, required and
        // additionalProperties read key names, properties reads each value through its own subschema. A keyword that
        // could read a set-aside value (if, dependent*, unevaluated*, allOf, patternProperties, x-kubernetes-validations…)
        // must be checked against EvaluateRepeatingExcept before it is added here.
        string[] allowed = ["additionalProperties", "description", "properties", "required", "type"];
        foreach (var (what, schema) in new[] { ("NetworkAttachmentDefinition", nad), ("its spec", spec), ("ObjectMeta", meta) })
        {
            Assert.All(schema.EnumerateObject(), keyword => Assert.True(allowed.Contains(keyword.Name), $"{what}: {keyword.Name}"));
        }

        Assert.Equal($$"""{"$ref":"#/$defs/{{ObjectMeta}}"}""", nad.GetProperty("properties").GetProperty("metadata").GetRawText());
        Assert.Equal(JsonValueKind.Object, meta.GetProperty("properties").GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Object, spec.GetProperty("properties").GetProperty("config").ValueKind);
        Assert.DoesNotContain("\"#\"", document.RootElement.GetRawText(), StringComparison.Ordinal); // nothing refers to a whole document again
    }

    [Fact]
    public void A_wrong_object_among_many_alike_is_reported_at_its_own_path()
    {
        var files = Enumerable.Range(0, 40)
            .Select(i => ValidationHarness.FileFromYaml($"networks/n{i}.yaml", i switch
            {
                7 => NadYaml($"n{i}", metadataExtra: "\n  nmae: typo"),
                21 => NadYaml($"n{i}", specExtra: "\n  confg: x"),
                33 => NadYaml($"n{i}", metadataExtra: "\n  generation: many"),
                _ => NadYaml($"n{i}"),
            }))
            .ToArray();

        var diagnostics = ValidationHarness.Validate(files);

        Assert.Equal(["networks/n21.yaml#/spec/confg", "networks/n33.yaml#/metadata/generation", "networks/n7.yaml#/metadata/nmae"],
            diagnostics.Select(d => d.Path).Order(StringComparer.Ordinal));
        Assert.Equal([DiagnosticCodes.KubernetesUnknownField, DiagnosticCodes.KubernetesInvalidValue, DiagnosticCodes.KubernetesUnknownField],
            diagnostics.OrderBy(d => d.Path, StringComparer.Ordinal).Select(d => d.Code));
    }

    [Theory]
    [InlineData("""{"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition", "metadata": {"name": 5, "namespace": "default"}, "spec": {"config": "{}"}}""")]
    [InlineData("""{"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition", "metadata": {"name": "b", "namespace": "default"}, "spec": {"config": 5}}""")]
    [InlineData("""{"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition", "metadata": {"name": "b", "namespace": 5}, "spec": {"config": "{}"}}""")]
    [InlineData("""{"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition", "metadata": {"name": "b", "namespace": "default", "nmae": "b"}, "spec": {"config": "{}"}}""")]
    [InlineData("""{"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition", "metadata": "b", "spec": {"config": "{}"}}""")]
    [InlineData("""{"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition", "metadata": {"name": "b", "namespace": "default"}, "spec": {"config": "{}", "x": 1}}""")]
    public void After_the_shape_is_known_valid_the_diagnostics_are_those_of_a_fresh_evaluation(string nad)
    {
        var catalog = new SchemaCatalog();
        var schema = catalog.ForKind("k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition")!;
        var setAside = catalog.SetAsideForKind("k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition")!;
        var remembering = new SchemaErrorReporter(catalog);
        using var known = JsonDocument.Parse("""{"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition", "metadata": {"name": "a", "namespace": "default"}, "spec": {"config": "{\"name\": \"a\"}"}}""");
        using var instance = JsonDocument.Parse(nad);
        var first = new List<Diagnostic>();
        remembering.EvaluateRepeatingExcept(schema, setAside, known.RootElement, SchemaFamily.Kubernetes, ReportPath.Of("a"), ObjectSubject.Named("a"), first);
        Assert.Empty(first);
        Assert.True(remembering.IsKnownValidShape(schema, setAside, known.RootElement));

        var remembered = new List<Diagnostic>();
        remembering.EvaluateRepeatingExcept(schema, setAside, instance.RootElement, SchemaFamily.Kubernetes, ReportPath.Of("b"), ObjectSubject.Named("b"), remembered);
        var fresh = new List<Diagnostic>();
        new SchemaErrorReporter(catalog).Evaluate(schema, instance.RootElement, SchemaFamily.Kubernetes, ReportPath.Of("b"), ObjectSubject.Named("b"), fresh);

        Assert.NotEmpty(fresh);
        Assert.Equal(fresh.Select(d => d.ToCanonicalString()), remembered.Select(d => d.ToCanonicalString()));
    }

    [Fact]
    public void Attachments_alike_but_for_name_and_config_share_one_remembered_shape()
    {
        var catalog = new SchemaCatalog();
        var schema = catalog.ForKind("k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition")!;
        var setAside = catalog.SetAsideForKind("k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition")!;
        var reporter = new SchemaErrorReporter(catalog);
        using var a = JsonDocument.Parse("""{"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition", "metadata": {"name": "a", "namespace": "default"}, "spec": {"config": "{\"name\": \"a\"}"}}""");
        using var b = JsonDocument.Parse("""{"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition", "metadata": {"name": "b", "namespace": "default"}, "spec": {"config": "{\"name\": \"b\"}"}}""");
        using var elsewhere = JsonDocument.Parse("""{"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition", "metadata": {"name": "a", "namespace": "lab"}, "spec": {"config": "{\"name\": \"a\"}"}}""");
        var output = new List<Diagnostic>();

        reporter.EvaluateRepeatingExcept(schema, setAside, a.RootElement, SchemaFamily.Kubernetes, ReportPath.Of("a"), ObjectSubject.Named("a"), output);

        Assert.Empty(output);
        Assert.Equal([["metadata", "name"], ["spec", "config"]], setAside.Select(s => s.Path.ToArray()));
        Assert.True(reporter.IsKnownValidShape(schema, setAside, b.RootElement));
        Assert.False(reporter.IsKnownValidShape(schema, setAside, elsewhere.RootElement));
        Assert.Null(catalog.SetAsideForKind("v1", "ConfigMap"));
    }

    [Fact]
    public void A_set_aside_value_skips_evaluation_only_where_its_subschema_takes_every_string()
    {
        var catalog = new SchemaCatalog();
        var setAside = catalog.SetAsideForKind("k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition")!;

        Assert.All(setAside, s => Assert.True(s.AcceptsEveryString, string.Join('.', s.Path)));
        Assert.False(Assert.Single(catalog.CniListNameSetAside).AcceptsEveryString); // a pattern: evaluated each time
        foreach (var text in new[] { "\"\"", "\"-\"", "\"a b\\n\"", "\"\u00e9\"" })
        {
            using var value = JsonDocument.Parse(text);
            Assert.All(setAside, s => Assert.True(s.Schema.Evaluate(value.RootElement, SchemaErrorReporter.FlagOptions).IsValid, text));
        }

        string[] narrower =
        [
            """{"type": "string", "pattern": "^a$"}""", """{"type": "string", "maxLength": 3}""", """{"type": ["string", "null"]}""",
            """{}""", """{"type": "string", "format": "date-time"}""", """{"$ref": "#/$defs/x"}""", """{"type": "string", "enum": ["a"]}""",
        ];
        Assert.All(narrower, raw => Assert.False(SetAside.AcceptsEveryStringPer(JsonDocument.Parse(raw).RootElement), raw));
        Assert.True(SetAside.AcceptsEveryStringPer(JsonDocument.Parse("""{"type": "string", "description": "d"}""").RootElement));
    }
}
