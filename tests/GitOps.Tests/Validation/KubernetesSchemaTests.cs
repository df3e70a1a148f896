using GitOps.Diagnostics;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>Negative tests for the Kubernetes families: built-ins (OpenAPI 1.35) and custom resources (CRDs).</summary>
public sealed class KubernetesSchemaTests
{
    private const string Installation = """
        apiVersion: operator.tigera.io/v1
        kind: Installation
        metadata:
          name: default
        spec:
          variant: Calico
          calicoNetwork:
            bgp: Enabled
            ipPools:
            - cidr: 192.168.7.0/24
              blockSize: 26
              encapsulation: None
              natOutgoing: Disabled
            nodeAddressAutodetectionV4:
              interface: ^eth1$
        """;

    private const string DaemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
          namespace: kube-system
        spec:
          selector:
            matchLabels:
              app: agent
          template:
            metadata:
              labels:
                app: agent
            spec:
              containers:
              - name: agent
                image: registry.example/agent:1.0
                resources:
                  requests:
                    memory: 50Mi
        """;

    [Fact]
    public void The_baseline_objects_are_valid()
    {
        Assert.Empty(ValidationHarness.ValidateYaml("calico/installation.yaml", Installation));
        Assert.Empty(ValidationHarness.ValidateYaml("agent/daemonset.yaml", DaemonSet));
    }

    [Fact]
    public void Crd_unknown_field_is_rejected_with_its_path()
    {
        var diagnostics = ValidationHarness.ValidateYaml("calico/installation.yaml", Installation.Replace("    bgp: Enabled", "    bgp: Enabled\n    bogus: 1"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.KubernetesUnknownField, error.Code);
        Assert.Equal("calico/installation.yaml#/spec/calicoNetwork/bogus", error.Path);
        Assert.StartsWith("Installation default: unknown field 'bogus'", error.Message);
        Assert.Contains("bgp", error.Message); // lists the known fields
    }

    [Fact]
    public void Crd_unknown_field_close_to_a_known_one_suggests_it()
    {
        var diagnostics = ValidationHarness.ValidateYaml("calico/installation.yaml", Installation.Replace("natOutgoing:", "natOutgoin:"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.KubernetesUnknownField, error.Code);
        Assert.Equal("calico/installation.yaml#/spec/calicoNetwork/ipPools/0/natOutgoin", error.Path);
        Assert.Contains("did you mean 'natOutgoing'?", error.Message);
    }

    [Fact]
    public void Crd_wrong_enum_value_is_rejected_with_the_allowed_values()
    {
        var diagnostics = ValidationHarness.ValidateYaml("calico/installation.yaml", Installation.Replace("encapsulation: None", "encapsulation: Nonee"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.KubernetesInvalidValue, error.Code);
        Assert.Equal("calico/installation.yaml#/spec/calicoNetwork/ipPools/0/encapsulation", error.Path);
        Assert.Contains("\"Nonee\" is not an allowed value", error.Message);
        Assert.Contains("use 'None'", error.Message);
        Assert.Contains("VXLANCrossSubnet", error.Message);
    }

    [Fact]
    public void Crd_boolean_where_the_enum_wants_Enabled_reports_one_type_error_with_the_values()
    {
        var diagnostics = ValidationHarness.ValidateYaml("calico/installation.yaml", Installation.Replace("bgp: Enabled", "bgp: true"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.KubernetesInvalidValue, error.Code);
        Assert.Equal("calico/installation.yaml#/spec/calicoNetwork/bgp", error.Path);
        Assert.Contains("true is a boolean, expected string", error.Message);
        Assert.Contains("use one of Enabled, Disabled", error.Message);
    }

    [Fact]
    public void Every_problem_of_an_object_is_reported_not_only_the_first()
    {
        var yaml = Installation
            .Replace("bgp: Enabled", "bgp: true")
            .Replace("encapsulation: None", "encapsulation: Nonee")
            .Replace("variant: Calico", "variant: Calico\n  bogus: x");

        var diagnostics = ValidationHarness.ValidateYaml("calico/installation.yaml", yaml);

        Assert.Equal(
            [
                ("calico/installation.yaml#/spec/bogus", DiagnosticCodes.KubernetesUnknownField),
                ("calico/installation.yaml#/spec/calicoNetwork/bgp", DiagnosticCodes.KubernetesInvalidValue),
                ("calico/installation.yaml#/spec/calicoNetwork/ipPools/0/encapsulation", DiagnosticCodes.KubernetesInvalidValue),
            ],
            diagnostics.Select(d => (d.Path, d.Code)).ToArray());
    }

    [Fact]
    public void Crd_metadata_is_validated_as_ObjectMeta()
    {
        var diagnostics = ValidationHarness.ValidateYaml("calico/installation.yaml", Installation.Replace("  name: default", "  name: default\n  lables:\n    a: b"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.KubernetesUnknownField, error.Code);
        Assert.Equal("calico/installation.yaml#/metadata/lables", error.Path);
        Assert.Contains("did you mean 'labels'?", error.Message);
    }

    [Fact]
    public void Builtin_missing_required_selector_is_rejected()
    {
        var yaml = DaemonSet.Replace("  selector:\n    matchLabels:\n      app: agent\n", "");

        var diagnostics = ValidationHarness.ValidateYaml("agent/daemonset.yaml", yaml);

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.KubernetesMissingField, error.Code);
        Assert.Equal("agent/daemonset.yaml#/spec/selector", error.Path);
        Assert.Equal("DaemonSet kube-system/agent: required field 'selector' is missing. Fix: set 'selector'.", error.Message);
    }

    [Fact]
    public void Builtin_unknown_field_in_a_container_is_rejected_with_a_suggestion()
    {
        var diagnostics = ValidationHarness.ValidateYaml("agent/daemonset.yaml", DaemonSet.Replace("    image:", "    imagePullPolicyy: Always\n        image:"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.KubernetesUnknownField, error.Code);
        Assert.Equal("agent/daemonset.yaml#/spec/template/spec/containers/0/imagePullPolicyy", error.Path);
        Assert.Contains("did you mean 'imagePullPolicy'?", error.Message);
    }

    [Fact]
    public void Builtin_int32_overflow_is_rejected()
    {
        var diagnostics = ValidationHarness.ValidateYaml("agent/daemonset.yaml", DaemonSet.Replace("  selector:", "  minReadySeconds: 3000000000\n  selector:"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.KubernetesInvalidValue, error.Code);
        Assert.Equal("agent/daemonset.yaml#/spec/minReadySeconds", error.Path);
        Assert.Contains("int32", error.Message);
    }

    [Fact]
    public void Builtin_quantity_that_apimachinery_cannot_parse_is_rejected()
    {
        var diagnostics = ValidationHarness.ValidateYaml("agent/daemonset.yaml", DaemonSet.Replace("memory: 50Mi", "memory: 50 Mi"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.KubernetesInvalidValue, error.Code);
        Assert.Equal("agent/daemonset.yaml#/spec/template/spec/containers/0/resources/requests/memory", error.Path);
        Assert.Contains("\"50 Mi\" does not match", error.Message);
    }

    [Fact]
    public void Builtin_int_or_string_accepts_both_and_rejects_a_boolean()
    {
        const string strategy = "  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: {0}\n  selector:";
        Assert.Empty(ValidationHarness.ValidateYaml("a.yaml", DaemonSet.Replace("  selector:", string.Format(strategy, "1"))));
        Assert.Empty(ValidationHarness.ValidateYaml("a.yaml", DaemonSet.Replace("  selector:", string.Format(strategy, "10%"))));

        var error = ValidationHarness.OneProblem("a.yaml", DaemonSet.Replace("  selector:", string.Format(strategy, "true")), DiagnosticCodes.KubernetesInvalidValue, "a.yaml#/spec/updateStrategy/rollingUpdate/maxUnavailable");
        Assert.Contains("expected integer or string", error.Message);
    }

    [Fact]
    public void Builtin_list_map_entries_must_be_unique_by_their_keys()
    {
        var twoAgents = DaemonSet.Replace("      containers:\n", "      containers:\n      - name: agent\n        image: registry.example/other:1.0\n");

        var error = ValidationHarness.OneProblem("agent/daemonset.yaml", twoAgents, DiagnosticCodes.KubernetesInvalidValue, "agent/daemonset.yaml#/spec/template/spec/containers");
        Assert.Contains("entries 0 and 1 have the same name=\"agent\"", error.Message);
        Assert.Contains("merges this list by (name)", error.Message);
    }

    [Fact]
    public void ConfigMap_data_must_be_strings()
    {
        var diagnostics = ValidationHarness.ValidateYaml("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  port: 8080\n");

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.KubernetesInvalidValue, error.Code);
        Assert.Equal("cm.yaml#/data/port", error.Path);
        Assert.Contains("8080 is a number, expected string", error.Message);
    }

    [Fact]
    public void Flux_kustomization_missing_required_fields_lists_each()
    {
        const string yaml = """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: multus
              namespace: flux-system
            spec:
              path: ./manifests/multus
            """;

        var diagnostics = ValidationHarness.ValidateYaml("flux/multus.yaml", yaml);

        Assert.Equal(
            ["flux/multus.yaml#/spec/interval", "flux/multus.yaml#/spec/prune", "flux/multus.yaml#/spec/sourceRef"],
            diagnostics.Select(d => d.Path).ToArray());
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticCodes.KubernetesMissingField, d.Code));
    }

    [Fact]
    public void Fleet_gitrepo_is_validated_against_its_crd()
    {
        const string yaml = """
            apiVersion: fleet.cattle.io/v1alpha1
            kind: GitRepo
            metadata:
              name: lab
              namespace: fleet-local
            spec:
              repo: https://git.example/lab.git
              branch: main
              paths:
              - manifests/multus
            """;
        Assert.Empty(ValidationHarness.ValidateYaml("fleet/gitrepo.yaml", yaml));

        var error = ValidationHarness.OneProblem("fleet/gitrepo.yaml", yaml.Replace("  paths:", "  path:"), DiagnosticCodes.KubernetesUnknownField, "fleet/gitrepo.yaml#/spec/path");
        Assert.Contains("did you mean 'paths'?", error.Message);
    }

    [Fact]
    public void Crd_preserve_unknown_fields_and_nullable_are_honoured()
    {
        // Fleet Bundle: helm.values preserves unknown fields (any chart values), rolloutStrategy.maxUnavailable
        // is a nullable int-or-string.
        const string yaml = """
            apiVersion: fleet.cattle.io/v1alpha1
            kind: Bundle
            metadata:
              name: calico
              namespace: fleet-local
            spec:
              helm:
                values:
                  installation:
                    calicoNetwork:
                      anything: [1, "two", {three: 3}]
              rolloutStrategy:
                maxUnavailable: null
                autoPartitionSize: 25%
            """;
        Assert.Empty(ValidationHarness.ValidateYaml("fleet/bundle.yaml", yaml));

        var error = ValidationHarness.OneProblem("fleet/bundle.yaml", yaml.Replace("maxUnavailable: null", "maxUnavailable: true"), DiagnosticCodes.KubernetesInvalidValue, "fleet/bundle.yaml#/spec/rolloutStrategy/maxUnavailable");
        Assert.Contains("expected integer or string or null", error.Message);
    }

    [Fact]
    public void Fleet_yaml_is_validated_by_file_name_against_fleets_schema()
    {
        const string yaml = """
            defaultNamespace: kube-system
            dependsOn:
            - name: lab-manifests-crds
            """;
        Assert.Empty(ValidationHarness.ValidateYaml("manifests/multus/fleet.yaml", yaml));

        var error = ValidationHarness.OneProblem("manifests/multus/fleet.yaml", yaml + "\ndependson: []\n", DiagnosticCodes.KubernetesUnknownField, "manifests/multus/fleet.yaml#/dependson");
        Assert.Contains("did you mean 'dependsOn'?", error.Message);
    }

    [Fact]
    public void Fleet_yaml_documents_are_validated_by_file_name()
    {
        // The Fleet emitter hands fleet.yaml over as a typed document; the validator picks the schema by file name.
        var valid = new GitOps.Output.ManifestFile("manifests/multus/fleet.yaml", [new GitOps.Fleet.FleetYaml
        {
            DefaultNamespace = "kube-system",
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "lab" },
            DependsOn = [new GitOps.Fleet.BundleRef { Name = "lab-manifests-crds" }],
        }]);
        var invalid = ValidationHarness.FileFromYaml("manifests/calico/fleet.yaml", "defaultNamespace: kube-system\ndependson: []\n");

        var error = Assert.Single(ValidationHarness.Validate(valid, invalid));

        Assert.Equal(DiagnosticCodes.KubernetesUnknownField, error.Code);
        Assert.Equal("manifests/calico/fleet.yaml#/dependson", error.Path);
    }

    [Fact]
    public void Object_without_kind_cannot_be_validated()
    {
        var error = Assert.Single(ValidationHarness.ValidateYaml("x.yaml", "apiVersion: v1\nmetadata:\n  name: x\n"));

        Assert.Equal(DiagnosticCodes.ObjectNotValidatable, error.Code);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("x.yaml#", error.Path);
    }

    [Fact]
    public void Kind_without_a_bundled_schema_is_a_warning()
    {
        var warning = Assert.Single(ValidationHarness.ValidateYaml("x.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: x\n"));

        Assert.Equal(DiagnosticCodes.NoSchemaForKind, warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
    }
}
