using System.Text.Json;
using GitOps.Diagnostics;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>
/// Every hand-written CNI schema says which upstream config struct it follows, at which versions, and how
/// strict it is (x-gitops-upstream, x-gitops-versions, x-gitops-strictness), so a schema cannot drift from the
/// plugin without the record showing it; and the plugin's reader leniency holds (case-insensitive values).
/// </summary>
public sealed class CniSchemaSourcesTests
{
    private static readonly string SchemaDir = Path.Combine(RepositoryPaths.Root, "src", "GitOps", "Validation", "Schemas", "Cni");

    public static TheoryData<string> PluginSchemas()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(SchemaDir, "*.schema.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            if (root.TryGetProperty("x-gitops-cni-plugin", out _) || root.TryGetProperty("x-gitops-cni-ipam", out _) || Path.GetFileName(file) == "conflist.schema.json")
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PluginSchemas))]
    public void Schema_records_its_upstream_source_versions_and_strictness(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaDir, file)));
        var root = document.RootElement;

        foreach (var annotation in new[] { "x-gitops-upstream", "x-gitops-versions", "x-gitops-strictness" })
        {
            Assert.True(root.TryGetProperty(annotation, out var value) && value.GetString() is { Length: > 10 }, $"{file} lacks {annotation}");
        }

        Assert.False(root.GetProperty("additionalProperties").GetBoolean(), $"{file}: every plugin schema is strict about unknown keys");
    }

    [Fact]
    public void There_is_a_schema_for_every_plugin_type_the_library_writes()
    {
        var types = PluginSchemas().Select(row => (string)row.Data).ToArray();

        Assert.Equal(
            ["bandwidth.schema.json", "bridge.schema.json", "calico.schema.json", "conflist.schema.json", "ipam-dhcp.schema.json", "ipam-host-local.schema.json",
             "ipam-static.schema.json", "ipam-whereabouts.schema.json", "ipvlan.schema.json", "macvlan.schema.json", "multus.schema.json", "portmap.schema.json", "route-fix.schema.json", "tuning.schema.json"],
            types);
    }

    private const string MultusConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: multus-cni-config
          namespace: kube-system
        data:
          cni-conf.json: |
            {
              "name": "multus-cni-network",
              "type": "multus",
              "logLevel": "Debug",
              "clusterNetwork": "k8s-pod-network",
              "kubeconfig": "/etc/cni/net.d/multus.d/multus.kubeconfig"
            }
        """;

    [Fact]
    public void Multus_log_level_is_read_in_any_letter_case_and_a_wrong_one_is_named()
    {
        Assert.Empty(ValidationHarness.ValidateYaml("multus.yaml", MultusConfigMap));

        var error = ValidationHarness.OneProblem("multus.yaml", MultusConfigMap.Replace("\"Debug\"", "\"warn\""), DiagnosticCodes.CniInvalidValue, "multus.yaml#/data/cni-conf.json/logLevel");
        Assert.Contains("\"warn\" is not one of debug, verbose, error, panic", error.Message);
    }
}
