using System.Text.Json.Nodes;
using GitOps.Output;
using GitOps.Tests.Support;
using GitOps.TestSupport;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Generation;

/// <summary>
/// Whereabouts' emitted objects equal upstream's v0.9.4 install manifest and CRDs (../shared/upstream, SOURCES.md)
/// but for the pinned image, land where they deploy in order (CRDs in the CNI layer, the DaemonSet in node-agent/
/// before networks/), pass the schema validator (LabGenerator.Generate validates), and appear only when an
/// attachment uses whereabouts.
/// </summary>
public sealed class WhereaboutsUpstreamTests
{
    private static readonly LabChange UsesWhereabouts = new() { Attachment = a => a.Whereabouts("192.168.2.128/26"), Omit = LabSection.GitOps };

    [Fact]
    public void Generated_whereabouts_objects_equal_upstream_v0_9_4_plus_the_pinned_image()
    {
        var upstream = new[] { "whereabouts-daemonset-install.yaml", "whereabouts-ippools-crd.yaml", "whereabouts-overlappingrangeipreservations-crd.yaml" }
            .SelectMany(f => YamlText.Documents(UpstreamFiles.Read(f)))
            .Where(d => d is not null)
            .ToDictionary(Key, d => d);
        // The one documented change: upstream pulls :latest; the library pins the release the files come from.
        var container = upstream["DaemonSet/whereabouts"]!["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("ghcr.io/k8snetworkplumbingwg/whereabouts:latest", (string?)container["image"]);
        container["image"] = "ghcr.io/k8snetworkplumbingwg/whereabouts:v0.9.4";

        var generated = Generated(BlogLab.Build(UsesWhereabouts))
            .Where(p => p.Path.Contains("whereabouts", StringComparison.Ordinal))
            .ToDictionary(p => Key(p.Node), p => p.Node);

        Assert.Equal(upstream.Keys.Order(StringComparer.Ordinal), generated.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, expected) in upstream)
        {
            Assert.True(JsonNode.DeepEquals(expected, generated[key]), $"{key} differs from upstream:\nexpected {expected!.ToJsonString()}\nactual   {generated[key]!.ToJsonString()}");
        }
    }

    [Fact]
    public void Crds_go_with_the_other_crds_and_the_daemonset_to_node_agent()
    {
        var paths = Generated(BlogLab.Build(UsesWhereabouts)).Select(p => p.Path).Where(p => p.Contains("whereabouts", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "crds/customresourcedefinition-ippools-whereabouts.yaml",
                "crds/customresourcedefinition-overlappingrangeipreservations-whereabouts.yaml",
                "node-agent/clusterrole-whereabouts-cni.yaml",
                "node-agent/clusterrolebinding-whereabouts.yaml",
                "node-agent/configmap-whereabouts-config.yaml",
                "node-agent/daemonset-whereabouts.yaml",
                "node-agent/serviceaccount-whereabouts.yaml",
            ],
            paths);
        var order = GitOps.Delivery.BundleOrder.Folders.ToList();
        Assert.True(order.IndexOf("crds") < order.IndexOf("node-agent") && order.IndexOf("node-agent") < order.IndexOf("networks"));
    }

    [Fact]
    public void With_a_gitops_section_the_crds_are_in_the_day_0_cni_layer_and_the_install_in_the_node_agent_bundle()
    {
        var set = LabGenerator.GenerateSet(BlogLab.Build(new() { Attachment = a => a.Whereabouts("192.168.2.128/26") }));
        Assert.Contains(set.Files, f => f.RelativePath == "node-agent/daemonset-whereabouts.yaml");
        Assert.DoesNotContain(set.Files, f => f.RelativePath.StartsWith("crds/", StringComparison.Ordinal));
        var dayZero = string.Join("\n", set.Files.SelectMany(f => YamlRenderer.Render(new ManifestSet([f])))
            .Select(r => System.Text.Encoding.UTF8.GetString(r.Content)));
        Assert.Contains("ippools.whereabouts.cni.cncf.io", dayZero, StringComparison.Ordinal);
        Assert.Contains("overlappingrangeipreservations.whereabouts.cni.cncf.io", dayZero, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_whereabouts_nothing_of_it_is_emitted() =>
        Assert.DoesNotContain(Generated(BlogLab.Build(new() { Omit = LabSection.GitOps })), p => p.Path.Contains("whereabouts", StringComparison.Ordinal));

    [Fact]
    public void The_reference_plugin_installer_does_not_copy_whereabouts_which_its_own_daemonset_installs() =>
        Assert.Equal(["bridge"], GitOps.NodeAgent.NodeAgentEmitter.RequiredPlugins(BlogLab.Build(UsesWhereabouts)));

    /// <summary>The YAML objects of the output (NETWORK.md and other text files are files of their own).</summary>
    private static IEnumerable<(string Path, JsonNode? Node)> Generated(GitOps.Topology.Lab lab) =>
        LabGenerator.GenerateSet(lab).Files.SelectMany(f => f.Objects.Where(o => o is not ITextFileDocument).Select(o => (f.RelativePath, (JsonNode?)YamlText.Documents(YamlRenderer.RenderObject(o))[0])));

    private static string Key(JsonNode? node) => $"{(string?)node!["kind"]}/{(string?)node["metadata"]!["name"]}";
}
