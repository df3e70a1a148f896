using GitOps.Output;
using GitOps.Tests.Model;
using Xunit;

namespace GitOps.Tests.Workloads;

/// <summary>
/// A workload's objects are emitted as written: the library adds the networks annotation and the node requirement to
/// the pod template and nothing else, so the user's own annotations, affinity, volumes and securityContext come out
/// byte for byte; the companions too. Everything emitted passes the schema validator (LabGenerator.Generate).
/// </summary>
public sealed class WorkloadMergeTests
{
    /// <summary>Written in the renderer's key order, so reading it and writing it back gives these exact bytes.</summary>
    private const string UserYaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          annotations:
            example.com/owner: iot-team
          labels:
            app.kubernetes.io/name: zigbee2mqtt
          name: zigbee2mqtt
          namespace: smarthome
        spec:
          replicas: 1
          selector:
            matchLabels:
              app.kubernetes.io/name: zigbee2mqtt
          strategy:
            type: Recreate
          template:
            metadata:
              annotations:
                prometheus.io/scrape: "true"
              labels:
                app.kubernetes.io/name: zigbee2mqtt
            spec:
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                    - matchExpressions:
                      - key: kubernetes.io/arch
                        operator: In
                        values:
                        - amd64
              containers:
              - image: ghcr.io/koenkk/zigbee2mqtt:2.6.3
                name: zigbee2mqtt
                securityContext:
                  allowPrivilegeEscalation: false
                  readOnlyRootFilesystem: true
                volumeMounts:
                - mountPath: /app/data
                  name: data
              securityContext:
                fsGroup: 1000
                runAsNonRoot: true
                runAsUser: 1000
              volumes:
              - name: data
                persistentVolumeClaim:
                  claimName: zigbee2mqtt-data
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: zigbee2mqtt-data
        spec:
          accessModes:
          - ReadWriteOnce
          resources:
            requests:
              storage: 1Gi

        """;

    [Fact]
    public void Annotation_and_node_requirement_are_the_only_additions_to_a_users_Deployment()
    {
        using var file = WorkloadObjectTests.TempYaml(UserYaml);
        var files = Generate(b => b.Workload("smarthome/zigbee2mqtt", w => w.YamlFile(file.Path).Attach("default/iot")));

        var written = Text(files, "workloads/deployment-smarthome-zigbee2mqtt.yaml");
        var userDeployment = UserYaml[..UserYaml.IndexOf("---\n", StringComparison.Ordinal)];
        var added = Added(userDeployment, written);

        Assert.Equal(
            [
                "        k8s.v1.cni.cncf.io/networks: default/iot",
                "              - key: kubernetes.io/hostname",
                "                operator: In",
                "                values:",
                "                - k8s-3",
            ],
            added);
        Assert.Contains("        prometheus.io/scrape: \"true\"\n        k8s.v1.cni.cncf.io/networks: default/iot\n", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Companion_from_a_yaml_file_is_written_as_read_with_the_workloads_namespace()
    {
        using var file = WorkloadObjectTests.TempYaml(UserYaml);
        var files = Generate(b => b.Workload("smarthome/zigbee2mqtt", w => w.YamlFile(file.Path).Attach("default/iot")));

        var claim = UserYaml[(UserYaml.IndexOf("---\n", StringComparison.Ordinal) + 4)..];
        Assert.Equal(claim.Replace("  name: zigbee2mqtt-data\n", "  name: zigbee2mqtt-data\n  namespace: smarthome\n", StringComparison.Ordinal),
            Text(files, "workloads/persistentvolumeclaim-smarthome-zigbee2mqtt-data.yaml"));
    }

    [Fact]
    public void Every_node_selector_term_of_the_user_gets_the_node_requirement()
    {
        // Terms are ORed, so the requirement goes into each; a term that had none gets one.
        var two = UserYaml.Replace(
            "                - amd64\n",
            "                - amd64\n            - matchExpressions:\n              - key: kubernetes.io/arch\n                operator: In\n                values:\n                - arm64\n",
            StringComparison.Ordinal);
        using var file = WorkloadObjectTests.TempYaml(two);
        var files = Generate(b => b.Workload("smarthome/zigbee2mqtt", w => w.YamlFile(file.Path).Attach("default/iot")));

        var written = Text(files, "workloads/deployment-smarthome-zigbee2mqtt.yaml");
        Assert.Equal(2, CountOf(written, "- key: kubernetes.io/hostname"));
        Assert.Equal(2, CountOf(written, "- matchExpressions:\n"));
        Assert.Contains("                - arm64\n              - key: kubernetes.io/hostname\n", written, StringComparison.Ordinal);
    }

    [Fact]
    public void StatefulSet_and_DaemonSet_get_the_annotation_on_their_pod_template()
    {
        var template = new k8s.Models.V1PodTemplateSpec
        {
            Metadata = new() { Labels = new Dictionary<string, string> { ["app"] = "x" } },
            Spec = new() { Containers = [new() { Name = "x", Image = "docker.io/library/busybox:1.37" }] },
        };
        var files = Generate(b => b
            .Workload("smarthome/mosquitto", w => w.StatefulSet(new() { Spec = new() { ServiceName = "mosquitto", Selector = new() { MatchLabels = new Dictionary<string, string> { ["app"] = "x" } }, Template = template } }).Attach("default/iot"))
            .Workload("smarthome/mdns-repeater", w => w.DaemonSet(new() { Spec = new() { Selector = new() { MatchLabels = new Dictionary<string, string> { ["app"] = "x" } }, Template = template } }).Attach("default/layer2-bridge")));

        Assert.Contains("  template:\n    metadata:\n      annotations:\n        k8s.v1.cni.cncf.io/networks: default/iot\n", Text(files, "workloads/statefulset-smarthome-mosquitto.yaml"), StringComparison.Ordinal);
        Assert.Contains("kubernetes.io/hostname", Text(files, "workloads/statefulset-smarthome-mosquitto.yaml"), StringComparison.Ordinal);
        var daemonSet = Text(files, "workloads/daemonset-smarthome-mdns-repeater.yaml");
        Assert.Contains("k8s.v1.cni.cncf.io/networks: default/layer2-bridge\n", daemonSet, StringComparison.Ordinal);
        Assert.Contains("              - key: kubernetes.io/hostname\n                operator: In\n                values:\n                - k8s-1\n                - k8s-2\n", daemonSet, StringComparison.Ordinal); // cni0: not on k8s-3
    }

    /// <summary>The sample's Deployment before workloads took objects (manifests/ at 86d8d14), from .Image/.Port.</summary>
    private const string SimpleFormBefore = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          labels:
            app.kubernetes.io/name: homeassistant
          name: homeassistant
          namespace: smarthome
        spec:
          replicas: 1
          selector:
            matchLabels:
              app.kubernetes.io/name: homeassistant
          strategy:
            type: Recreate
          template:
            metadata:
              annotations:
                k8s.v1.cni.cncf.io/networks: default/layer2-bridge
              labels:
                app.kubernetes.io/name: homeassistant
            spec:
              containers:
              - image: ghcr.io/home-assistant/home-assistant:2025.11
                name: homeassistant
                ports:
                - containerPort: 8123
                  name: http
                  protocol: TCP

        """;

    [Fact]
    public void The_simple_form_writes_the_same_Deployment_as_before_objects_were_taken()
    {
        var files = YamlRenderer.Render(LabGenerator.GenerateSet(BlogLab.Build(new()
        {
            Omit = LabSection.Workloads,
            Add = b => b.Workload("smarthome/homeassistant", w => w.Image("ghcr.io/home-assistant/home-assistant:2025.11").Port("http", 8123).Attach("default/layer2-bridge")),
        })));

        Assert.Equal(SimpleFormBefore, Text(files, "workloads/deployment-smarthome-homeassistant.yaml"));
    }

    [Fact]
    public void The_samples_objects_read_from_a_yaml_file_give_the_same_files_as_typed()
    {
        // A YAML document needs apiVersion/kind, which the typed form takes from the type.
        var yaml = YamlRenderer.RenderObjects(new k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>[] { HomeLab.HomeAssistant.Deployment(), HomeLab.HomeAssistant.ConfigVolumeClaim(), HomeLab.HomeAssistant.Service() }
            .Select(GitOps.Topology.KubernetesObjects.Copy));
        using var file = WorkloadObjectTests.TempYaml(yaml);
        var fromYaml = YamlRenderer.Render(LabGenerator.GenerateSet(BlogLab.Build(new()
        {
            Omit = LabSection.Workloads,
            Add = b => b.Workload("smarthome/homeassistant", w => w.YamlFile(file.Path).Attach("default/layer2-bridge")),
        })));
        var typed = YamlRenderer.Render(LabGenerator.GenerateSet(BlogLab.Build()));

        Assert.Equal(typed.Select(f => f.RelativePath), fromYaml.Select(f => f.RelativePath));
        Assert.All(typed.Zip(fromYaml), pair => Assert.Equal(pair.First.Content, pair.Second.Content));
    }

    [Fact]
    public void A_companion_its_schema_rejects_stops_generation_with_the_file_and_field()
    {
        var lab = BlogLab.Build(new()
        {
            Workload = w => w.Object(new k8s.Models.V1Service
            {
                Metadata = new() { Name = "homeassistant-lan" },
                // Two ports with one (port, protocol): the API server merges ports by that key (x-kubernetes-list-map-keys).
                Spec = new() { Ports = [new() { Name = "http", Port = 8123, Protocol = "TCP" }, new() { Name = "web", Port = 8123, Protocol = "TCP" }] },
            }),
        });

        var error = Assert.Throws<Diagnostics.LabValidationException>(() => LabGenerator.GenerateSet(lab));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.Severity == Diagnostics.DiagnosticSeverity.Error);
        Assert.Equal(("GITOPS301", "workloads/service-smarthome-homeassistant-lan.yaml#/spec/ports"), (diagnostic.Code, diagnostic.Path));
    }

    /// <summary>The blog's lab plus an IoT network whose bridge only the third node has (pods attaching it run there).</summary>
    private static IReadOnlyList<RenderedFile> Generate(Action<Topology.LabBuilder> workloads) =>
        YamlRenderer.Render(LabGenerator.GenerateSet(BlogLab.Build(new() { Add = WorkingNetworkRuleTests.IotOnlyOnThirdNode() + workloads })));

    private static string Text(IReadOnlyList<RenderedFile> files, string path) =>
        System.Text.Encoding.UTF8.GetString(Assert.Single(files, f => f.RelativePath == path).Content);

    /// <summary>The lines of <paramref name="after"/> that are not in <paramref name="before"/>, checking every line of
    /// <paramref name="before"/> is in <paramref name="after"/>, unchanged and in order.</summary>
    private static List<string> Added(string before, string after)
    {
        var old = before.TrimEnd('\n').Split('\n');
        var added = new List<string>();
        var i = 0;
        foreach (var line in after.TrimEnd('\n').Split('\n'))
        {
            if (i < old.Length && line == old[i])
            {
                i++;
            }
            else
            {
                added.Add(line);
            }
        }

        Assert.True(i == old.Length, $"line {i + 1} of the user's object is missing or changed: '{(i < old.Length ? old[i] : "")}'\n{after}");
        return added;
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
