using GitOps.Diagnostics;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>
/// The blog's own YAML, exactly as printed in the post (Data/blog-*.yaml), through the validator:
/// its known mistakes are reported with a code and the path to the spot, the rest passes.
/// </summary>
public sealed class BlogYamlTests
{
    private static IReadOnlyList<Diagnostic> ValidateBlogFile(string name) =>
        ValidationHarness.ValidateYaml("blog/" + name, File.ReadAllText(Path.Combine(RepositoryPaths.In("tests", "GitOps.Tests", "Validation", "Data"), name)));

    [Fact]
    public void Installation_canReach_eth1_is_reported_as_an_interface_name_with_the_interface_fix()
    {
        var diagnostics = ValidateBlogFile("blog-calico-installation.yaml");

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.CalicoCanReachNotAddress, error.Code);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("blog/blog-calico-installation.yaml#/spec/calicoNetwork/nodeAddressAutodetectionV4/canReach", error.Path);
        Assert.Contains("canReach 'eth1' is not an IP address or host name", error.Message);
        Assert.Contains("interface: ^eth1$", error.Message);
    }

    [Theory]
    [InlineData("blog-nad-route-override.yaml")]
    [InlineData("blog-nad-route-fix.yaml")]
    public void Network_attachment_with_a_plugin_nested_inside_the_bridge_object_is_not_json(string name)
    {
        var diagnostics = ValidateBlogFile(name);

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.CniConfigNotJson, error.Code);
        Assert.Equal($"blog/{name}#/spec/config", error.Path);
        // Line 18 of the config string opens the second plugin inside the bridge object (`}, {` after "ipam").
        Assert.True(
            error.Message.Contains("NetworkAttachmentDefinition default/layer2-bridge: spec.config is not valid JSON at line 18, position 7"),
            error.Message);
        Assert.Contains("each plugin is its own object", error.Message);
    }

    [Fact]
    public void First_network_attachment_parses_but_uses_bridge_fields_only_the_blogs_fork_reads()
    {
        var diagnostics = ValidateBlogFile("blog-nad-layer2-bridge.yaml");

        Assert.Equal(
            [
                (DiagnosticCodes.CniUnknownField, "blog/blog-nad-layer2-bridge.yaml#/spec/config/plugins/0/enableIPv6"),
                (DiagnosticCodes.CniUnknownField, "blog/blog-nad-layer2-bridge.yaml#/spec/config/plugins/0/uplinkInterface"),
            ],
            diagnostics.Select(d => (d.Code, d.Path)).ToArray());
    }

    [Fact]
    public void Multus_configmap_with_the_calico_delegate_is_valid()
    {
        var diagnostics = ValidateBlogFile("blog-multus-configmap.yaml");

        Assert.True(diagnostics.Count == 0, ValidationHarness.Show(diagnostics));
    }

    [Fact]
    public void Deployment_excerpt_lacks_what_the_api_server_requires()
    {
        // The post prints only the part that matters (the pod annotation); as a whole object it is incomplete.
        var diagnostics = ValidateBlogFile("blog-homeassistant-deployment.yaml");

        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.KubernetesMissingField && d.Path == "blog/blog-homeassistant-deployment.yaml#/spec/selector");
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticCodes.KubernetesMissingField, d.Code));
    }

    [Fact]
    public void Rancher_cluster_is_validated_against_the_provisioning_crd()
    {
        // provisioning.cattle.io/v1 Cluster has its schema from rancher/rancher's CRD (no GITOPS305 skip). The blog's
        // Cluster is valid for the CRD; what it lacks (cluster-cidr, service-cidr, the CNI layer) is a model matter.
        var name = "blog-rancher-cluster.yaml";
        var yaml = File.ReadAllText(Path.Combine(RepositoryPaths.In("tests", "GitOps.Tests", "Validation", "Data"), name));

        var diagnostics = ValidateBlogFile(name);
        var typo = ValidationHarness.ValidateYaml("blog/" + name, yaml.Replace("agentEnvVars:", "agentEnvVar:"));

        Assert.True(diagnostics.Count == 0, ValidationHarness.Show(diagnostics));
        var error = Assert.Single(typo);
        Assert.Equal(DiagnosticCodes.KubernetesUnknownField, error.Code);
        Assert.Equal("blog/blog-rancher-cluster.yaml#/spec/agentEnvVar", error.Path);
        Assert.Contains("did you mean 'agentEnvVars'?", error.Message);
    }
}
