using System.Text.Json.Nodes;
using GitOps.Calico;
using GitOps.Diagnostics;
using GitOps.K3s;
using GitOps.Output;
using GitOps.Rancher;
using GitOps.Validation;
using k8s.Models;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>
/// Objects carried in another object's field as YAML stay typed until render: the Rancher Cluster's additionalManifest
/// holds the CNI layer's objects, the tigera-operator HelmChart's values hold the Installation. The validator checks
/// each as an object of its own, from the typed children (not by parsing the field's text), reporting
/// <c>&lt;file&gt;#additionalManifest#&lt;pointer&gt;</c> and <c>&lt;file&gt;#valuesContent/installation#&lt;pointer&gt;</c>;
/// each child is serialized once, into the documents the renderer writes the field's text from.
/// </summary>
public sealed class AdditionalManifestValidationTests
{
    private static readonly GitOps.Topology.Lab Sample = HomeLab.HomeLabModel.Build();

    private static Installation Installation(string bgp) => new()
    {
        Metadata = new V1ObjectMeta { Name = "default" },
        Spec = new InstallationSpec
        {
            CalicoNetwork = new CalicoNetworkSpec { Bgp = bgp, IpPools = [], LinuxDataplane = "Iptables" },
            Cni = new CniSpec(),
        },
    };

    private static HelmChart OperatorChart(string bgp) => TigeraOperatorHelmChart.Build(Installation(bgp), Sample.GitOps!.TigeraOperator);

    private static ProvisioningCluster Cluster(params object[] layer) => RancherClusterEmitter.Build(Sample, Sample.GitOps!.RancherCluster!, layer);

    private static IReadOnlyList<Diagnostic> Validate(string path, object obj) => ValidationHarness.Validate(path, obj);

    [Fact]
    public void A_valid_embedded_helm_chart_passes()
    {
        var diagnostics = Validate("rancher-local/cluster-example.yaml", Cluster(OperatorChart("Enabled")));
        Assert.True(diagnostics.Count == 0, ValidationHarness.Show(diagnostics));
    }

    [Fact]
    public void A_wrong_type_inside_an_embedded_object_is_reported_at_its_path()
    {
        var chart = JsonNode.Parse("""
            {"apiVersion": "helm.cattle.io/v1", "kind": "HelmChart", "metadata": {"name": "tigera-operator", "namespace": "kube-system"},
             "spec": {"chart": "tigera-operator", "bootstrap": "yes"}}
            """)!;
        var error = Assert.Single(Validate("rancher-local/cluster-example.yaml", Cluster(chart)));
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("rancher-local/cluster-example.yaml#additionalManifest#/spec/bootstrap", error.Path);
    }

    [Fact]
    public void The_installation_a_tigera_operator_chart_renders_is_validated_against_the_installation_crd()
    {
        // The chart renders spec: from installation: without enabled, that is the Installation the values hold.
        var valid = Validate("hosts/k8s-1/cni-layer.yaml", OperatorChart("Enabled"));
        Assert.True(valid.Count == 0, ValidationHarness.Show(valid));

        var error = Assert.Single(Validate("hosts/k8s-1/cni-layer.yaml", OperatorChart("true")));
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("hosts/k8s-1/cni-layer.yaml#valuesContent/installation#/spec/calicoNetwork/bgp", error.Path);

        var nested = Assert.Single(Validate("rancher-local/cluster-example.yaml", Cluster(OperatorChart("true"))));
        Assert.Equal("rancher-local/cluster-example.yaml#additionalManifest#valuesContent/installation#/spec/calicoNetwork/bgp", nested.Path);
    }

    [Fact]
    public void Each_embedded_object_is_serialized_once_for_the_validator_and_the_writer()
    {
        var chart = OperatorChart("Enabled");
        var cluster = Cluster(chart);
        var set = new ManifestSet([new ManifestFile("rancher-local/cluster-example.yaml", [cluster])]);
        using var json = new ObjectJsonDocuments();
        Assert.Empty(ManifestValidator.Shared.Validate(set, new ManifestValidationOptions(), json));
        var rendered = YamlRenderer.Render(set, json);

        // The Cluster, the chart and the Installation: one document each, shared by the validator and the writer.
        Assert.Equal(3, json.Count);
        var text = System.Text.Encoding.UTF8.GetString(Assert.Single(rendered).Content);
        Assert.Contains("    additionalManifest: |\n      apiVersion: helm.cattle.io/v1\n      kind: HelmChart\n", text, StringComparison.Ordinal);
        Assert.Contains("        valuesContent: |\n          installation:\n            enabled: true\n            variant: Calico\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_s_chart_installation_is_validated_and_valid()
    {
        var set = LabGenerator.GenerateSet(HomeLab.HomeLabModel.Build());
        var diagnostics = ManifestValidator.Shared.Validate(set, new ManifestValidationOptions());
        Assert.True(diagnostics.Count == 0, ValidationHarness.Show(diagnostics));
    }
}
