using GitOps.Diagnostics;
using GitOps.Kubernetes;
using GitOps.Networks;
using GitOps.Output;
using k8s.Models;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>Across the whole generated set, objects are unique per API group, kind, namespace and name, and files per path.</summary>
public sealed class GeneratedObjectNameTests
{
    [Fact]
    public void Same_kind_namespace_and_name_in_two_files_is_rejected_naming_both_files()
    {
        var set = new ManifestSet([
            new ManifestFile("a/configmap-x.yaml", [ConfigMap("kube-system", "x")]),
            new ManifestFile("b/configmap-x.yaml", [ConfigMap("kube-system", "x")]),
        ]);

        var diagnostic = Assert.Single(ObjectNames.Duplicates(set));
        Assert.Equal(DuplicateName, diagnostic.Code);
        Assert.Equal("b/configmap-x.yaml", diagnostic.Path);
        Assert.Contains("ConfigMap 'kube-system/x' is also emitted in a/configmap-x.yaml", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("give one of them another name in the model", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_object_and_a_schema_error_are_reported_together()
    {
        var nad = new NetworkAttachmentDefinition
        {
            Metadata = new V1ObjectMeta { Name = "lan", NamespaceProperty = "default" },
            Spec = new NetworkAttachmentDefinitionSpec { Config = "{ not json" },
        };
        var set = new ManifestSet([
            new ManifestFile("a/configmap-x.yaml", [ConfigMap("kube-system", "x")]),
            new ManifestFile("b/configmap-x.yaml", [ConfigMap("kube-system", "x")]),
            new ManifestFile("networks/nad-lan.yaml", [nad]),
        ]);

        var problems = LabGenerator.Check(set);

        Assert.Contains(problems, p => p.Code == DuplicateName && p.Path == "b/configmap-x.yaml");
        Assert.Contains(problems, p => p.Code.StartsWith("GITOPS3", StringComparison.Ordinal) && p.Severity == DiagnosticSeverity.Error &&
            p.Path.StartsWith("networks/nad-lan.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Same_name_in_another_namespace_or_of_another_kind_is_accepted()
    {
        var set = new ManifestSet([
            new ManifestFile("a.yaml", [ConfigMap("kube-system", "x"), ConfigMap("default", "x")]),
            new ManifestFile("b.yaml", [new V1Secret { ApiVersion = "v1", Kind = "Secret", Metadata = new V1ObjectMeta { Name = "x", NamespaceProperty = "kube-system" } }]),
        ]);

        Assert.Empty(ObjectNames.Duplicates(set));
    }

    [Fact]
    public void Two_attachments_whose_file_names_collide_are_rejected_not_thrown()
    {
        var exception = Assert.Throws<LabValidationException>(() => LabGenerator.GenerateSet(BlogLab.Build(new()
        {
            Add = b => b.Attachment("default-layer2/bridge", a => a.Network("lan").Bridge("cni0").Dhcp()),
        })));

        var diagnostic = Assert.Single(exception.Diagnostics);
        Assert.Equal(DuplicateName, diagnostic.Code);
        Assert.Equal("networks/networkattachmentdefinition-default-layer2-bridge.yaml", diagnostic.Path);
        Assert.Contains("default/layer2-bridge", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("default-layer2/bridge", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("rename one of them in the model", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_workloads_whose_file_names_collide_are_rejected_not_thrown()
    {
        var exception = Assert.Throws<LabValidationException>(() => LabGenerator.GenerateSet(BlogLab.Build(new()
        {
            Add = b => b.Workload("smarthome-homeassistant/x", w => w.Image("docker.io/library/busybox:1"))
                .Workload("smarthome/homeassistant-x", w => w.Image("docker.io/library/busybox:1")),
        })));

        var diagnostic = Assert.Single(exception.Diagnostics);
        Assert.Equal(DuplicateName, diagnostic.Code);
        Assert.Equal("workloads/deployment-smarthome-homeassistant-x.yaml", diagnostic.Path);
    }

    private static V1ConfigMap ConfigMap(string ns, string name) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
    };
}
