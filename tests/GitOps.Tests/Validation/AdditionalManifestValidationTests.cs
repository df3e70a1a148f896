using GitOps.Diagnostics;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>
/// The Rancher Cluster's additionalManifest is objects K3s will apply, carried as text: the validator reads it back
/// and validates each object against its schema, reporting <c>&lt;file&gt;#additionalManifest#&lt;pointer&gt;</c>.
/// </summary>
public sealed class AdditionalManifestValidationTests
{
    private const string Cluster = """
        apiVersion: provisioning.cattle.io/v1
        kind: Cluster
        metadata:
          name: example
          namespace: fleet-default
        spec:
          kubernetesVersion: v1.33.5+k3s1
          rkeConfig:
            machineGlobalConfig:
              flannel-backend: none
            additionalManifest: |
              apiVersion: helm.cattle.io/v1
              kind: HelmChart
              metadata:
                name: tigera-operator
                namespace: kube-system
              spec:
                chart: tigera-operator
                bootstrap: BOOTSTRAP
        """;

    [Fact]
    public void A_valid_embedded_helm_chart_passes()
    {
        var diagnostics = ValidationHarness.ValidateYaml("rancher-local/cluster-example.yaml", Cluster.Replace("BOOTSTRAP", "true", StringComparison.Ordinal));
        Assert.True(diagnostics.Count == 0, ValidationHarness.Show(diagnostics));
    }

    [Fact]
    public void A_wrong_type_inside_the_embedded_helm_chart_is_reported_at_its_path()
    {
        var diagnostics = ValidationHarness.ValidateYaml("rancher-local/cluster-example.yaml", Cluster.Replace("BOOTSTRAP", "\"yes\"", StringComparison.Ordinal));
        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("rancher-local/cluster-example.yaml#additionalManifest#/spec/bootstrap", error.Path);
    }

    [Fact]
    public void Embedded_text_that_is_not_yaml_is_reported()
    {
        var broken = Cluster.Replace("bootstrap: BOOTSTRAP", "bootstrap: [unclosed", StringComparison.Ordinal);
        var error = Assert.Single(ValidationHarness.ValidateYaml("rancher-local/cluster-example.yaml", broken));
        Assert.Equal(DiagnosticCodes.ObjectNotValidatable, error.Code);
        Assert.Contains("additionalManifest is not YAML", error.Message);
    }

    private const string OperatorChart = """
        apiVersion: helm.cattle.io/v1
        kind: HelmChart
        metadata:
          name: tigera-operator
          namespace: kube-system
        spec:
          chart: tigera-operator
          bootstrap: true
          valuesContent: |
            installation:
              enabled: true
              calicoNetwork:
                bgp: BGP
        """;

    [Fact]
    public void The_installation_a_tigera_operator_chart_renders_is_validated_against_the_installation_crd()
    {
        // The chart renders spec: from installation: without enabled, so a wrong value there fails at build time.
        var valid = ValidationHarness.ValidateYaml("hosts/k8s-1/cni-layer.yaml", OperatorChart.Replace("BGP", "Enabled", StringComparison.Ordinal));
        Assert.True(valid.Count == 0, ValidationHarness.Show(valid));

        var wrong = ValidationHarness.ValidateYaml("hosts/k8s-1/cni-layer.yaml", OperatorChart.Replace("BGP", "true", StringComparison.Ordinal));
        var error = Assert.Single(wrong);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("hosts/k8s-1/cni-layer.yaml#valuesContent/installation#/spec/calicoNetwork/bgp", error.Path);
    }

    [Fact]
    public void The_sample_s_chart_installation_is_validated_and_valid()
    {
        var set = LabGenerator.Generate(HomeLab.HomeLabModel.Build());
        var diagnostics = ManifestValidator.Shared.Validate(set, new ManifestValidationOptions());
        Assert.True(diagnostics.Count == 0, ValidationHarness.Show(diagnostics));
    }
}
