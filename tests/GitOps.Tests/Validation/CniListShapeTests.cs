using System.Text.Json;
using GitOps.Diagnostics;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>
/// A CNI configuration list is evaluated once per shape (the list with its <c>name</c> set aside: every
/// NetworkAttachmentDefinition names its own), its <c>name</c> each time against the subschema the list schema applies to
/// it (<see cref="SchemaErrorReporter.EvaluateRepeatingExcept"/>). These tests hold the list schema to what makes that
/// exact, and show a wrong name or a wrong shape among many identical lists reported at its own object's path, with the
/// diagnostics a fresh evaluation gives.
/// </summary>
public sealed class CniListShapeTests
{
    private static readonly string SchemaDir = Path.Combine(RepositoryPaths.Root, "src", "GitOps", "Validation", "Schemas", "Cni");

    [Fact]
    public void The_list_schema_reads_name_only_through_properties_name()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaDir, "conflist.schema.json")));
        var root = document.RootElement;

        // Keywords at the root: none but properties/name applies a rule to the value of "name" (type, required and
        // additionalProperties read only the key names; annotations read nothing). A new keyword here (if, dependent*,
        // unevaluated*, allOf…) must be checked against EvaluateRepeatingExcept before it is added to this list.
        var keywords = root.EnumerateObject().Select(p => p.Name).Where(n => !n.StartsWith("x-gitops-", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(["$comment", "$id", "$schema", "additionalProperties", "properties", "required", "type"], keywords);
        Assert.Equal(JsonValueKind.False, root.GetProperty("additionalProperties").ValueKind);

        // No subschema refers back to the list (it would see "name" again); the plugins' schema is a separate document
        // that refers to no list either.
        var text = root.GetRawText();
        Assert.DoesNotContain("\"#\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("conflist.json", root.GetProperty("properties").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("$dynamicRef", text, StringComparison.Ordinal);
        Assert.DoesNotContain("conflist.json", File.ReadAllText(Path.Combine(SchemaDir, "plugin.schema.json")), StringComparison.Ordinal);
        Assert.DoesNotContain("conflist.json", File.ReadAllText(Path.Combine(SchemaDir, "common.schema.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_name_among_many_identical_lists_is_reported_at_its_own_path()
    {
        var files = Enumerable.Range(0, 40)
            .Select(i => ValidationHarness.FileFromYaml($"networks/n{i}.yaml", ValidationHarness.BridgeDhcpNad($"n{i}", i is 0 or 17 or 39 ? $"-bad{i}" : $"net-{i}")))
            .ToArray();

        var diagnostics = ValidationHarness.Validate(files);

        Assert.Equal(["networks/n0.yaml#/spec/config/name", "networks/n17.yaml#/spec/config/name", "networks/n39.yaml#/spec/config/name"],
            diagnostics.Select(d => d.Path));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticCodes.CniInvalidValue, d.Code));
        Assert.Contains("-bad17", diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_shape_among_many_identical_lists_is_reported_every_time()
    {
        var files = Enumerable.Range(0, 30)
            .Select(i => ValidationHarness.FileFromYaml($"networks/n{i}.yaml", ValidationHarness.BridgeDhcpNad($"n{i}", $"net-{i}", listFields: i % 10 == 5 ? " \"disableChek\": true," : "")))
            .ToArray();

        var diagnostics = ValidationHarness.Validate(files);

        Assert.Equal(["networks/n15.yaml#/spec/config/disableChek", "networks/n25.yaml#/spec/config/disableChek", "networks/n5.yaml#/spec/config/disableChek"],
            diagnostics.Select(d => d.Path).Order(StringComparer.Ordinal));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticCodes.CniUnknownField, d.Code));
    }

    [Theory]
    [InlineData("""{"cniVersion": "0.4.0", "name": "-bad", "plugins": [{"type": "bridge"}]}""")]
    [InlineData("""{"cniVersion": "0.4.0", "name": 7, "plugins": [{"type": "bridge"}]}""")]
    [InlineData("""{"cniVersion": "9.9.9", "name": "good", "plugins": [{"type": "bridge"}]}""")]
    [InlineData("""{"cniVersion": "0.4.0", "plugins": [{"type": "bridge"}]}""")]
    [InlineData("""{"cniVersion": "0.4.0", "name": "good", "plugins": []}""")]
    public void After_the_shape_is_known_valid_the_diagnostics_are_those_of_a_fresh_evaluation(string list)
    {
        var catalog = new SchemaCatalog();
        var remembering = new SchemaErrorReporter(catalog);
        using var known = JsonDocument.Parse("""{"cniVersion": "0.4.0", "name": "other", "plugins": [{"type": "bridge"}]}""");
        using var instance = JsonDocument.Parse(list);
        var first = new List<Diagnostic>();
        remembering.EvaluateRepeatingExcept(catalog.CniConfList, catalog.CniListNameSetAside, known.RootElement, SchemaFamily.Cni, ReportPath.Of("a"), ObjectSubject.Named("a"), first);
        Assert.Empty(first);
        Assert.True(remembering.IsKnownValidShape(catalog.CniConfList, catalog.CniListNameSetAside, known.RootElement));

        var remembered = new List<Diagnostic>();
        remembering.EvaluateRepeatingExcept(catalog.CniConfList, catalog.CniListNameSetAside, instance.RootElement, SchemaFamily.Cni, ReportPath.Of("b"), ObjectSubject.Named("b"), remembered);
        var fresh = new List<Diagnostic>();
        new SchemaErrorReporter(catalog).Evaluate(catalog.CniConfList, instance.RootElement, SchemaFamily.Cni, ReportPath.Of("b"), ObjectSubject.Named("b"), fresh);

        Assert.NotEmpty(fresh);
        Assert.Equal(fresh.Select(d => d.ToCanonicalString()), remembered.Select(d => d.ToCanonicalString()));
    }

    [Fact]
    public void A_list_naming_itself_twice_is_evaluated_whole_as_before()
    {
        // The shape stands for one "name" only: with two, the evaluation is the fresh one, whatever that reports.
        var catalog = new SchemaCatalog();
        var remembering = new SchemaErrorReporter(catalog);
        using var known = JsonDocument.Parse("""{"cniVersion": "0.4.0", "name": "other", "plugins": [{"type": "bridge"}]}""");
        using var twice = JsonDocument.Parse("""{"cniVersion": "0.4.0", "name": "good", "name": "-bad", "plugins": [{"type": "bridge"}]}""");
        remembering.EvaluateRepeatingExcept(catalog.CniConfList, catalog.CniListNameSetAside, known.RootElement, SchemaFamily.Cni, ReportPath.Of("a"), ObjectSubject.Named("a"), []);

        var remembered = new List<Diagnostic>();
        remembering.EvaluateRepeatingExcept(catalog.CniConfList, catalog.CniListNameSetAside, twice.RootElement, SchemaFamily.Cni, ReportPath.Of("b"), ObjectSubject.Named("b"), remembered);
        var fresh = new List<Diagnostic>();
        new SchemaErrorReporter(catalog).Evaluate(catalog.CniConfList, twice.RootElement, SchemaFamily.Cni, ReportPath.Of("b"), ObjectSubject.Named("b"), fresh);

        Assert.Equal(fresh.Select(d => d.ToCanonicalString()), remembered.Select(d => d.ToCanonicalString()));
        Assert.False(remembering.IsKnownValidShape(catalog.CniConfList, catalog.CniListNameSetAside, twice.RootElement));
    }

    [Fact]
    public void Lists_that_differ_only_by_name_share_one_remembered_shape()
    {
        var catalog = new SchemaCatalog();
        var reporter = new SchemaErrorReporter(catalog);
        using var a = JsonDocument.Parse("""{"cniVersion": "0.4.0", "name": "a", "plugins": [{"type": "bridge"}]}""");
        using var b = JsonDocument.Parse("""{"cniVersion": "0.4.0", "name": "b", "plugins": [{"type": "bridge"}]}""");
        using var other = JsonDocument.Parse("""{"cniVersion": "0.3.1", "name": "a", "plugins": [{"type": "bridge"}]}""");
        var output = new List<Diagnostic>();

        reporter.EvaluateRepeatingExcept(catalog.CniConfList, catalog.CniListNameSetAside, a.RootElement, SchemaFamily.Cni, ReportPath.Of("a"), ObjectSubject.Named("a"), output);

        Assert.Empty(output);
        Assert.True(reporter.IsKnownValidShape(catalog.CniConfList, catalog.CniListNameSetAside, b.RootElement));
        Assert.False(reporter.IsKnownValidShape(catalog.CniConfList, catalog.CniListNameSetAside, other.RootElement));
        Assert.False(reporter.IsKnownValidShape(catalog.CniConfList, [new SetAside(["cniVersion"], catalog.CniConfList)], a.RootElement)); // per value set aside
    }

    [Fact]
    public void The_list_name_is_decided_by_its_pattern_exactly_as_the_schema_decides_it()
    {
        // A set-aside list name is checked with the regular expression of the schema's "pattern" (SetAside.PatternPer), not
        // by an evaluation: the subschema must be only that pattern, and the expression must accept exactly what
        // JsonSchema.Net's evaluation accepts, on strings chosen to tell regular-expression dialects apart.
        var catalog = new SchemaCatalog();
        var name = Assert.Single(catalog.CniListNameSetAside);
        Assert.NotNull(name.Pattern);
        using var common = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaDir, "common.schema.json")));
        var networkName = common.RootElement.GetProperty("$defs").GetProperty("networkName");
        Assert.Equal(networkName.GetProperty("pattern").GetString(), name.Pattern!.ToString());

        string[] names =
        [
            "a", "net-1", "A.b_c-9", "0", "-bad", "_x", ".x", "", " ", "a b", "a/b", "a\n", "net\n", "\nnet", "a\r", "é", "aé",
            "\u0661", "a\u0661", "K", "\u212A", "a\u0000", "a:b", "a\tb", "ab-", "a..b", new string('x', 300),
        ];
        foreach (var value in names)
        {
            using var instance = StringDocument(value);
            Assert.Equal(name.Schema.Evaluate(instance.RootElement, SchemaErrorReporter.FlagOptions).IsValid, name.Pattern.IsMatch(value));
        }

        string[] notOnlyAPattern =
        [
            """{"type": "string", "pattern": "^a$", "maxLength": 3}""", """{"type": "string", "pattern": "^a$", "format": "ipv4"}""",
            """{"pattern": "^a$"}""", """{"type": ["string"], "pattern": "^a$"}""", """{"type": "string"}""", """{"$ref": "#/$defs/x", "pattern": "^a$"}""",
            """{"type": "string", "pattern": "^a$", "enum": ["a"]}""",
        ];
        Assert.All(notOnlyAPattern, raw => Assert.Null(SetAside.PatternPer(JsonDocument.Parse(raw).RootElement)));
        Assert.NotNull(SetAside.PatternPer(JsonDocument.Parse("""{"$comment": "c", "type": "string", "pattern": "^a$", "description": "d"}""").RootElement));
    }

    private static JsonDocument StringDocument(string value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(value);
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }
}
