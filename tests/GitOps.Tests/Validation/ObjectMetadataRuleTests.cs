using GitOps.Diagnostics;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>
/// GITOPS306/307: what the API server checks in <c>metadata</c> beyond the schemas (ObjectMetadataRules). Each format is
/// k8s.io/apimachinery's <c>pkg/util/validation/validation.go</c>; the objects are the kind a hand-written
/// <c>.YamlFile</c> brings (try-out 4: a ConfigMap named <c>HomeAssistant_cfg</c> was written, and the apply would fail).
/// </summary>
public sealed class ObjectMetadataRuleTests
{
    [Theory]
    [InlineData("v1", "ConfigMap", "HomeAssistant_cfg", "a DNS-1123 subdomain", "homeassistant-cfg")]
    [InlineData("v1", "ConfigMap", "-settings", "a DNS-1123 subdomain", "settings")]
    [InlineData("v1", "PersistentVolumeClaim", "Home_Assistant", "a DNS-1123 subdomain", "home-assistant")]
    [InlineData("apps/v1", "Deployment", "web..v2", "a DNS-1123 subdomain", "web.v2")]
    [InlineData("v1", "Service", "1web", "a DNS-1035 label", "my-1web")]
    [InlineData("v1", "Service", "web.internal", "a DNS-1035 label", "web-internal")]
    [InlineData("v1", "Namespace", "smart.home", "a DNS-1123 label", "smart-home")]
    public void A_name_its_kind_does_not_take_is_an_error_with_an_example(string apiVersion, string kind, string name, string format, string example)
    {
        var problem = Assert.Single(ValidationHarness.ValidateYaml("apps/x.yaml", Object(apiVersion, kind, name)));

        Assert.Equal((DiagnosticCodes.KubernetesInvalidMetadata, DiagnosticSeverity.Error, "apps/x.yaml#/metadata/name"), (problem.Code, problem.Severity, problem.Path));
        Assert.Contains($"metadata.name '{name}' is not a valid {kind} name: the API server takes {format}", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith($"Fix: e.g. '{example}'.", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1", "ConfigMap", "home-assistant.config")]
    [InlineData("apps/v1", "Deployment", "web.v2")]
    [InlineData("apps/v1", "DaemonSet", "a")]
    [InlineData("v1", "Service", "web")]
    [InlineData("rbac.authorization.k8s.io/v1", "ClusterRole", "system:controller:foo")]
    [InlineData("v1", "ServiceAccount", "x123456789x123456789x123456789x123456789x123456789x123456789x1234")]
    public void Names_the_API_server_takes_pass(string apiVersion, string kind, string name) =>
        Assert.Empty(Problems(ValidationHarness.ValidateYaml("apps/x.yaml", Object(apiVersion, kind, name))));

    [Fact]
    public void A_name_ending_in_a_line_break_is_not_taken_for_a_valid_one()
    {
        // Go's regexp $ matches only at the end of the text; .NET's $ also before a final \n.
        var problem = Assert.Single(ValidationHarness.ValidateYaml("apps/x.yaml", Object("v1", "ConfigMap", "\"settings\\n\"")));
        Assert.Equal("apps/x.yaml#/metadata/name", problem.Path);
    }

    [Fact]
    public void A_service_name_over_63_characters_is_an_error()
    {
        var name = new string('a', 64);
        Assert.Equal("apps/x.yaml#/metadata/name", Assert.Single(ValidationHarness.ValidateYaml("apps/x.yaml", Object("v1", "Service", name))).Path);
        Assert.Empty(Problems(ValidationHarness.ValidateYaml("apps/x.yaml", Object("v1", "Service", name[..63]))));
    }

    [Fact]
    public void Label_keys_and_values_and_annotation_keys_follow_the_API_servers_formats()
    {
        var yaml = Object("v1", "ConfigMap", "settings", """
              labels:
                app.kubernetes.io/name: home-assistant
                room: "home assistant!"
                bad key: x
                tier: ""
                long: "a123456789a123456789a123456789a123456789a123456789a123456789a1234"
              annotations:
                Example.com/Note: "free text is fine here!"
                "a b": x
            """);

        var problems = ValidationHarness.ValidateYaml("apps/x.yaml", yaml);

        Assert.Equal(
            ["apps/x.yaml#/metadata/annotations", "apps/x.yaml#/metadata/labels", "apps/x.yaml#/metadata/labels/long", "apps/x.yaml#/metadata/labels/room"],
            problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.All(problems, p => Assert.Equal(DiagnosticCodes.KubernetesInvalidMetadata, p.Code));
        Assert.Contains(problems, p => p.Message.Contains("the label value 'home assistant!' of 'room' is not a valid label value", StringComparison.Ordinal)
            && p.Message.Contains("Fix: e.g. 'home-assistant', or put free text in an annotation", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("the label key 'bad key' is not a qualified name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("the annotation key 'a b' is not a qualified name", StringComparison.Ordinal));
    }

    [Fact]
    public void A_namespace_that_is_not_a_DNS_1123_label_is_an_error()
    {
        var problem = Assert.Single(ValidationHarness.ValidateYaml("apps/x.yaml", Object("v1", "ConfigMap", "settings", "  namespace: Smart_Home\n")));
        Assert.Equal(("apps/x.yaml#/metadata/namespace", DiagnosticCodes.KubernetesInvalidMetadata), (problem.Path, problem.Code));
        Assert.EndsWith("Fix: e.g. 'smart-home'.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_only_the_API_server_sets_are_a_warning_and_a_null_timestamp_is_not()
    {
        var exported = Object("v1", "ConfigMap", "settings", """
              uid: 0b4f8c1e-7a1b-4c2d-9e3f-0a1b2c3d4e5f
              resourceVersion: "123456"
              creationTimestamp: "2026-12-01T10:00:00Z"
              managedFields:
              - manager: kubectl
                operation: Apply
            """);

        var warning = Assert.Single(ValidationHarness.ValidateYaml("apps/x.yaml", exported));

        Assert.Equal((DiagnosticCodes.KubernetesServerSetField, DiagnosticSeverity.Warning, "apps/x.yaml#/metadata"), (warning.Code, warning.Severity, warning.Path));
        Assert.Contains("metadata has uid, resourceVersion, managedFields, which only the API server sets", warning.Message, StringComparison.Ordinal);
        Assert.Empty(ValidationHarness.ValidateYaml("apps/x.yaml", Object("v1", "ConfigMap", "settings", "  creationTimestamp: null\n")));
    }

    private static IEnumerable<Diagnostic> Problems(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Code is DiagnosticCodes.KubernetesInvalidMetadata or DiagnosticCodes.KubernetesServerSetField);

    private static string Object(string apiVersion, string kind, string name, string metadataExtra = "") =>
        $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: {name}\n{metadataExtra}";
}
