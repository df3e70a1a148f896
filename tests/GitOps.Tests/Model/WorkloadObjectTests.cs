using System.Runtime.CompilerServices;
using GitOps.Topology;
using k8s.Models;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>
/// A workload given as Kubernetes objects (GITOPS170–175): what the library cannot add the attachments to, or what
/// would contradict what it adds, is a coded error at the call that brought the object in.
/// </summary>
public sealed class WorkloadObjectTests
{
    private const string Path = "lab/workloads/smarthome/homeassistant";

    /// <summary>
    /// The blog's workload with its Deployment changed by <paramref name="change"/>; errors about the Deployment point
    /// at the caller's line.
    /// </summary>
    internal static LabChange BlogDeployment(Action<V1Deployment> change, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var deployment = HomeLab.HomeAssistant.Deployment();
        change(deployment);
        return new()
        {
            Omit = LabSection.Workloads,
            Add = b => b.Workload("smarthome/homeassistant", w => w
                .Deployment(deployment, file, line)
                .Object(HomeLab.HomeAssistant.ConfigVolumeClaim())
                .Object(HomeLab.HomeAssistant.Service())
                .Attach("default/layer2-bridge")),
        };
    }

    [Fact]
    public void Image_beside_a_Deployment_object_is_rejected() =>
        Expect.Error(new() { Workload = w => w.Image("ghcr.io/home-assistant/home-assistant:2025.12") },
            WorkloadDefinedTwice, $"{Path}/image", value: ".Image(\"ghcr.io/home-assistant/home-assistant:2025.12\")", fix: "set the image in the object's container");

    [Fact]
    public void Port_beside_a_Deployment_object_is_rejected() =>
        Expect.Error(new() { Workload = w => w.Port("mqtt", 1883) },
            WorkloadDefinedTwice, $"{Path}/ports/mqtt", value: "containerPort: 1883", fix: "declares its ports in its container");

    [Fact]
    public void Second_pod_owner_is_rejected() =>
        Expect.Error(new() { Workload = w => w.StatefulSet(new V1StatefulSet { Metadata = new() { Name = "homeassistant" } }) },
            WorkloadDefinedTwice, $"{Path}/object", value: "Deployment and StatefulSet", fix: "its own .Workload(");

    [Fact]
    public void Deployment_given_as_a_companion_is_rejected() =>
        Expect.Error(new() { Workload = w => w.Object(new V1Deployment { Metadata = new() { Name = "mosquitto" } }) },
            WorkloadDefinedTwice, $"{Path}/objects/Deployment/mosquitto", value: "a Deployment given with .Object(...)", fix: "pass it to .Deployment(...)");

    [Fact]
    public void Job_among_the_objects_is_rejected() =>
        Expect.Error(new() { Workload = w => w.Object(new V1Job { Metadata = new() { Name = "restore" } }) },
            WorkloadWithoutPodTemplate, $"{Path}/objects/Job/restore", value: "a Job runs pods", fix: "use a Deployment, StatefulSet or DaemonSet");

    [Fact]
    public void Objects_without_a_pod_owner_are_rejected() =>
        Expect.Error(new() { Omit = LabSection.Workloads, Add = b => b.Workload("smarthome/homeassistant", w => w.Object(new V1ConfigMap { Metadata = new() { Name = "settings" } })) },
            WorkloadWithoutPodTemplate, $"{Path}/objects", value: "kinds given: ConfigMap", fix: "add one");

    [Fact]
    public void Networks_annotation_on_the_pod_template_is_rejected() =>
        Expect.Error(BlogDeployment(d => d.Spec.Template.Metadata.Annotations = new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = "default/other" }),
            WorkloadNetworksAnnotationSet, $"{Path}/object/spec/template/metadata/annotations", value: "k8s.v1.cni.cncf.io/networks: default/other", fix: "remove it and call .Attach(");

    [Fact]
    public void Networks_annotation_on_the_deployment_itself_is_rejected() =>
        Expect.Error(BlogDeployment(d => d.Metadata.Annotations = new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = "default/layer2-bridge" }),
            WorkloadNetworksAnnotationSet, $"{Path}/object/metadata/annotations", value: "Multus never reads it", fix: "remove it");

    [Fact]
    public void Host_network_pod_with_an_attachment_is_rejected() =>
        Expect.Error(BlogDeployment(d => d.Spec.Template.Spec.HostNetwork = true),
            WorkloadHostNetworkAttached, $"{Path}/object/spec/template/spec/hostNetwork", value: "hostNetwork: true", fix: "drop hostNetwork");

    [Fact]
    public void Host_network_pod_without_attachments_builds()
    {
        var lab = BlogLab.Build(new()
        {
            Add = b => b.Workload("monitoring/node-exporter", w => w.DaemonSet(new V1DaemonSet
            {
                Spec = new V1DaemonSetSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "node-exporter" } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "node-exporter" } },
                        Spec = new V1PodSpec { HostNetwork = true, Containers = [new V1Container { Name = "exporter", Image = "quay.io/prometheus/node-exporter:v1.9.1" }] },
                    },
                },
            })),
        });

        Assert.Equal("DaemonSet", lab.Workloads.Single(w => w.Name == "node-exporter").Kind);
    }

    [Fact]
    public void Deployment_named_unlike_its_workload_is_rejected() =>
        Expect.Error(BlogDeployment(d => d.Metadata.Name = "hass"),
            WorkloadObjectNameMismatch, $"{Path}/object/metadata/name", value: "named 'hass'", fix: "leave metadata.name empty");

    [Fact]
    public void Companion_in_another_namespace_is_rejected() =>
        Expect.Error(new() { Workload = w => w.Object(new V1ConfigMap { Metadata = new() { Name = "settings", NamespaceProperty = "default" } }) },
            WorkloadObjectNameMismatch, $"{Path}/objects/ConfigMap/settings/metadata/namespace", value: "in namespace 'default' but belongs to workload 'smarthome/homeassistant'", fix: "set it to 'smarthome'");

    [Fact]
    public void Yaml_file_that_does_not_exist_is_rejected()
    {
        var error = Expect.Error(new() { Workload = w => w.YamlFile("no-such-file.yaml") },
            WorkloadYamlUnreadable, $"{Path}/yaml", value: "cannot read 'no-such-file.yaml'",
            fix: "read from the current directory, the lab project's folder under dotnet build: give a path relative to it or an absolute one, and for a test of the lab that runs in its output folder, copy the file there (<None Include=\"no-such-file.yaml\" CopyToOutputDirectory=\"PreserveNewest\" />).");
        Assert.DoesNotContain(".;", error.Message, StringComparison.Ordinal); // .NET's own message ends in a period: ours goes on after it
    }

    [Fact]
    public void Yaml_field_its_kind_does_not_define_is_rejected_with_its_line()
    {
        using var file = TempYaml("apiVersion: v1\nkind: Service\nmetadata:\n  name: mqtt\nspec:\n  port: 1883\n");
        Expect.Error(new() { Workload = w => w.YamlFile(file.Path) },
            WorkloadYamlUnreadable, $"{Path}/yaml", value: "line 6: Property 'port' not found on type 'k8s.Models.V1ServiceSpec'", fix: "a misspelled field is an error");
    }

    [Fact]
    public void Yaml_that_ends_inside_a_flow_sequence_is_rejected_not_thrown()
    {
        // YamlDotNet's scanner throws InvalidOperationException, not a YamlException, for this input (seen in a build:
        // Scanner.ScanPlainScalar at the end of the stream).
        using var file = TempYaml("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: homeassistant\nspec:\n  replicas: [\n  selector:\n    matchLabels: {app: homeassistant}\n");
        Expect.Error(new() { Workload = w => w.YamlFile(file.Path) },
            WorkloadYamlUnreadable, $"{Path}/yaml", value: "is not valid YAML: the [ at line 6, column 13 is never closed", fix: "fix the YAML there");
    }

    [Fact]
    public void Yaml_with_an_unclosed_flow_mapping_names_its_line()
    {
        using var file = TempYaml("apiVersion: v1\nkind: Service\nmetadata:\n  name: mqtt\n  labels: {app: mqtt\nspec:\n  type: ClusterIP\n");
        Expect.Error(new() { Workload = w => w.YamlFile(file.Path) },
            WorkloadYamlUnreadable, $"{Path}/yaml", value: "the { at line 5, column 11 is never closed", fix: "fix the YAML there");
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\n# only a comment\n\n")]
    [InlineData("---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n--- ~\n---\nnull\n")]
    [InlineData("%YAML 1.2\n---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n")]
    [InlineData("~\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n", "other")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n", "other")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n--- # empty\n\n--- null\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n", "other")]
    [InlineData("# Source: chart/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\n# Source: chart/templates/empty.yaml\n---\n# Source: chart/templates/b.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n", "other")]
    [InlineData("# only a comment\n...\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n")]
    [InlineData("...\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n...\n# only a comment\n...\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n...\n---\n...\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n...\n", "other")]
    public void Yaml_with_empty_or_null_documents_is_read_without_them(string yaml, string? second = null)
    {
        // kubectl skips such documents (k8s.io/cli-runtime pkg/resource/visitor.go, StreamVisitor.Visit).
        using var file = TempYaml(yaml);
        var lab = BlogLab.Builder(new() { Workload = w => w.YamlFile(file.Path) }).Build();
        var companions = lab.Workloads.Single(w => w.Name == "homeassistant").Companions;
        Assert.Equal(second is null ? ["ConfigMap/settings"] : ["ConfigMap/settings", $"ConfigMap/{second}"],
            companions.Where(o => o.Kind == "ConfigMap").Select(o => $"{o.Kind}/{o.Metadata.Name}"));
    }

    private const string KitchenYaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  room: K\u00fcche \u2713\n";

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32LE")]
    public void A_yaml_file_in_UTF_8_or_with_a_UTF_16_or_UTF_32_byte_order_mark_is_read_as_its_text(string encoding)
    {
        var bytes = encoding switch
        {
            "utf-8" => System.Text.Encoding.UTF8.GetBytes(KitchenYaml),
            "utf-8-bom" => [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(KitchenYaml)],
            "utf-16LE" => [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(KitchenYaml)],
            "utf-16BE" => [.. System.Text.Encoding.BigEndianUnicode.GetPreamble(), .. System.Text.Encoding.BigEndianUnicode.GetBytes(KitchenYaml)],
            _ => [.. System.Text.Encoding.UTF32.GetPreamble(), .. System.Text.Encoding.UTF32.GetBytes(KitchenYaml)],
        };
        using var file = new TempFile(bytes);
        var lab = BlogLab.Builder(new() { Workload = w => w.YamlFile(file.Path) }).Build();
        var settings = (V1ConfigMap)lab.Workloads.Single(w => w.Name == "homeassistant").Companions.Single(o => o.Kind == "ConfigMap");
        Assert.Equal("K\u00fcche \u2713", settings.Data["room"]);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: List\nitems: []\n",
        "document 2 (line 6) is a List (kubectl get -o yaml writes several objects so); write each of its items as its own --- document")]
    [InlineData("# Source: chart/templates/monitor.yaml\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: m\n",
        "document 2 (line 8) is monitoring.coreos.com/v1 ServiceMonitor, a kind KubernetesClient has no type for (a custom resource?)")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\nkind: ConfigMap\nmetadata:\n  name: b\n",
        "document 2 (line 6) has no apiVersion; every document needs apiVersion and kind")]
    public void A_document_KubernetesClient_cannot_type_is_named_with_its_line(string yaml, string expected)
    {
        // Try-out 4: the message named only "The given key 'v1/List' was not present in the dictionary", no document or line.
        using var file = TempYaml(yaml);
        Expect.Error(new() { Workload = w => w.YamlFile(file.Path) }, WorkloadYamlUnreadable, $"{Path}/yaml", value: expected, fix: expected.Contains("List") ? "own --- document" : expected.Contains("ServiceMonitor") ? ".Object(...)" : "needs apiVersion and kind");
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: \"1\"\n\ty: \"2\"\n", "line 7")]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: homeassistant\nspec:\n  replicas: 1\n  replicas: 2\n", "line 7")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: \"1\"\n  y: \"2\"\n  x: \"3\"\n", "line 8")]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: homeassistant\nspec:\n  selector:\n    matchLabels:\n      app: x\n  replicas: 1\n  template:\n    metadata:\n      labels: {replicas: y}\n  replicas: 2\n", "line 13")]
    public void A_yaml_syntax_error_names_the_line_it_is_on(string yaml, string line)
    {
        // Try-out 4: a tab used as indentation on line 53 was reported at line 1, a duplicate key at its block's first line.
        using var file = TempYaml(yaml);
        Expect.Error(new() { Workload = w => w.YamlFile(file.Path) }, WorkloadYamlUnreadable, $"{Path}/yaml", value: line + ":", fix: "fix the YAML");
    }

    [Fact]
    public void An_object_name_from_a_yaml_file_the_API_server_would_refuse_fails_the_generation_at_its_document_in_that_file()
    {
        // Try-out 4: the build succeeded and wrote configmap-smarthome-HomeAssistant_cfg.yaml; the apply would fail.
        using var file = TempYaml("# settings\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: HomeAssistant_cfg\n");
        var problem = InvalidMetadataIn(file);
        Assert.Contains("ConfigMap smarthome/HomeAssistant_cfg: metadata.name 'HomeAssistant_cfg' is not a valid ConfigMap name", problem.Message, StringComparison.Ordinal);
        // At the line its document's content starts on in the YAML file (try-out 5: it was the .Workload(...) line; try-out
        // 6: the .YamlFile(...) call, which names the file but not the object's place in it).
        Assert.Equal((file.Path, 3), (problem.File, problem.Line));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad\0name.yaml")]
    public void A_yaml_path_the_file_system_refuses_is_an_error_at_the_call_not_an_exception(string path) =>
        Expect.Error(new() { Workload = w => w.YamlFile(path) }, WorkloadYamlUnreadable, $"{Path}/yaml", value: "cannot read", fix: "give a path relative to it");

    [Fact]
    public void Objects_of_a_yaml_file_with_crlf_line_ends_and_null_documents_keep_their_own_lines()
    {
        using var file = TempYaml("--- null\r\n---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: good\r\n--- ~\r\n...\r\n---\r\n" +
            "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: Bad_Name}\r\n");
        var problem = InvalidMetadataIn(file);
        Assert.Equal((file.Path, 10), (problem.File, problem.Line));
    }

    [Fact]
    public void Objects_of_a_yaml_file_are_reported_at_their_own_documents_across_comments_and_empty_documents()
    {
        // The lines come from a second reading of the file (YamlDocumentHeads); an empty document that the objects' reader
        // skips is commented out first, so each object keeps its own document's line.
        using var file = TempYaml("# Source: chart/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\n---\n# Source: chart/empty.yaml\n---\n\n" +
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n");
        var problem = InvalidMetadataIn(file);
        Assert.Contains("'Bad_Name'", problem.Message, StringComparison.Ordinal);
        Assert.Equal((file.Path, 10), (problem.File, problem.Line));
    }

    [Fact]
    public void A_yaml_file_saved_as_Latin_1_is_refused_at_the_line_of_its_first_byte_that_is_not_UTF_8()
    {
        // Read with replacement, "Küche" became "K\uFFFDche" in the written ConfigMap (try-out 4).
        using var file = new TempFile(System.Text.Encoding.Latin1.GetBytes(KitchenYaml));
        Expect.Error(new() { Workload = w => w.YamlFile(file.Path) },
            WorkloadYamlUnreadable, $"{Path}/yaml", value: "line 6: the byte 0xFC is not UTF-8", fix: "save it as UTF-8");
    }

    [Fact]
    public void A_yaml_file_cut_inside_a_UTF_8_sequence_is_refused_at_its_line()
    {
        using var file = new TempFile(System.Text.Encoding.UTF8.GetBytes("a: 1\nb: \u2713")[..^1]);
        Expect.Error(new() { Workload = w => w.YamlFile(file.Path) },
            WorkloadYamlUnreadable, $"{Path}/yaml", value: "line 2: the byte 0xE2 is not UTF-8", fix: "save it as UTF-8");
    }

    [Theory]
    [InlineData("")]
    [InlineData("---\n")]
    [InlineData("---\n# only a comment\n")]
    [InlineData("--- ~\n")]
    public void A_skipped_document_leaves_a_kept_block_scalar_as_it_was(string after)
    {
        // '|+' keeps the scalar's trailing line breaks, so what replaces the skipped document must not be a blank line.
        using var file = TempYaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  script: |+\n    echo hi\n" + after);
        var lab = BlogLab.Builder(new() { Workload = w => w.YamlFile(file.Path) }).Build();
        var settings = (V1ConfigMap)lab.Workloads.Single(w => w.Name == "homeassistant").Companions.Single(o => o.Kind == "ConfigMap");
        Assert.Equal("echo hi\n", settings.Data["script"]);
    }

    [Fact]
    public void A_yaml_error_after_an_empty_document_in_the_middle_keeps_its_line()
    {
        using var file = TempYaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\n# c\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: mqtt\nspec:\n  port: 1883\n");
        Expect.Error(new() { Workload = w => w.YamlFile(file.Path) },
            WorkloadYamlUnreadable, $"{Path}/yaml", value: "line 13: Property 'port' not found", fix: "a misspelled field is an error");
    }

    [Fact]
    public void A_yaml_error_after_an_empty_document_keeps_its_line()
    {
        using var file = TempYaml("---\n---\n# a comment\napiVersion: v1\nkind: Service\nmetadata:\n  name: mqtt\nspec:\n  port: 1883\n");
        Expect.Error(new() { Workload = w => w.YamlFile(file.Path) },
            WorkloadYamlUnreadable, $"{Path}/yaml", value: "line 9: Property 'port' not found", fix: "a misspelled field is an error");
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\n")]
    [InlineData("---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n--- ~\n")]
    public void KubernetesYaml_throws_on_an_empty_document(string yaml) =>
        // Why the lab blanks empty documents out before handing the text on: KubernetesClient's reader cannot take one.
        Assert.Throws<NullReferenceException>(() => k8s.KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true));

    [Fact]
    public void Yaml_that_starts_with_a_separator_and_has_comments_is_read()
    {
        using var file = TempYaml("# settings\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: \"\"\n");
        var lab = BlogLab.Builder(new() { Workload = w => w.YamlFile(file.Path) }).Build();
        Assert.NotNull(lab);
    }

    [Fact]
    public void Yaml_custom_resource_is_rejected() =>
        Expect.Error(new() { Workload = w => w.YamlFile(TempYaml("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n").Path) },
            WorkloadYamlUnreadable, $"{Path}/yaml", value: "document 1 (line 1) is example.com/v1 Widget", fix: "declare it in C# with .Object(...)");

    [Fact]
    public void Yaml_pod_is_rejected_as_having_no_template()
    {
        using var file = TempYaml("apiVersion: v1\nkind: Pod\nmetadata:\n  name: probe\nspec:\n  containers:\n  - name: c\n    image: docker.io/library/busybox:1.37\n");
        var error = Assert.Single(Expect.Errors(new() { Omit = LabSection.Workloads, Add = b => b.Workload("smarthome/homeassistant", w => w.YamlFile(file.Path)) }));

        Assert.Equal((WorkloadWithoutPodTemplate, $"{Path}/objects/Pod/probe"), (error.Code, error.Path));
        Assert.Contains("a Pod runs pods", error.Message, StringComparison.Ordinal);
        Assert.Contains("use a Deployment", error.Message, StringComparison.Ordinal);
        Assert.Equal((file.Path, 1), (error.File, error.Line)); // the Pod's document in the file
    }

    [Fact]
    public void Typed_objects_are_copied_when_Build_runs()
    {
        var deployment = HomeLab.HomeAssistant.Deployment();
        var builder = BlogLab.Builder(new()
        {
            Omit = LabSection.Workloads,
            Add = b => b.Workload("smarthome/homeassistant", w => w.Deployment(deployment).Attach("default/layer2-bridge")),
        });

        var lab = builder.Build();
        deployment.Spec.Replicas = 3;
        deployment.Spec.Template.Spec.Containers[0].Image = "docker.io/library/busybox:1.37";

        var owner = (V1Deployment)lab.Workloads[0].PodOwner;
        Assert.Equal(1, owner.Spec.Replicas);
        Assert.Equal("ghcr.io/home-assistant/home-assistant:2025.11", owner.Spec.Template.Spec.Containers[0].Image);
        Assert.Null(deployment.Metadata.Name);
        Assert.Equal(("homeassistant", "smarthome"), (owner.Metadata.Name, owner.Metadata.NamespaceProperty));
    }

    /// <summary>The one GITOPS306 (invalid metadata) of the blog lab with a workload read from <paramref name="file"/>; the
    /// generation must fail with it.</summary>
    private static GitOps.Diagnostics.Diagnostic InvalidMetadataIn(TempFile file)
    {
        var lab = BlogLab.Builder(new() { Workload = w => w.YamlFile(file.Path) }).Build();
        var error = Assert.Throws<GitOps.Diagnostics.LabValidationException>(() => LabGenerator.Generate(lab));
        return Assert.Single(error.Diagnostics, d => d.Code == GitOps.Diagnostics.DiagnosticCodes.KubernetesInvalidMetadata);
    }

    internal static TempFile TempYaml(string text) => new(text);

    internal sealed class TempFile : IDisposable
    {
        public TempFile(string text)
            : this(System.Text.Encoding.UTF8.GetBytes(text))
        {
        }

        public TempFile(byte[] bytes)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gitops-workload-{Guid.NewGuid():N}.yaml");
            File.WriteAllBytes(Path, bytes);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
