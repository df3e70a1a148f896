using GitOps.Diagnostics;
using GitOps.Output;
using GitOps.Tests.Support;
using GitOps.Topology;
using GitOps.Validation;
using k8s.Models;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>
/// The typed path: objects straight from the generator (k8s.Models and the custom-resource classes,
/// serialized as the YAML writer does) validate, for the sample and the model's variations.
/// </summary>
public sealed class GeneratedSetsValidateTests
{
    public static TheoryData<string> Labs => new(LabsByName.Keys);

    private static readonly IReadOnlyDictionary<string, Func<Lab>> LabsByName = new Dictionary<string, Func<Lab>>
    {
        ["HomeLab"] = HomeLab.HomeLabModel.Build,
        ["MultusV4Thin"] = () => BlogLab.OneNode(multus: m => m.Version(MultusVersion.V4, plugin: MultusPlugin.Thin)),
        ["MultusDefaultThick"] = () => BlogLab.OneNode(defaultMultus: true),
        ["CalicoMovedCniDirs"] = () => BlogLab.OneNode(calico: c => c.VersionTag("v3.31.0"), extra: b => b.Cluster("example", c => c.NodeNetwork("k8s").CniBinDir("/var/lib/cni/bin").CniConfDir("/var/lib/cni/net.d"))),
        ["CalicoMtuForwardingOldRelease"] = () => BlogLab.OneNode(calico: c => c.VersionTag("v3.29.7").Mtu(8950).ContainerIpForwarding()),
        ["CalicoCanReachGateway"] = () => BlogLab.OneNode(calico: c => c.DetectNodeAddress(NodeAddress.Gateway)),
        ["StaticIpam"] = () => BlogLab.OneNode(attachment: a => a.StaticAddress("192.168.2.50/24", "192.168.2.1").Mtu(1400)),
        ["HostLocalWithExtraRoutes"] = () => BlogLab.OneNode(attachment: a => a
            .HostLocalRange("192.168.2.200", "192.168.2.220")
            .RouteFix(r => r.Multicast(false).Route("192.168.10.0/24", via: "192.168.2.1").Route("192.168.11.0/24"))),
        ["WithoutRouteFix"] = () => BlogLab.OneNode(attachment: a => a.RouteFix(false)),
        ["FleetAndFlux"] = Fleet.GitOpsLabs.FleetAndFlux,
        ["FleetPlainK3s"] = () => Fleet.GitOpsLabs.Fleet(),
        ["FluxNonDefaultCidrs"] = Fleet.GitOpsLabs.FluxNonDefaultCidrs,
        ["DualStack"] = DualStack.DualStackLabs.Build,
    };

    [Theory]
    [MemberData(nameof(Labs))]
    public void Every_generated_object_validates(string lab)
    {
        var set = LabGenerator.GenerateSet(LabsByName[lab]());
        Assert.NotEmpty(set.Files.SelectMany(f => f.Objects));

        var diagnostics = ValidationHarness.WithoutKnownUnvalidatedKinds(ManifestValidator.Shared.Validate(set));

        Assert.True(diagnostics.Count == 0, ValidationHarness.Show(diagnostics));
    }

    [Fact]
    public void Typed_kubernetes_objects_are_validated_as_serialized()
    {
        var daemonSet = new V1DaemonSet
        {
            ApiVersion = $"{V1DaemonSet.KubeGroup}/{V1DaemonSet.KubeApiVersion}",
            Kind = V1DaemonSet.KubeKind,
            Metadata = new V1ObjectMeta { Name = "agent", NamespaceProperty = "kube-system" },
            Spec = new V1DaemonSetSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "agent", Image = "registry.example/agent:1.0" }] },
                },
            },
        };

        var error = Assert.Single(ValidationHarness.Validate("agent/daemonset.yaml", daemonSet));

        Assert.Equal(DiagnosticCodes.KubernetesMissingField, error.Code);
        Assert.Equal("agent/daemonset.yaml#/spec/selector", error.Path);

        daemonSet.Spec.Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent" } };
        Assert.Empty(ValidationHarness.Validate("agent/daemonset.yaml", daemonSet));
    }

    [Fact]
    public void Typed_object_without_apiVersion_is_reported()
    {
        var error = Assert.Single(ValidationHarness.Validate("x.yaml", new V1Namespace { Metadata = new V1ObjectMeta { Name = "x" } }));

        Assert.Equal(DiagnosticCodes.ObjectNotValidatable, error.Code);
        Assert.Contains("no apiVersion", error.Message);
    }

    [Fact]
    public void Host_file_documents_are_not_objects_and_are_skipped()
    {
        var unit = new GitOps.Hosts.NetworkdUnit([], [new GitOps.Hosts.NetworkdSection("NetDev", [new GitOps.Hosts.NetworkdEntry("Name", "cni0")])]);
        Assert.Empty(ManifestValidator.Shared.Validate(new ManifestSet([new ManifestFile("hosts/k8s-1/cni0.netdev", [unit])])));
    }
}
