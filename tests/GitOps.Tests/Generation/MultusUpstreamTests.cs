using GitOps.Validation;
using System.Text.Json.Nodes;
using GitOps.Output;
using GitOps.Tests.Support;
using Xunit;

namespace GitOps.Tests.Generation;

/// <summary>
/// The generated Multus objects equal upstream's v3.9.3 quick-start manifest plus exactly the blog's
/// intended changes: the ConfigMap's cni-conf.json (Calico delegate), the pinned image, and the conf
/// file name in the argument and the volume item.
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
        var upstream = UpstreamObjects();
        ApplyBlogChanges(upstream);
        var generated = GeneratedMultusObjects();

        Assert.Equal(upstream.Keys.Order(StringComparer.Ordinal), generated.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, expected) in upstream)
        {
            Assert.True(JsonNode.DeepEquals(Normalize(expected), Normalize(generated[key])),
                $"{key} differs from upstream + blog changes:\nexpected {Normalize(expected).ToJsonString()}\nactual   {Normalize(generated[key]).ToJsonString()}");
        }
    }

    [Fact]
    public void The_comparison_fails_when_the_conf_file_name_differs_in_one_place()
    {
        var upstream = UpstreamObjects();
        ApplyBlogChanges(upstream);
        upstream["DaemonSet/kube-multus-ds"]!["spec"]!["template"]!["spec"]!["volumes"]![2]!["configMap"]!["items"]![0]!["path"] = "70-multus.conf";
        var generated = GeneratedMultusObjects();
        Assert.False(JsonNode.DeepEquals(Normalize(upstream["DaemonSet/kube-multus-ds"]), Normalize(generated["DaemonSet/kube-multus-ds"])));
    }

    [Fact]
    public void Conf_file_argument_and_volume_item_are_derived_from_one_value()
    {
        var lab = TestLabs.Blog(multus: m => m.ConfFile("00-multus.conf"));
        var ds = GeneratedMultusObjects(lab)["DaemonSet/kube-multus-ds"]!;
        var pod = ds["spec"]!["template"]!["spec"]!;
        Assert.Equal("--multus-conf-file=/tmp/multus-conf/00-multus.conf", (string?)pod["containers"]![0]!["args"]![0]);
        Assert.Equal("00-multus.conf", (string?)pod["volumes"]![2]!["configMap"]!["items"]![0]!["path"]);
    }

    private static Dictionary<string, JsonNode?> UpstreamObjects()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Upstream, "multus-daemonset-v3.9.3.yml"));
        return YamlText.Documents(text).ToDictionary(Key, d => (JsonNode?)d);
    }

    private static void ApplyBlogChanges(Dictionary<string, JsonNode?> objects)
    {
        objects["ConfigMap/multus-cni-config"]!["data"]!["cni-conf.json"] = BlogCniConf;
        var pod = objects["DaemonSet/kube-multus-ds"]!["spec"]!["template"]!["spec"]!;
        pod["containers"]![0]!["image"] = "ghcr.io/k8snetworkplumbingwg/multus-cni:v3.9.3";
        pod["initContainers"]![0]!["image"] = "ghcr.io/k8snetworkplumbingwg/multus-cni:v3.9.3";
        pod["containers"]![0]!["args"]![0] = "--multus-conf-file=/tmp/multus-conf/0-multus.conf";
        pod["volumes"]![2]!["configMap"]!["items"]![0]!["path"] = "0-multus.conf";
    }

    /// <summary>The Multus objects and the NAD CRD as the cluster receives them: from multus/ and crds/ (no GitOps section) or from the CNI layer.</summary>
    private static Dictionary<string, JsonNode?> GeneratedMultusObjects(GitOps.Topology.Lab? lab = null)
    {
        var files = LabGenerator.Generate(lab ?? HomeLab.HomeLabModel.Build()).Files;
        var folders = files
            .Where(f => f.RelativePath.StartsWith("multus/", StringComparison.Ordinal) || f.RelativePath.StartsWith("crds/", StringComparison.Ordinal))
            .SelectMany(f => f.Objects)
            .Select(o => (JsonNode?)YamlText.Documents(YamlRenderer.RenderObject(o))[0]);
        var layer = files.SelectMany(f => f.Objects).OfType<GitOps.Rancher.ProvisioningCluster>()
            .SelectMany(c => YamlText.Documents(c.Spec.RkeConfig.AdditionalManifest))
            .Where(d => (string?)d!["kind"] is not ("HelmChart" or "Namespace"))
            .Select(d => (JsonNode?)d);
        return folders.Concat(layer).ToDictionary(Key, d => d);
    }

    private static string Key(JsonNode? node) => $"{(string?)node!["kind"]}/{(string?)node["metadata"]!["name"]}";

    /// <summary>The embedded CNI JSON compares as JSON, not as text (formatting is the writer's business).</summary>
    private static JsonNode Normalize(JsonNode? node)
    {
        var copy = node!.DeepClone();
        if (copy["data"]?["cni-conf.json"] is JsonValue conf)
        {
            copy["data"]!["cni-conf.json"] = JsonNode.Parse(conf.GetValue<string>());
        }

        return copy;
    }
}
