using GitOps.Topology;
using Xunit;

namespace GitOps.Tests.Model;

/// <summary>What <see cref="YamlDocumentHeads"/> reads of each document: apiVersion, kind, metadata.name and
/// metadata.namespace (GITOPS218 matches a user's file against the generated objects with them).</summary>
public sealed class YamlDocumentHeadsTests
{
    private static (string? ApiVersion, string? Kind, string? Namespace, string? Name)[] Read(string yaml) =>
        [.. YamlDocumentHeads.Read(yaml).Select(h => (h.ApiVersion, h.Kind, h.Namespace, h.Name))];

    [Theory]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    name: not-this\n  name: web\n  namespace: home\n")]
    [InlineData("metadata: {labels: {name: not-this}, name: web, namespace: home}\nkind: Service\napiVersion: v1\n")]
    [InlineData("{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"web\", \"namespace\": \"home\"}}")]
    [InlineData("apiVersion: v1\nkind: Service\nspec:\n  template:\n    metadata:\n      name: not-this\nmetadata:\n  \"name\": web\n  namespace: 'home'\n")]
    public void Reads_the_metadata_name_and_namespace_wherever_they_stand(string yaml) =>
        Assert.Equal([("v1", "Service", "home", "web")], Read(yaml));

    [Fact]
    public void An_alias_is_a_value_of_unknown_text_and_never_shifts_keys_and_values()
    {
        // Review: an alias did not count as a value, so "namespace" was read as the name.
        Assert.Equal([("v1", "Service", "b", null)], Read("apiVersion: v1\nkind: Service\nmetadata:\n  name: &n x\n  namespace: b\n---\n" +
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: *n\n  namespace: b\n").Skip(1).ToArray());
        Assert.Equal([("v1", "ConfigMap", null, "a")], Read("data: &d {k: v}\napiVersion: v1\nother: *d\nkind: ConfigMap\nmetadata:\n  name: a\n"));
    }

    [Theory]
    [InlineData("  namespace:\n")]
    [InlineData("  namespace: ~\n")]
    [InlineData("  namespace: null\n")]
    public void A_null_namespace_is_no_namespace(string line) =>
        Assert.Equal([("v1", "Service", null, "web")], Read("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n" + line));

    [Fact]
    public void A_quoted_null_is_a_namespace_named_so() =>
        Assert.Equal([("v1", "Service", "null", "web")], Read("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: \"null\"\n"));
}
