using GitOps.Validation;
using System.Text.Json.Nodes;
using GitOps.Output;
using GitOps.Tests.Support;
using GitOps.Topology;
using Xunit;

namespace GitOps.Tests.Generation;

/// <summary>
/// The generated Multus objects equal upstream's quick-start manifest for their line and plugin plus
/// exactly the documented changes (docs/multus.md): v3.9.3 thin + the blog's changes (the ConfigMap's
/// cni-conf.json with the Calico delegate, the pinned image, the conf file name in the argument and the
/// volume item; no bandwidth plugin from Calico v3.30 on); v4 thick (the default) and v4 thin against
/// upstream master after v4.3.0 with the pinned image (thin: and the blog's delegate and conf file).
/// </summary>
public sealed class MultusUpstreamTests
{
    /// <summary>The ConfigMap JSON as printed in the blog post.</summary>
    private const string BlogCniConf = """
        {
          "name": "multus-cni-network",
          "type": "multus",
          "cniVersion": "0.3.1",
          "capabilities": { "portMappings": true },
          "delegates": [
            {
              "name": "calico-network",
              "cniVersion": "0.3.1",
              "plugins": [
                {
                  "type": "calico",
                  "datastore_type": "kubernetes",
                  "mtu": 0,
                  "nodename_file_optional": false,
                  "log_level": "Info",
                  "log_file_path": "/var/log/calico/cni/cni.log",
                  "ipam": { "type": "calico-ipam", "assign_ipv4": "true", "assign_ipv6": "false" },
                  "container_settings": { "allow_ip_forwarding": false },
                  "policy": { "type": "k8s" },
                  "kubernetes": { "k8s_api_root": "https://10.43.0.1:443", "kubeconfig": "/etc/cni/net.d/calico-kubeconfig" }
                },
                { "type": "bandwidth", "capabilities": { "bandwidth": true } },
                { "type": "portmap", "snat": true, "capabilities": { "portMappings": true } }
              ]
            }
          ],
          "kubeconfig": "/etc/cni/net.d/multus.d/multus.kubeconfig"
        }
        """;

    [Fact]
    public void Generated_multus_objects_equal_upstream_v3_9_3_plus_the_blogs_changes()
    {
        // The blog's delegate, bandwidth included, is what Calico installs and chains up to v3.29.x.
        var upstream = UpstreamObjects("multus-daemonset-v3.9.3.yml");
        ApplyBlogChanges(upstream, BlogCniConf);
        AssertSameObjects(upstream, GeneratedMultusObjects(BlogLab.OneNode(multus: m => m.ConfFile("0-multus.conf"), calico: c => c.VersionTag("v3.29.7"))));
    }

    [Fact]
    public void The_sample_equals_upstream_v3_9_3_plus_the_blogs_changes_without_bandwidth_on_calico_3_30_and_later()
    {
        var upstream = UpstreamObjects("multus-daemonset-v3.9.3.yml");
        ApplyBlogChanges(upstream, WithoutBandwidth(BlogCniConf));
        AssertSameObjects(upstream, GeneratedMultusObjects());
    }

    [Fact]
    public void The_default_v4_thick_equals_upstream_thick_plus_the_pinned_image()
    {
        var upstream = UpstreamObjects("multus-daemonset-thick-latest.yml");
        var pod = upstream["DaemonSet/kube-multus-ds"]!["spec"]!["template"]!["spec"]!;
        pod["containers"]![0]!["image"] = "ghcr.io/k8snetworkplumbingwg/multus-cni:v4.3.0-thick";
        pod["initContainers"]![0]!["image"] = "ghcr.io/k8snetworkplumbingwg/multus-cni:v4.3.0-thick";
        // The library's own changes (issue 21): Guaranteed QoS from the model's resources, and a readiness probe on the conf file.
        Assert.Equal("50Mi", (string?)pod["containers"]![0]!["resources"]!["limits"]!["memory"]);
        Assert.Null(pod["initContainers"]![0]!["resources"]!["limits"]);
        foreach (var container in new[] { pod["containers"]![0]!, pod["initContainers"]![0]! })
        {
            container["resources"] = JsonNode.Parse("""{"limits":{"cpu":"250m","memory":"256Mi"},"requests":{"cpu":"250m","memory":"256Mi"}}""");
        }

        pod["containers"]![0]!["readinessProbe"] = JsonNode.Parse("""{"exec":{"command":["/usr/bin/test","-f","/host/etc/cni/net.d/00-multus.conf"]},"periodSeconds":5}""");
        AssertSameObjects(upstream, GeneratedMultusObjects(BlogLab.OneNode(defaultMultus: true)));
    }

    /// <summary>
    /// The pod's QoS class as the API server computes it (kubernetes pkg/apis/core/v1/helper/qos/qos.go
    /// ComputePodQOS): Guaranteed only when every container and init container has cpu and memory limits and its
    /// requests (defaulted to the limits) equal them; any request or limit otherwise makes it Burstable.
    /// </summary>
    private static string QosClass(JsonNode pod)
    {
        var containers = pod["containers"]!.AsArray().Concat(pod["initContainers"]?.AsArray() ?? []).ToList();
        var guaranteed = containers.All(c => new[] { "cpu", "memory" }.All(r =>
            c!["resources"]?["limits"]?[r] is { } limit && (string?)(c["resources"]!["requests"]?[r] ?? limit) == (string?)limit));
        return guaranteed ? "Guaranteed" : containers.Any(c => c!["resources"] is JsonObject { Count: > 0 }) ? "Burstable" : "BestEffort";
    }

    [Fact]
    public void The_thick_daemon_pod_is_Guaranteed_where_upstreams_is_Burstable()
    {
        var upstream = UpstreamObjects("multus-daemonset-thick-latest.yml")["DaemonSet/kube-multus-ds"]!["spec"]!["template"]!["spec"]!;
        Assert.Equal("Burstable", QosClass(upstream)); // multus-cni #1160: the init container has requests only
        var generated = GeneratedMultusObjects(BlogLab.OneNode(defaultMultus: true))["DaemonSet/kube-multus-ds"]!["spec"]!["template"]!["spec"]!;
        Assert.Equal("Guaranteed", QosClass(generated));
    }

    [Fact]
    public void Thick_daemon_resources_come_from_the_model_as_request_and_limit_on_both_containers()
    {
        var pod = GeneratedMultusObjects(BlogLab.OneNode(defaultMultus: true, extra: b => b.Multus(m => m.DaemonResources("500m", "1Gi"))))["DaemonSet/kube-multus-ds"]!["spec"]!["template"]!["spec"]!;
        foreach (var container in new[] { pod["containers"]![0]!, pod["initContainers"]![0]! })
        {
            foreach (var kind in new[] { "requests", "limits" })
            {
                Assert.Equal("500m", (string?)container["resources"]![kind]!["cpu"]);
                Assert.Equal("1Gi", (string?)container["resources"]![kind]!["memory"]);
            }
        }
    }

    [Fact]
    public void The_thick_cni_bin_dir_is_the_same_path_in_the_pod_as_on_the_host()
    {
        // multus-daemon needs the CNI bin dir at the host's path (upstream's comment in multus-daemonset-thick.yml).
        var ds = GeneratedMultusObjects(BlogLab.OneNode(defaultMultus: true, extra: b => b.Cluster("example", c => c.NodeNetwork("k8s").CniBinDir("/var/lib/cni/bin"))))["DaemonSet/kube-multus-ds"]!;
        var pod = ds["spec"]!["template"]!["spec"]!;
        var volume = pod["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "cnibin")!;
        var mount = pod["containers"]![0]!["volumeMounts"]!.AsArray().Single(m => (string?)m!["name"] == "cnibin")!;
        Assert.Equal("/var/lib/cni/bin", (string?)volume["hostPath"]!["path"]);
        Assert.Equal("/var/lib/cni/bin", (string?)mount["mountPath"]);
    }

    [Fact]
    public void V4_thin_equals_upstream_thin_plus_the_blogs_changes()
    {
        var upstream = UpstreamObjects("multus-daemonset-latest.yml");
        ApplyBlogChanges(upstream, WithoutBandwidth(BlogCniConf), "v4.3.0");
        AssertSameObjects(upstream, GeneratedMultusObjects(BlogLab.OneNode(multus: m => m.Version(MultusVersion.V4, plugin: MultusPlugin.Thin))));
    }

    [Fact]
    public void Every_command_the_DaemonSet_runs_exists_in_the_image_of_its_tag()
    {
        // What each image has, from multus-cni images/Dockerfile and images/Dockerfile.thick at the tags:
        // v3.9.3 (python:slim): /entrypoint.sh, cp, /usr/src/multus-cni/bin/*; v4 thin (distroless): /thin_entrypoint,
        // /install_multus, /usr/src/multus-cni/bin/*; v4 -thick (debian:stable-slim): /usr/src/multus-cni/bin/* only.
        string[] bin = ["/usr/src/multus-cni/bin/multus", "/usr/src/multus-cni/bin/multus-daemon", "/usr/src/multus-cni/bin/install_multus", "/usr/src/multus-cni/bin/multus-shim"];
        var images = new Dictionary<string, string[]>
        {
            ["v3.9.3"] = ["/entrypoint.sh", "cp", .. bin],
            ["v4.3.0"] = ["/thin_entrypoint", "/install_multus", .. bin],
            // debian:stable-slim carries coreutils (Essential), so /usr/bin/test for the readiness probe.
            ["v4.3.0-thick"] = [.. bin, "/usr/bin/test"],
        };
        var labs = new[]
        {
            BlogLab.OneNode(),
            BlogLab.OneNode(multus: m => m.Version(MultusVersion.V4, plugin: MultusPlugin.Thin)),
            BlogLab.OneNode(defaultMultus: true),
        };
        foreach (var lab in labs)
        {
            var pod = GeneratedMultusObjects(lab)["DaemonSet/kube-multus-ds"]!["spec"]!["template"]!["spec"]!;
            foreach (var container in pod["containers"]!.AsArray().Concat(pod["initContainers"]!.AsArray()))
            {
                var tag = ((string)container!["image"]!).Split(':')[1];
                var command = (string)container["command"]![0]!;
                Assert.True(images[tag].Contains(command), $"{container["name"]} runs {command}, which the {tag} image does not have");

                // Any image path among the arguments (e.g. cp's source) must be there too; /host and /tmp are mounts.
                var words = container["command"]!.AsArray().Skip(1).Concat(container["args"]?.AsArray() ?? []).Select(w => (string)w!);
                foreach (var path in words.Where(w => w.StartsWith("/usr/", StringComparison.Ordinal)))
                {
                    Assert.True(images[tag].Contains(path), $"{container["name"]} uses {path}, which the {tag} image does not have");
                }

                if (container["readinessProbe"]?["exec"]?["command"]?[0] is { } probe)
                {
                    Assert.True(images[tag].Contains((string)probe!), $"{container["name"]}'s readiness probe runs {probe}, which the {tag} image does not have");
                }
            }
        }
    }

    [Fact]
    public void The_comparison_fails_when_the_conf_file_name_differs_in_one_place()
    {
        var upstream = UpstreamObjects("multus-daemonset-v3.9.3.yml");
        ApplyBlogChanges(upstream, WithoutBandwidth(BlogCniConf));
        upstream["DaemonSet/kube-multus-ds"]!["spec"]!["template"]!["spec"]!["volumes"]![2]!["configMap"]!["items"]![0]!["path"] = "70-multus.conf";
        var generated = GeneratedMultusObjects();
        Assert.False(JsonNode.DeepEquals(Normalize(upstream["DaemonSet/kube-multus-ds"]), Normalize(generated["DaemonSet/kube-multus-ds"])));
    }

    [Fact]
    public void Conf_file_argument_and_volume_item_are_derived_from_one_value()
    {
        var lab = BlogLab.OneNode(multus: m => m.ConfFile("00-multus.conf"));
        var ds = GeneratedMultusObjects(lab)["DaemonSet/kube-multus-ds"]!;
        var pod = ds["spec"]!["template"]!["spec"]!;
        Assert.Equal("--multus-conf-file=/tmp/multus-conf/00-multus.conf", (string?)pod["containers"]![0]!["args"]![0]);
        Assert.Equal("00-multus.conf", (string?)pod["volumes"]![2]!["configMap"]!["items"]![0]!["path"]);
    }

    private static Dictionary<string, JsonNode?> UpstreamObjects(string file)
    {
        var text = UpstreamFiles.Read(file);
        return YamlText.Documents(text).ToDictionary(Key, d => (JsonNode?)d);
    }

    private static void ApplyBlogChanges(Dictionary<string, JsonNode?> objects, string cniConf, string tag = "v3.9.3")
    {
        objects["ConfigMap/multus-cni-config"]!["data"]!["cni-conf.json"] = cniConf;
        var pod = objects["DaemonSet/kube-multus-ds"]!["spec"]!["template"]!["spec"]!;
        pod["containers"]![0]!["image"] = $"ghcr.io/k8snetworkplumbingwg/multus-cni:{tag}";
        pod["initContainers"]![0]!["image"] = $"ghcr.io/k8snetworkplumbingwg/multus-cni:{tag}";
        pod["containers"]![0]!["args"]![0] = "--multus-conf-file=/tmp/multus-conf/0-multus.conf";
        pod["volumes"]![2]!["configMap"]!["items"]![0]!["path"] = "0-multus.conf";
    }

    /// <summary>The blog's delegate without the bandwidth plugin, which Calico stopped installing in v3.30.0.</summary>
    private static string WithoutBandwidth(string conf)
    {
        var node = JsonNode.Parse(conf)!;
        var plugins = node["delegates"]![0]!["plugins"]!.AsArray();
        plugins.Remove(plugins.Single(p => (string?)p!["type"] == "bandwidth"));
        return node.ToJsonString();
    }

    private static void AssertSameObjects(Dictionary<string, JsonNode?> upstream, Dictionary<string, JsonNode?> generated)
    {
        Assert.Equal(upstream.Keys.Order(StringComparer.Ordinal), generated.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, expected) in upstream)
        {
            Assert.True(JsonNode.DeepEquals(Normalize(expected), Normalize(generated[key])),
                $"{key} differs from upstream + documented changes:\nexpected {Normalize(expected).ToJsonString()}\nactual   {Normalize(generated[key]).ToJsonString()}");
        }
    }

    /// <summary>The Multus objects and the NAD CRD as the cluster receives them: from multus/ and crds/ (no GitOps section) or from the CNI layer.</summary>
    private static Dictionary<string, JsonNode?> GeneratedMultusObjects(GitOps.Topology.Lab? lab = null)
    {
        var files = LabGenerator.GenerateSet(lab ?? HomeLab.HomeLabModel.Build()).Files;
        var folders = files
            .Where(f => f.RelativePath.StartsWith("multus/", StringComparison.Ordinal) || f.RelativePath.StartsWith("crds/", StringComparison.Ordinal))
            .SelectMany(f => f.Objects)
            .Select(o => (JsonNode?)YamlText.Documents(YamlRenderer.RenderObject(o))[0]);
        var layer = files.SelectMany(f => f.Objects).OfType<GitOps.Rancher.ProvisioningCluster>()
            .SelectMany(c => c.Spec.RkeConfig.AdditionalManifest.Children.Select(o => YamlText.Documents(YamlRenderer.RenderObject(o))[0]))
            .Where(d => (string?)d!["kind"] is not ("HelmChart" or "Namespace"))
            .Select(d => (JsonNode?)d);
        return folders.Concat(layer).ToDictionary(Key, d => d);
    }

    private static string Key(JsonNode? node) => $"{(string?)node!["kind"]}/{(string?)node["metadata"]!["name"]}";

    /// <summary>The embedded CNI and daemon JSON compare as JSON, not as text (formatting is the writer's business).</summary>
    private static JsonNode Normalize(JsonNode? node)
    {
        var copy = node!.DeepClone();
        foreach (var key in new[] { "cni-conf.json", "daemon-config.json" })
        {
            if (copy["data"]?[key] is JsonValue conf)
            {
                copy["data"]![key] = JsonNode.Parse(conf.GetValue<string>());
            }
        }

        return copy;
    }
}
