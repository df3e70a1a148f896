using System.Text.Json.Nodes;
using GitOps.Output;
using GitOps.Tests.Support;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Fleet;

/// <summary>
/// The day-0 objects validate against their real CRDs (../shared/upstream): the HelmChart (k3s-io/helm-controller),
/// the provisioning Cluster (rancher/rancher), and the Installation the tigera-operator chart renders from our values
/// merged over the chart's own defaults (projectcalico/calico charts/tigera-operator/values.yaml at v3.32.1).
/// </summary>
public sealed class CniLayerCrdTests
{
    private static readonly Lazy<Json.Schema.JsonSchema> HelmChartSchema = new(() => CrdJsonSchema.Load("helm-controller-helmcharts-crd.yaml", "v1"));
    private static readonly Lazy<Json.Schema.JsonSchema> ClusterSchema = new(() => CrdJsonSchema.Load("rancher-provisioning-clusters-crd.yaml", "v1"));
    private static readonly Lazy<Json.Schema.JsonSchema> InstallationSchema = new(() => CrdJsonSchema.Load("operator.tigera.io_installations.yaml", "v1"));

    private static JsonNode Cluster() =>
        YamlText.Documents(GitOpsLabs.Text(GitOpsLabs.Files(HomeLab.HomeLabModel.Build())["rancher-local/cluster-example.yaml"])).Single()!;

    private static JsonNode Chart(JsonNode cluster) =>
        YamlText.Documents((string)cluster["spec"]!["rkeConfig"]!["additionalManifest"]!).Single(d => (string?)d!["kind"] == "HelmChart" && (string?)d["metadata"]!["name"] == "tigera-operator")!;

    [Fact]
    public void Provisioning_cluster_validates_against_rancher_s_crd_and_a_typo_does_not()
    {
        var cluster = Cluster();
        Assert.Empty(CrdJsonSchema.Errors(ClusterSchema.Value, cluster));
        var broken = cluster.DeepClone();
        broken["spec"]!["rkeConfig"]!["additionalManifest"] = new JsonArray("not a string");
        Assert.NotEmpty(CrdJsonSchema.Errors(ClusterSchema.Value, broken));
    }

    [Fact]
    public void Helm_chart_validates_against_helm_controller_s_crd_and_a_typo_does_not()
    {
        var chart = Chart(Cluster());
        Assert.Empty(CrdJsonSchema.Errors(HelmChartSchema.Value, chart));
        var broken = chart.DeepClone();
        broken["spec"]!["bootstrap"] = "yes";
        Assert.NotEmpty(CrdJsonSchema.Errors(HelmChartSchema.Value, broken));
    }

    [Fact]
    public void From_calico_3_32_the_crd_chart_comes_first_at_the_same_version()
    {
        var docs = YamlText.Documents((string)Cluster()["spec"]!["rkeConfig"]!["additionalManifest"]!).Where(d => (string?)d!["kind"] == "HelmChart").ToArray();
        Assert.Equal(["calico-crds", "tigera-operator"], docs.Select(d => (string?)d!["metadata"]!["name"]));
        Assert.Equal("crd.projectcalico.org.v1", (string?)docs[0]!["spec"]!["chart"]);
        Assert.Equal((string?)docs[1]!["spec"]!["version"], (string?)docs[0]!["spec"]!["version"]);
        Assert.True((bool?)docs[0]!["spec"]!["bootstrap"]);
        Assert.Empty(CrdJsonSchema.Errors(HelmChartSchema.Value, docs[0]!));

        // Before 3.32 the operator chart carries its CRDs in crds/.
        var older = BlogLab.OneNode(calico: c => c.Version(new GitOps.Topology.CalicoVersion(3, 31, 5)), extra: l => l.GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl)));
        var layer = GitOpsLabs.Files(older).Values.Single(f => f.RelativePath.EndsWith("-cni-layer.yaml", StringComparison.Ordinal)).Objects;
        Assert.Equal(["tigera-operator"], layer.OfType<GitOps.K3s.HelmChart>().Select(h => h.Metadata.Name));
    }

    [Theory]
    [InlineData("sample")]
    [InlineData("flux-non-default")]
    public void The_installation_the_chart_renders_validates_and_equals_the_model_s(string lab)
    {
        var built = lab == "sample" ? HomeLab.HomeLabModel.Build() : GitOpsLabs.FluxNonDefaultCidrs();
        var chart = LabGenerator.GenerateSet(built).Files.SelectMany(f => f.Objects).OfType<GitOps.Rancher.ProvisioningCluster>()
            .Select(c => Chart(YamlRenderer.ToJson(c))).Concat(
                LabGenerator.GenerateSet(built).Files.Where(f => f.RelativePath.Contains("/server/manifests/", StringComparison.Ordinal))
                    .SelectMany(f => f.Objects).OfType<GitOps.K3s.HelmChart>().Where(h => h.Metadata.Name == "tigera-operator").Select(h => (JsonNode)YamlRenderer.ToJson(h)))
            .First();
        var values = YamlText.Documents((string)chart["spec"]!["valuesContent"]!).Single()!["installation"]!.AsObject();

        // What Helm renders: the chart's default installation values, ours merged over them, minus "enabled".
        var defaults = YamlText.Documents(UpstreamFiles.Read("tigera-operator-chart-values-v3.32.1.yaml")).Single()!["installation"]!.AsObject();
        var spec = Merge(defaults.DeepClone().AsObject(), values);
        Assert.True((bool)spec["enabled"]!);
        spec.Remove("enabled");
        var installation = new JsonObject
        {
            ["apiVersion"] = "operator.tigera.io/v1", ["kind"] = "Installation", ["metadata"] = new JsonObject { ["name"] = "default" }, ["spec"] = spec,
        };
        var errors = CrdJsonSchema.Errors(InstallationSchema.Value, installation);
        Assert.True(errors.Count == 0, string.Join('\n', errors));

        // One source: every key the model sets reaches the rendered Installation unchanged.
        var model = YamlRenderer.ToJson(GitOps.Calico.CalicoEmitter.Build(built))["spec"]!.AsObject();
        foreach (var (key, value) in model)
        {
            Assert.True(JsonNode.DeepEquals(value, spec[key]), $"{key}: {value?.ToJsonString()} vs {spec[key]?.ToJsonString()}");
        }
    }

    /// <summary>Helm's value merge: maps merge key by key, anything else is replaced.</summary>
    private static JsonObject Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            target[key] = target[key] is JsonObject t && value is JsonObject s ? Merge(t, s) : value?.DeepClone();
        }

        return target;
    }
}
