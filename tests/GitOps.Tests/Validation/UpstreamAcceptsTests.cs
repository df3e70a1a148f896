using GitOps.Tests.Support;
using GitOps.Diagnostics;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>
/// Issue 12: input upstream accepts is accepted (each case of the issue, and its whole kind), and the same
/// input one step outside what upstream reads is still rejected, so none of these tests can pass by
/// accepting everything.
/// </summary>
public sealed class UpstreamAcceptsTests
{
    private const string File = "networks/nad.yaml";

    private static string Nad(string config, string name = "layer2-bridge") =>
        $"apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: {name}\n  namespace: default\nspec:\n  config: |\n"
        + string.Join("\n", config.Split('\n').Select(l => "    " + l)) + "\n";

    private const string Layer2 = """
        {
          "cniVersion": "0.4.0",
          "name": "dhcp-cni-network",
          "plugins": [
            {
              "type": "bridge",
              "bridge": "cni0",
              "ipam": {
                "type": "dhcp",
                "provide": [ { "option": "12", "fromArg": "K8S_POD_NAME" } ]
              }
            }
          ]
        }
        """;

    private static IReadOnlyList<Diagnostic> Check(string config, ManifestValidationOptions? options = null) =>
        ValidationHarness.ValidateYaml(File, Nad(config), options);

    private static ManifestValidationOptions Multus(int major, int minor, int patch) => new() { MultusVersion = new Version(major, minor, patch) };

    // --- NAD spec.config without "name": Multus fills it in from the NAD's name ---

    [Fact]
    public void Nad_config_without_a_name_is_named_by_multus_after_the_nad()
    {
        var yaml = UpstreamFiles.Read("corpus/multus-cni/docs/quickstart.md__L119.yaml");

        var upstream = ValidationHarness.ValidateYaml("quickstart.yaml", yaml);
        var unnamedList = Check(Layer2.Replace("\"name\": \"dhcp-cni-network\",", ""));
        var emptyName = Check(Layer2.Replace("\"name\": \"dhcp-cni-network\"", "\"name\": \"\""));

        // macvlan has no schema here: its warning is the only remark on multus-cni's own quickstart NAD.
        Assert.All(upstream, d => Assert.Equal(DiagnosticCodes.NoSchemaForCniPlugin, d.Code));
        Assert.Empty(unnamedList);
        Assert.Empty(emptyName);
    }

    [Fact]
    public void Configmap_conflist_without_a_name_is_still_missing_one()
    {
        // Only a NAD gets its name from Multus; a conflist in a ConfigMap is read by libcni as it is.
        var yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cni\n  namespace: kube-system\ndata:\n  10-l2.conflist: |\n"
            + string.Join("\n", Layer2.Replace("\"name\": \"dhcp-cni-network\",", "").Split('\n').Select(l => "    " + l)) + "\n";

        ValidationHarness.OneProblem("cni.yaml", yaml, DiagnosticCodes.CniMissingField, "cni.yaml#/data/10-l2.conflist/name");
    }

    // --- explicit nulls: unset for built-ins, pruned when not nullable in custom resources ---

    [Fact]
    public void Crd_with_status_conditions_null_as_calico_ships_it_is_valid()
    {
        var crd = UpstreamFiles.Read("networks-crd.yaml").TrimEnd()
            + "\nstatus:\n  acceptedNames:\n    kind: \"\"\n    plural: \"\"\n  conditions: null\n  storedVersions: null\n";

        var diagnostics = ValidationHarness.ValidateYaml("crds/nad.yaml", crd);

        Assert.True(diagnostics.Count == 0, ValidationHarness.Show(diagnostics));
    }

    private const string DaemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
          namespace: kube-system
          labels: null
        spec:
          selector:
            matchLabels:
              app: agent
          template:
            metadata:
              labels:
                app: agent
            spec:
              hostNetwork: yes
              nodeSelector: null
              containers:
              - name: agent
                image: registry.example/agent:1.0
                resources: null
        """;

    [Fact]
    public void Builtin_nulls_are_unset_but_a_required_field_set_to_null_is_missing()
    {
        Assert.Empty(ValidationHarness.ValidateYaml("ds.yaml", DaemonSet));

        ValidationHarness.OneProblem("ds.yaml", DaemonSet.Replace("  selector:\n    matchLabels:\n      app: agent\n", "  selector: null\n"), DiagnosticCodes.KubernetesMissingField, "ds.yaml#/spec/selector");

        var unknown = ValidationHarness.OneProblem("ds.yaml", DaemonSet.Replace("nodeSelector: null", "nodeSelektor: null"), DiagnosticCodes.KubernetesUnknownField, "ds.yaml#/spec/template/spec/nodeSelektor");
    }

    [Fact]
    public void Custom_resource_non_nullable_null_is_pruned_and_a_nullable_one_kept()
    {
        const string installation = """
            apiVersion: operator.tigera.io/v1
            kind: Installation
            metadata:
              name: default
            spec:
              variant: null
              calicoNetwork:
                bgp: null
                ipPools: null
            """;

        Assert.Empty(ValidationHarness.ValidateYaml("calico.yaml", installation));
        ValidationHarness.OneProblem("calico.yaml", installation.Replace("bgp: null", "bgpp: null"), DiagnosticCodes.KubernetesUnknownField, "calico.yaml#/spec/calicoNetwork/bgpp");
    }

    [Fact]
    public void Cni_config_nulls_are_unset_as_go_decodes_them()
    {
        Assert.Empty(Check(Layer2.Replace("\"bridge\": \"cni0\",", "\"bridge\": \"cni0\", \"mtu\": null, \"isGateway\": null,")));

        // A null says "unset" whatever the key, so only a misspelled key with a value is a problem.
        Assert.Empty(Check(Layer2.Replace("\"bridge\": \"cni0\",", "\"bridge\": \"cni0\", \"isGatway\": null,")));
        var error = Assert.Single(Check(Layer2.Replace("\"bridge\": \"cni0\",", "\"bridge\": \"cni0\", \"isGatway\": true,")));
        Assert.Equal(DiagnosticCodes.CniUnknownField, error.Code);
        Assert.Contains("did you mean 'isGateway'?", error.Message);
    }

    // --- Go's encoding/json matches keys to struct fields ignoring case ---

    [Fact]
    public void Plugin_keys_in_another_letter_case_are_read_as_go_reads_them()
    {
        var config = Layer2.Replace("\"bridge\": \"cni0\",", "\"Bridge\": \"cni0\", \"ISGATEWAY\": true,").Replace("\"provide\": [", "\"Priority\": 5,\n        \"provide\": [");

        Assert.Empty(Check(config));

        var typo = Assert.Single(Check(config.Replace("\"ISGATEWAY\"", "\"ISGATWAY\"")));
        Assert.Equal(DiagnosticCodes.CniUnknownField, typo.Code);
        Assert.Equal(File + "#/spec/config/plugins/0/ISGATWAY", typo.Path);
        var wrongType = Assert.Single(Check(config.Replace("\"ISGATEWAY\": true", "\"ISGATEWAY\": 1")));
        Assert.Equal(File + "#/spec/config/plugins/0/isGateway", wrongType.Path); // checked as the field Go fills
    }

    [Fact]
    public void Conflist_envelope_keys_are_read_exactly_by_libcni()
    {
        // libcni reads name/plugins from a map (conf.go ConfListFromBytes): "Name" is not the name.
        var diagnostics = ValidationHarness.ValidateYaml("cni.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cni\n  namespace: kube-system\ndata:\n  10-l2.conflist: |\n"
            + string.Join("\n", Layer2.Replace("\"name\": \"dhcp-cni-network\"", "\"Name\": \"dhcp-cni-network\"").Split('\n').Select(l => "    " + l)) + "\n");

        Assert.Equal(
            [(DiagnosticCodes.CniUnknownField, "cni.yaml#/data/10-l2.conflist/Name"), (DiagnosticCodes.CniMissingField, "cni.yaml#/data/10-l2.conflist/name")],
            diagnostics.Select(d => (d.Code, d.Path)).ToArray());
    }

    // --- host-local "usePodCidr" inside Calico's config ---

    private const string CalicoHostLocal = """
        {
          "cniVersion": "0.3.1",
          "name": "k8s-pod-network",
          "plugins": [
            {
              "type": "calico",
              "datastore_type": "kubernetes",
              "ipam": { "type": "host-local", "subnet": "usePodCidr" },
              "policy": { "type": "k8s" },
              "kubernetes": { "kubeconfig": "/etc/cni/net.d/calico-kubeconfig" }
            }
          ]
        }
        """;

    [Fact]
    public void Calico_host_local_use_pod_cidr_is_replaced_by_calico()
    {
        Assert.Empty(Check(CalicoHostLocal));
        Assert.Empty(Check(CalicoHostLocal.Replace("\"subnet\": \"usePodCidr\"", "\"subnet\": \"usepodcidr\"")));
        Assert.Empty(Check(CalicoHostLocal.Replace("\"subnet\": \"usePodCidr\"", "\"ranges\": [ [ { \"subnet\": \"usePodCidr\" } ], [ { \"subnet\": \"usePodCidrIPv6\" } ] ]")));
    }

    [Fact]
    public void Use_pod_cidr_outside_calico_is_not_a_cidr()
    {
        var bridge = CalicoHostLocal.Replace("\"type\": \"calico\",\n      \"datastore_type\": \"kubernetes\",", "\"type\": \"bridge\",")
            .Replace(",\n      \"policy\": { \"type\": \"k8s\" },\n      \"kubernetes\": { \"kubeconfig\": \"/etc/cni/net.d/calico-kubeconfig\" }", "");

        var error = Assert.Single(Check(bridge));

        Assert.Equal(DiagnosticCodes.CniInvalidValue, error.Code);
        Assert.Equal(File + "#/spec/config/plugins/0/ipam/subnet", error.Path);
    }

    // --- dhcp IPAM: request without option, priority ---

    [Fact]
    public void Dhcp_request_without_option_and_priority_are_valid()
    {
        var config = Layer2.Replace("\"provide\": [", "\"request\": [ { \"skipDefault\": true } ],\n        \"priority\": 100,\n        \"provide\": [");

        Assert.Empty(Check(config));
    }

    [Theory]
    [InlineData("\"request\": [ { \"option\": \"foo\" } ],", "/request/0/option")]
    [InlineData("\"request\": [ { \"option\": \"256\" } ],", "/request/0/option")]
    [InlineData("\"priority\": -1,", "/priority")]
    public void Dhcp_options_the_plugin_cannot_parse_are_rejected(string field, string pointer)
    {
        var error = Assert.Single(Check(Layer2.Replace("\"provide\": [", field + "\n        \"provide\": [")));

        Assert.Equal(DiagnosticCodes.CniInvalidValue, error.Code);
        Assert.Equal(File + "#/spec/config/plugins/0/ipam" + pointer, error.Path);
    }

    [Fact]
    public void Dhcp_provide_still_needs_an_option()
    {
        var error = Assert.Single(Check(Layer2.Replace("{ \"option\": \"12\", \"fromArg\": \"K8S_POD_NAME\" }", "{ \"fromArg\": \"K8S_POD_NAME\" }")));

        Assert.Equal(DiagnosticCodes.CniMissingField, error.Code);
        Assert.Equal(File + "#/spec/config/plugins/0/ipam/provide/0/option", error.Path);
    }

    // --- libcni readBool: "disableCheck": "true" ---

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("\"FALSE\"")]
    [InlineData("true")]
    public void Conflist_booleans_read_by_libcni_accept_strings(string value)
    {
        var config = Layer2.Replace("\"plugins\": [", $"\"disableCheck\": {value},\n  \"disableGC\": {value},\n  \"plugins\": [");

        Assert.Empty(Check(config));
        Assert.Empty(Check(config, Multus(4, 2, 1)));
    }

    [Fact]
    public void Conflist_boolean_string_that_is_not_a_boolean_is_rejected()
    {
        var error = Assert.Single(Check(Layer2.Replace("\"plugins\": [", "\"disableCheck\": \"yes\",\n  \"plugins\": [")));

        Assert.Equal(DiagnosticCodes.CniInvalidValue, error.Code);
        Assert.Equal(File + "#/spec/config/disableCheck", error.Path);
    }

    [Fact]
    public void Conflist_boolean_string_is_an_error_for_a_multus_whose_libcni_reads_only_booleans()
    {
        var config = Layer2.Replace("\"plugins\": [", "\"disableCheck\": \"true\",\n  \"plugins\": [");

        var old = Assert.Single(Check(config, Multus(3, 9, 3)));
        var v420 = Assert.Single(Check(config, Multus(4, 2, 0)));

        Assert.Equal(DiagnosticCodes.CniStringBooleanUnsupportedByMultus, old.Code);
        Assert.Equal(File + "#/spec/config/disableCheck", old.Path);
        Assert.Contains("libcni v0.8.1", old.Message);
        Assert.Contains("write disableCheck: true without quotes", old.Message);
        Assert.Equal(DiagnosticCodes.CniStringBooleanUnsupportedByMultus, v420.Code);
    }

    // --- YAML 1.1 as Kubernetes reads it ---

    [Fact]
    public void Yaml_1_1_booleans_are_booleans_and_quoted_ones_strings()
    {
        Assert.Empty(ValidationHarness.ValidateYaml("ds.yaml", DaemonSet.Replace("hostNetwork: yes", "hostNetwork: on")));

        ValidationHarness.OneProblem("ds.yaml", DaemonSet.Replace("hostNetwork: yes", "hostNetwork: \"yes\""), DiagnosticCodes.KubernetesInvalidValue, "ds.yaml#/spec/template/spec/hostNetwork");

        var image = Assert.Single(ValidationHarness.ValidateYaml("ds.yaml", DaemonSet.Replace("image: registry.example/agent:1.0", "image: no")));
        Assert.Equal("ds.yaml#/spec/template/spec/containers/0/image", image.Path);
        Assert.Contains("false is a boolean, expected string", image.Message);
    }

    [Fact]
    public void Yaml_merge_keys_are_applied()
    {
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: merged
              namespace: default
              labels: &common
                app: agent
                tier: node
            data:
              <<: { a: "1", b: "2" }
              b: "3"
            """;

        var diagnostics = ValidationHarness.ValidateYaml("cm.yaml", yaml);
        var unmerged = ValidationHarness.ValidateYaml("cm.yaml", yaml.Replace("<<: { a: \"1\", b: \"2\" }", "<<: { a: 1 }"));

        Assert.Empty(diagnostics);
        var error = Assert.Single(unmerged);
        Assert.Equal("cm.yaml#/data/a", error.Path); // merged in, then validated: ConfigMap data must be strings
    }

    // --- unknown IPAM types warn like unknown plugin types ---

    [Fact]
    public void Unknown_ipam_type_gets_the_unknown_plugin_warning()
    {
        var warning = Assert.Single(Check(Layer2.Replace("\"type\": \"dhcp\",\n        \"provide\": [ { \"option\": \"12\", \"fromArg\": \"K8S_POD_NAME\" } ]", "\"type\": \"whereabouts\", \"range\": \"192.168.2.0/24\"")));

        Assert.Equal(DiagnosticCodes.NoSchemaForCniPlugin, warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(File + "#/spec/config/plugins/0/ipam/type", warning.Path);
        Assert.Contains("IPAM type 'whereabouts'", warning.Message);
    }

    // --- every kind the library emits has a schema from its CRD ---

    [Fact]
    public void Calico_v3_and_crd_v1_objects_share_one_schema_in_one_set()
    {
        // projectcalico.org/v3 (Calico API server) and crd.projectcalico.org/v1 name the same generated types.
        var yaml = "apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata:\n  name: a\nspec:\n  peerIP: 192.168.3.1\n  asNumber: 64513\n---\n"
            + "apiVersion: crd.projectcalico.org/v1\nkind: BGPPeer\nmetadata:\n  name: b\nspec:\n  peerIP: 192.168.3.1\n  asNumber: 64513\n";

        Assert.Empty(ValidationHarness.ValidateYaml("bgp.yaml", yaml));
        Assert.Equal(2, ValidationHarness.ValidateYaml("bgp.yaml", yaml.Replace("peerIP", "peerIp")).Count);
    }


    [Theory]
    [InlineData("source.toolkit.fluxcd.io/v1", "GitRepository", "  interval: 1m\n  url: https://github.com/you/lab.git\n  ref:\n    branch: main\n", "  url:", "  uri:")]
    [InlineData("source.toolkit.fluxcd.io/v1", "HelmRepository", "  interval: 1h\n  url: https://charts.example\n", "  interval:", "  intervall:")]
    [InlineData("helm.toolkit.fluxcd.io/v2", "HelmRelease", "  interval: 10m\n  chart:\n    spec:\n      chart: tigera-operator\n      sourceRef:\n        kind: HelmRepository\n        name: calico\n", "      chart: tigera", "      chartt: tigera")]
    [InlineData("helm.cattle.io/v1", "HelmChart", "  chart: tigera-operator\n  repo: https://docs.tigera.io/calico/charts\n  bootstrap: true\n", "  bootstrap: true", "  bootstrap: \"true\"")]
    [InlineData("provisioning.cattle.io/v1", "Cluster", "  kubernetesVersion: v1.33.5+k3s1\n  rkeConfig:\n    machineGlobalConfig:\n      flannel-backend: none\n", "  kubernetesVersion:", "  kubernetesVersions:")]
    [InlineData("crd.projectcalico.org/v1", "BGPConfiguration", "  asNumber: 64512\n  nodeToNodeMeshEnabled: false\n", "  asNumber: 64512", "  asNumber: as64512")]
    [InlineData("crd.projectcalico.org/v1", "BGPPeer", "  peerIP: 192.168.3.1\n  asNumber: 64513\n", "  peerIP:", "  peerIp:")]
    public void Emitted_custom_resource_kinds_are_validated_against_their_crd(string apiVersion, string kind, string spec, string from, string to)
    {
        var yaml = $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: x\n  namespace: flux-system\nspec:\n{spec}";

        var valid = ValidationHarness.ValidateYaml("x.yaml", yaml);
        var broken = ValidationHarness.ValidateYaml("x.yaml", yaml.Replace(from, to));

        Assert.True(valid.Count == 0, ValidationHarness.Show(valid));
        Assert.NotEmpty(broken);
        Assert.All(broken, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.DoesNotContain(broken, d => d.Code == DiagnosticCodes.NoSchemaForKind);
    }
}
