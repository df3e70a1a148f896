using GitOps.Diagnostics;
using GitOps.Output;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>Negative tests for the CNI family: configs inside NetworkAttachmentDefinitions and the Multus ConfigMap.</summary>
public sealed class CniSchemaTests
{
    private const string File = "networks/layer2.yaml";

    private const string Config = """
        {
          "cniVersion": "0.4.0",
          "name": "dhcp-cni-network",
          "plugins": [
            {
              "type": "bridge",
              "bridge": "cni0",
              "isDefaultGateway": false,
              "ipam": {
                "type": "dhcp",
                "provide": [ { "option": "12", "fromArg": "K8S_POD_NAME" } ]
              }
            },
            {
              "type": "route-fix",
              "multicast": true,
              "broadcast": true,
              "removeDefaultRoute": true,
              "routes": [ { "dst": "192.168.10.0/24", "gw": "192.168.2.1" } ]
            }
          ]
        }
        """;

    private static string Nad(string config) =>
        "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: layer2-bridge\n  namespace: default\nspec:\n  config: |\n"
        + string.Join("\n", config.Split('\n').Select(l => "    " + l)) + "\n";

    private static ManifestFile MultusDaemonSet(string tag) => ValidationHarness.FileFromYaml("multus/daemonset.yaml", $"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: kube-multus-ds
          namespace: kube-system
        spec:
          selector:
            matchLabels:
              name: multus
          template:
            metadata:
              labels:
                name: multus
            spec:
              containers:
              - name: kube-multus
                image: ghcr.io/k8snetworkplumbingwg/multus-cni:{tag}
        """);

    private static IReadOnlyList<Diagnostic> ValidateConfig(string config) => ValidationHarness.ValidateYaml(File, Nad(config));

    [Fact]
    public void The_baseline_attachment_is_valid()
    {
        Assert.Empty(ValidateConfig(Config));
    }

    [Fact]
    public void Plugin_without_type_is_rejected()
    {
        var diagnostics = ValidateConfig(Config.Replace("\"type\": \"route-fix\",", ""));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.CniMissingField, error.Code);
        Assert.Equal(File + "#/spec/config/plugins/1/type", error.Path);
        Assert.Contains("required field 'type' is missing", error.Message);
    }

    [Fact]
    public void CniVersion_1_0_0_under_Multus_3_9_3_is_rejected()
    {
        var nad = ValidationHarness.FileFromYaml(File, Nad(Config.Replace("0.4.0", "1.0.0")));

        var diagnostics = ValidationHarness.Validate(nad, MultusDaemonSet("v3.9.3"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.CniVersionUnsupportedByMultus, error.Code);
        Assert.Equal(File + "#/spec/config/cniVersion", error.Path);
        Assert.Contains("cniVersion \"1.0.0\" cannot be read by Multus 3.9.3", error.Message);
    }

    [Fact]
    public void CniVersion_1_0_0_under_Multus_4_is_accepted()
    {
        var nad = ValidationHarness.FileFromYaml(File, Nad(Config.Replace("0.4.0", "1.0.0")));

        Assert.Empty(ValidationHarness.Validate(nad, MultusDaemonSet("v4.1.0")));
    }

    [Fact]
    public void CniVersion_that_no_spec_defines_is_rejected()
    {
        var error = Assert.Single(ValidateConfig(Config.Replace("0.4.0", "0.5.0")));

        Assert.Equal(DiagnosticCodes.CniInvalidValue, error.Code);
        Assert.Equal(File + "#/spec/config/cniVersion", error.Path);
        Assert.Contains("0.4.0", error.Message);
    }

    [Fact]
    public void Bridge_field_typo_is_an_unknown_field_with_a_suggestion()
    {
        var error = Assert.Single(ValidateConfig(Config.Replace("isDefaultGateway", "isDefaultGatway")));

        Assert.Equal(DiagnosticCodes.CniUnknownField, error.Code);
        Assert.Equal(File + "#/spec/config/plugins/0/isDefaultGatway", error.Path);
        Assert.Contains("did you mean 'isDefaultGateway'?", error.Message);
    }

    [Fact]
    public void Route_fix_destination_must_be_a_cidr()
    {
        var error = Assert.Single(ValidateConfig(Config.Replace("192.168.10.0/24", "192.168.10.0")));

        Assert.Equal(DiagnosticCodes.CniInvalidValue, error.Code);
        Assert.Equal(File + "#/spec/config/plugins/1/routes/0/dst", error.Path);
        Assert.Contains("is not a CIDR", error.Message);
    }

    [Fact]
    public void Dhcp_option_must_be_a_string_as_the_dhcp_plugin_decodes_it()
    {
        var error = Assert.Single(ValidateConfig(Config.Replace("\"option\": \"12\"", "\"option\": 12")));

        Assert.Equal(DiagnosticCodes.CniInvalidValue, error.Code);
        Assert.Equal(File + "#/spec/config/plugins/0/ipam/provide/0/option", error.Path);
        Assert.Contains("12 is a number, expected string", error.Message);
    }

    [Fact]
    public void Ipam_with_fields_but_no_type_is_rejected()
    {
        var error = Assert.Single(ValidateConfig(Config.Replace("\"type\": \"dhcp\",", "")));

        Assert.Equal(DiagnosticCodes.CniMissingField, error.Code);
        Assert.Equal(File + "#/spec/config/plugins/0/ipam/type", error.Path);
    }

    [Fact]
    public void Empty_ipam_means_layer_2_only_and_is_valid()
    {
        var layer2 = Config.Replace("""
                "type": "dhcp",
                "provide": [ { "option": "12", "fromArg": "K8S_POD_NAME" } ]
            """, "");

        Assert.Empty(ValidateConfig(layer2));
    }

    [Fact]
    public void Bridge_vlan_out_of_range_names_the_limit()
    {
        var error = Assert.Single(ValidateConfig(Config.Replace("\"bridge\": \"cni0\",", "\"bridge\": \"cni0\", \"vlan\": 5000,")));

        Assert.Equal(DiagnosticCodes.CniInvalidValue, error.Code);
        Assert.Equal(File + "#/spec/config/plugins/0/vlan", error.Path);
        Assert.EndsWith("5000 is above the maximum 4094.", error.Message);
    }

    [Fact]
    public void Bandwidth_subnet_filters_that_upstream_reverted_are_unknown_fields()
    {
        // shapedSubnets/unshapedSubnets were in containernetworking/plugins v1.5.x only (reverted in v1.6.0,
        // d44bbf28): the plugins we support ignore them, so both are reported, each with the plugin's fields.
        var config = Config.Replace("\"type\": \"route-fix\",", "\"type\": \"bandwidth\", \"shapedSubnets\": [\"10.0.0.0/8\"], \"unshapedSubnets\": [\"192.168.0.0/16\"],")
            .Replace(",\n      \"routes\": [ { \"dst\": \"192.168.10.0/24\", \"gw\": \"192.168.2.1\" } ]", "")
            .Replace("\"multicast\": true,\n      \"broadcast\": true,\n      \"removeDefaultRoute\": true", "\"ingressRate\": 1000");

        var diagnostics = ValidateConfig(config);

        Assert.Equal(
            [
                (DiagnosticCodes.CniUnknownField, File + "#/spec/config/plugins/1/shapedSubnets"),
                (DiagnosticCodes.CniUnknownField, File + "#/spec/config/plugins/1/unshapedSubnets"),
            ],
            diagnostics.Select(d => (d.Code, d.Path)).ToArray());
        Assert.All(diagnostics, d => Assert.Contains("ingressRate", d.Message));
    }

    [Fact]
    public void Plugin_type_without_a_schema_is_only_a_warning()
    {
        var warning = Assert.Single(ValidateConfig(Config.Replace("\"type\": \"route-fix\",", "\"type\": \"sbr\",").Replace(",\n      \"routes\": [ { \"dst\": \"192.168.10.0/24\", \"gw\": \"192.168.2.1\" } ]", "")));

        Assert.Equal(DiagnosticCodes.NoSchemaForCniPlugin, warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(File + "#/spec/config/plugins/1/type", warning.Path);
    }

    [Fact]
    public void Config_that_is_not_json_reports_where_it_breaks()
    {
        var error = Assert.Single(ValidateConfig(Config.Replace("\"bridge\": \"cni0\",", "\"bridge\": \"cni0\"")));

        Assert.Equal(DiagnosticCodes.CniConfigNotJson, error.Code);
        Assert.Equal(File + "#/spec/config", error.Path);
        Assert.Contains("line 8", error.Message);
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
              "cniVersion": "0.3.1",
              "delegates": [
                {
                  "cniVersion": "0.3.1",
                  "name": "calico-network",
                  "plugins": [
                    { "type": "calico", "datastore_type": "kubernetes", "ipam": { "type": "calico-ipam", "assign_ipv4": "true" } },
                    { "type": "portmap", "snat": true, "capabilities": { "portMappings": true } }
                  ]
                }
              ],
              "kubeconfig": "/etc/cni/net.d/multus.d/multus.kubeconfig"
            }
        """;

    [Fact]
    public void Multus_configmap_baseline_is_valid_and_its_delegates_are_checked()
    {
        Assert.Empty(ValidationHarness.ValidateYaml("multus/configmap.yaml", MultusConfigMap));

        ValidationHarness.OneProblem("multus/configmap.yaml", MultusConfigMap.Replace("\"assign_ipv4\": \"true\"", "\"assign_ipv4\": true"), DiagnosticCodes.CniInvalidValue, "multus/configmap.yaml#/data/cni-conf.json/delegates/0/plugins/0/ipam/assign_ipv4");
    }

    [Fact]
    public void Multus_config_without_delegates_or_clusterNetwork_is_rejected()
    {
        var yaml = MultusConfigMap.Replace("\"delegates\"", "\"delegatez\"");

        var diagnostics = ValidationHarness.ValidateYaml("multus/configmap.yaml", yaml);

        Assert.Equal(
            [
                (DiagnosticCodes.CniMissingField, "multus/configmap.yaml#/data/cni-conf.json/delegates"),
                (DiagnosticCodes.CniUnknownField, "multus/configmap.yaml#/data/cni-conf.json/delegatez"),
            ],
            diagnostics.Select(d => (d.Code, d.Path)).ToArray());
    }

    [Fact]
    public void Multus_clusterNetwork_and_delegates_are_exclusive()
    {
        var yaml = MultusConfigMap.Replace("\"delegates\": [", "\"clusterNetwork\": \"calico\",\n      \"delegates\": [");

        var error = ValidationHarness.OneProblem("multus/configmap.yaml", yaml, DiagnosticCodes.CniInvalidValue, "multus/configmap.yaml#/data/cni-conf.json");
        Assert.Contains("'delegates' is not allowed together", error.Message);
    }

    [Fact]
    public void Multus_delegate_cniVersion_is_checked_against_the_deployed_multus()
    {
        var configMap = ValidationHarness.FileFromYaml("multus/configmap.yaml", MultusConfigMap.Replace("\"cniVersion\": \"0.3.1\",\n          \"name\": \"calico-network\"", "\"cniVersion\": \"1.0.0\",\n          \"name\": \"calico-network\""));

        var error = Assert.Single(ValidationHarness.Validate(configMap, MultusDaemonSet("v3.9.3")));

        Assert.Equal(DiagnosticCodes.CniVersionUnsupportedByMultus, error.Code);
        Assert.Equal("multus/configmap.yaml#/data/cni-conf.json/delegates/0/cniVersion", error.Path);
    }
}
