using System.Runtime.CompilerServices;
using GitOps.Diagnostics;
using GitOps.Tests.Model;
using GitOps.Tests.Support;
using GitOps.Topology;
using k8s.Models;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Workloads;

/// <summary>
/// GITOPS322–324: a workload's Service, ports and claims that disagree with its pods (try-out 5: each built green and
/// failed only in the cluster) are warnings at the call that brought the object in; the generation still succeeds.
/// </summary>
public sealed class WorkloadReferenceTests
{
    private const string Path = "lab/workloads/smarthome/homeassistant";

    [Fact]
    public void The_blog_workload_has_no_such_warning() =>
        Assert.DoesNotContain(Warnings(BlogLab.Build()), IsReference);

    [Fact]
    public void The_sample_lab_has_no_such_warning() =>
        Assert.DoesNotContain(Warnings(HomeLab.HomeLabModel.Build()), IsReference);

    [Fact]
    public void A_Service_selector_that_takes_none_of_the_pods_is_a_warning_at_its_Object_call()
    {
        var service = HomeLab.HomeAssistant.Service();
        service.Spec.Selector = new Dictionary<string, string> { ["app"] = "hass" };
        var line = Line() + 1;
        var warning = Single(WithObjects(w => w.Object(service)), ServiceSelectsNoPod);

        Assert.Equal($"{Path}/objects/Service/homeassistant/spec/selector", warning.Path);
        Assert.Contains("selects {app: hass}", warning.Message);
        Assert.Contains("labelled {app.kubernetes.io/name: homeassistant}", warning.Message);
        Assert.Contains("make spec.selector a subset of the pod template's labels, e.g. {app.kubernetes.io/name: homeassistant}", warning.Message);
        Assert.Equal((ThisFile(), line), (warning.File, warning.Line));
    }

    [Fact]
    public void A_Service_read_from_a_yaml_file_is_warned_about_at_its_document_in_that_file()
    {
        // Try-out 6: the warning named the .YamlFile(...) line of the lab, not the Service's place in the file.
        using var file = WorkloadObjectTests.TempYaml(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\n# the Service\napiVersion: v1\nkind: Service\nmetadata:\n  name: homeassistant\n" +
            "spec:\n  selector:\n    app: hass\n  ports:\n  - port: 8123\n");
        var warning = Single(WithObjects(w => w.YamlFile(file.Path)), ServiceSelectsNoPod);

        Assert.Equal((file.Path, 7), (warning.File, warning.Line));
    }

    [Fact]
    public void A_selector_with_one_label_more_than_the_pods_carry_takes_none_of_them()
    {
        var service = HomeLab.HomeAssistant.Service();
        service.Spec.Selector["tier"] = "web";
        Single(WithCompanions(service), ServiceSelectsNoPod);
    }

    [Fact]
    public void A_Service_without_a_selector_or_of_type_ExternalName_is_not_read()
    {
        var manual = HomeLab.HomeAssistant.Service();
        manual.Spec.Selector = null;
        var external = HomeLab.HomeAssistant.Service();
        external.Metadata.Name = "upstream";
        external.Spec = new V1ServiceSpec { Type = "ExternalName", ExternalName = "ha.example.org", Selector = new Dictionary<string, string> { ["app"] = "x" } };

        Assert.DoesNotContain(Warnings(WithCompanions(manual)), IsReference);
        Assert.DoesNotContain(Warnings(WithCompanions(HomeLab.HomeAssistant.Service(), external)), IsReference);
    }

    [Fact]
    public void A_targetPort_name_no_container_declares_is_a_warning_with_the_declared_names()
    {
        var service = HomeLab.HomeAssistant.Service();
        service.Spec.Ports[0].TargetPort = "web";
        var warning = Single(WithCompanions(service), ServiceTargetPortUnknown);

        Assert.Equal($"{Path}/objects/Service/homeassistant/spec/ports/http/targetPort", warning.Path);
        Assert.Contains("targetPort 'web' (TCP) names no port of the selected pods' containers (named ports: http (TCP 8123))", warning.Message);
        Assert.Contains("FindPort", warning.Message);
    }

    [Fact]
    public void A_targetPort_name_of_another_protocol_is_not_a_match_and_a_close_name_is_suggested()
    {
        var udp = HomeLab.HomeAssistant.Service();
        udp.Spec.Ports[0].Protocol = "UDP";
        var message = Single(WithCompanions(udp), ServiceTargetPortUnknown).Message;
        Assert.Contains("targetPort 'http' (UDP)", message);
        Assert.Contains("the container declares 'http' for TCP: set the Service port's protocol to TCP", message);

        var typo = HomeLab.HomeAssistant.Service();
        typo.Spec.Ports[0].TargetPort = "htp";
        Assert.Contains("did you mean 'http'?", Single(WithCompanions(typo), ServiceTargetPortUnknown).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_numeric_targetPort_is_not_read_as_a_name()
    {
        var service = HomeLab.HomeAssistant.Service();
        service.Spec.Ports[0].TargetPort = 8123;
        Assert.DoesNotContain(Warnings(WithCompanions(service)), IsReference);
    }

    [Fact]
    public void A_selector_on_a_label_the_controller_adds_to_its_pods_is_not_read_as_a_mismatch()
    {
        // A Deployment's pods carry pod-template-hash, which no pod template holds.
        var service = HomeLab.HomeAssistant.Service();
        service.Spec.Selector["pod-template-hash"] = "5d8f7c9b6";
        Assert.DoesNotContain(Warnings(WithCompanions(service)), IsReference);
    }

    [Fact]
    public void A_label_only_another_controller_adds_is_still_a_mismatch()
    {
        // A Deployment's pods never carry statefulset.kubernetes.io/pod-name (try-out 6).
        var service = HomeLab.HomeAssistant.Service();
        service.Spec.Selector["statefulset.kubernetes.io/pod-name"] = "homeassistant-0";
        var deployment = HomeLab.HomeAssistant.Deployment();
        var change = WorkloadObjectTests.BlogDeployment(_ => { }) with
        {
            Add = b => b.Workload("smarthome/homeassistant", w => w.Deployment(deployment).Object(service).Attach("default/layer2-bridge")),
        };
        Single(change, ServiceSelectsNoPod);
    }

    [Fact]
    public void A_StatefulSet_with_claim_templates_manages_its_claims_and_a_claim_of_another_namespace_is_named()
    {
        var statefulSet = new V1StatefulSet
        {
            Spec = new V1StatefulSetSpec
            {
                ServiceName = "zigbee",
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "zigbee" } },
                VolumeClaimTemplates = [new V1PersistentVolumeClaim { Metadata = new V1ObjectMeta { Name = "data" }, Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"], Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } } } }],
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "zigbee" } },
                    Spec = new V1PodSpec
                    {
                        Containers = [new V1Container { Name = "zigbee", Image = "ghcr.io/koenkk/zigbee2mqtt:2.0.0", VolumeMounts = [new V1VolumeMount { Name = "shared", MountPath = "/shared" }] }],
                        Volumes = [new V1Volume { Name = "shared", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = HomeLab.HomeAssistant.ConfigVolumeClaim().Metadata.Name } }],
                    },
                },
            },
        };
        var change = WorkloadObjectTests.BlogDeployment(_ => { }) with
        {
            Add = b => b
                .Workload("smarthome/homeassistant", w => w.Deployment(HomeLab.HomeAssistant.Deployment()).Object(HomeLab.HomeAssistant.ConfigVolumeClaim()).Attach("default/layer2-bridge"))
                .Workload("iot/zigbee", w => w.StatefulSet(statefulSet).Object(ZigbeePodService())),
        };

        var warning = Single(change, ClaimNotInLab);
        Assert.Equal("lab/workloads/iot/zigbee/volumes/shared", warning.Path);
        Assert.Contains($"(declared there: none; '{HomeLab.HomeAssistant.ConfigVolumeClaim().Metadata.Name}' is declared in namespace 'smarthome')", warning.Message);
        Assert.Contains("declare the claim in 'iot' or run the workload in the claim's namespace.", warning.Message);
    }

    /// <summary>A Service for one StatefulSet pod: it selects statefulset.kubernetes.io/pod-name, which the controller adds.</summary>
    private static V1Service ZigbeePodService() => new()
    {
        Metadata = new V1ObjectMeta { Name = "zigbee-0" },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = "zigbee", ["statefulset.kubernetes.io/pod-name"] = "zigbee-0" },
            Ports = [new V1ServicePort { Name = "web", Port = 8080, TargetPort = 8080 }],
        },
    };

    [Fact]
    public void A_Service_that_selects_another_workload_of_its_namespace_is_not_a_warning()
    {
        var service = HomeLab.HomeAssistant.Service();
        service.Metadata.Name = "mqtt";
        service.Spec.Selector = new Dictionary<string, string> { ["app"] = "mosquitto" };
        service.Spec.Ports = [new V1ServicePort { Name = "mqtt", Port = 1883, TargetPort = "mqtt" }];
        var change = WithCompanions(service);
        var withBroker = change with
        {
            Add = b =>
            {
                change.Add!(b);
                b.Workload("smarthome/mosquitto", w => w.Deployment(new V1Deployment
                {
                    Spec = new V1DeploymentSpec
                    {
                        Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "mosquitto" } },
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "mosquitto" } },
                            Spec = new V1PodSpec { Containers = [new V1Container { Name = "mosquitto", Image = "eclipse-mosquitto:2.0.20", Ports = [new V1ContainerPort { Name = "mqtt", ContainerPort = 1883 }] }] },
                        },
                    },
                }));
            },
        };

        Assert.DoesNotContain(Warnings(withBroker), IsReference);
        Assert.Equal(ServiceSelectsNoPod, Single(change, ServiceSelectsNoPod).Code); // without the broker's workload it selects nothing
    }

    [Fact]
    public void A_port_name_of_a_sidecar_counts_and_one_of_an_ordinary_init_container_does_not()
    {
        var service = HomeLab.HomeAssistant.Service();
        service.Spec.Ports[0].TargetPort = "metrics";
        foreach (var (restartPolicy, warned) in new[] { ("Always", false), ((string?)null, true) })
        {
            var deployment = HomeLab.HomeAssistant.Deployment();
            deployment.Spec.Template.Spec.InitContainers = [new V1Container { Name = "exporter", Image = "ghcr.io/example/exporter:1.0", RestartPolicy = restartPolicy, Ports = [new V1ContainerPort { Name = "metrics", ContainerPort = 9100 }] }];
            var change = WorkloadObjectTests.BlogDeployment(_ => { }) with
            {
                Add = b => b.Workload("smarthome/homeassistant", w => w.Deployment(deployment).Object(HomeLab.HomeAssistant.ConfigVolumeClaim()).Object(service).Attach("default/layer2-bridge")),
            };
            Assert.Equal(warned, Warnings(change).Any(d => d.Code == ServiceTargetPortUnknown));
        }
    }

    [Theory]
    [InlineData("8123")]
    [InlineData("+8123")]
    public void A_targetPort_KubernetesClient_writes_as_a_number_is_not_read_as_a_name(string number)
    {
        var service = HomeLab.HomeAssistant.Service();
        service.Spec.Ports[0].TargetPort = number;
        Assert.DoesNotContain(Warnings(WithCompanions(service)), IsReference);
    }

    [Fact]
    public void A_claimName_the_workload_does_not_declare_is_a_warning_at_the_Deployment_call()
    {
        var deployment = HomeLab.HomeAssistant.Deployment();
        deployment.Spec.Template.Spec.Volumes[0].PersistentVolumeClaim.ClaimName = "ha-cfg";
        var line = Line() + 1;
        var warning = Single(WorkloadObjectTests.BlogDeployment(_ => { }) with { Add = b => b.Workload("smarthome/homeassistant", w => w.Deployment(deployment).Object(HomeLab.HomeAssistant.ConfigVolumeClaim()).Object(HomeLab.HomeAssistant.Service()).Attach("default/layer2-bridge")) }, ClaimNotInLab);

        var claim = HomeLab.HomeAssistant.ConfigVolumeClaim().Metadata.Name;
        Assert.Equal($"{Path}/volumes/config", warning.Path);
        Assert.Contains($"uses the claim 'ha-cfg', which no workload of the lab declares in namespace 'smarthome' (declared there: {claim})", warning.Message);
        Assert.Equal((ThisFile(), line), (warning.File, warning.Line));
    }

    [Fact]
    public void A_workload_that_declares_no_claim_may_use_one_made_outside_the_lab()
    {
        var change = WorkloadObjectTests.BlogDeployment(_ => { }) with
        {
            Add = b => b.Workload("smarthome/homeassistant", w => w.Deployment(HomeLab.HomeAssistant.Deployment()).Object(HomeLab.HomeAssistant.Service()).Attach("default/layer2-bridge")),
        };
        Assert.DoesNotContain(Warnings(BlogLab.Build(change)), IsReference);
    }

    /// <summary>The blog lab with Home Assistant's Deployment, claim and <paramref name="services"/>.</summary>
    private static LabChange WithCompanions(params V1Service[] services) => WithObjects(w =>
    {
        foreach (var service in services)
        {
            w.Object(service);
        }
    });

    /// <summary>The blog lab with Home Assistant's Deployment and claim, and the objects <paramref name="objects"/> adds.</summary>
    private static LabChange WithObjects(Action<WorkloadBuilder> objects) =>
        WorkloadObjectTests.BlogDeployment(_ => { }) with
        {
            Add = b => b.Workload("smarthome/homeassistant", w =>
            {
                w.Deployment(HomeLab.HomeAssistant.Deployment()).Object(HomeLab.HomeAssistant.ConfigVolumeClaim()).Attach("default/layer2-bridge");
                objects(w);
            }),
        };

    private static Diagnostic Single(LabChange change, string code)
    {
        var found = Warnings(BlogLab.Build(change)).Where(IsReference).ToArray();
        var warning = Assert.Single(found);
        Assert.Equal((code, DiagnosticSeverity.Warning), (warning.Code, warning.Severity));
        return warning;
    }

    private static IReadOnlyList<Diagnostic> Warnings(Lab lab) => LabGenerator.GenerateWithWarnings(lab).Warnings;

    private static IReadOnlyList<Diagnostic> Warnings(LabChange change) => Warnings(BlogLab.Build(change));

    private static bool IsReference(Diagnostic d) => d.Code is ServiceSelectsNoPod or ServiceTargetPortUnknown or ClaimNotInLab;

    private static int Line([CallerLineNumber] int line = 0) => line;

    private static string ThisFile([CallerFilePath] string file = "") => file;
}
