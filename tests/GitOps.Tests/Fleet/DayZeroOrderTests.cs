using System.Text.Json.Nodes;
using GitOps.Output;
using GitOps.Topology;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Fleet;

/// <summary>
/// From an empty K3s (flannel off) to the last bundle, the generated output converges: nothing that needs a pod
/// network is required before the CNI layer is up, and no namespaced object comes before its Namespace
/// (<see cref="DayZeroWalk"/>). The same walk fails on the layout before issue 10 and on single broken steps.
/// </summary>
public sealed class DayZeroOrderTests
{
    public static TheoryData<string> Labs() => new(LabsByName.Keys);

    private static readonly IReadOnlyDictionary<string, Func<Lab>> LabsByName = new Dictionary<string, Func<Lab>>
    {
        ["sample (Rancher, Fleet)"] = HomeLab.HomeLabModel.Build,
        ["plain K3s, Flux, non-default CIDRs"] = GitOpsLabs.FluxNonDefaultCidrs,
        ["plain K3s, Fleet and Flux"] = GitOpsLabs.FleetAndFlux,
        ["Rancher, Flux"] = () => GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).Flux().RancherCluster("v1.33.5+k3s1")),
    };

    private static Dictionary<string, string> Output(Lab lab) => new(DayZeroWalk.Texts(LabGenerator.GenerateSet(lab)), StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Labs))]
    public void Generated_output_walks_from_day_0_to_the_last_bundle(string lab)
    {
        var walk = DayZeroWalk.Walk(Output(LabsByName[lab]()));
        Assert.True(walk.Violations.Count == 0, string.Join('\n', walk.Violations));
        Assert.Equal(["k3s-manifests", "bootstrap-charts", "gitops-agents", "bundle:namespaces"], walk.Steps.Take(4).Select(s => s.Name));
        // The bundles come in BundleOrder.Folders (calico/ appears when it holds objects besides the Installation).
        var bundles = walk.Steps.Skip(3).Select(s => s.Name["bundle:".Length..]).ToArray();
        Assert.Equal(GitOps.Delivery.BundleOrder.Folders.Where(bundles.Contains), bundles);
        Assert.Equal(["networks", "workloads"], bundles[^2..]);
    }

    [Fact]
    public void The_layout_before_issue_10_fails_the_walk()
    {
        // Before: Fleet bundles crds/ → multus/ → calico/ (a raw Installation, no operator) → the rest; the Cluster had
        // no additionalManifest. Rebuilt here from today's CNI layer.
        var files = Output(HomeLab.HomeLabModel.Build());
        var cluster = YamlText.Documents(files["rancher-local/cluster-example.yaml"]).Single()!;
        var layer = YamlText.Documents((string)cluster["spec"]!["rkeConfig"]!["additionalManifest"]!).OfType<JsonNode>().ToArray();
        cluster["spec"]!["rkeConfig"]!.AsObject().Remove("additionalManifest");
        files["rancher-local/cluster-example.yaml"] = YamlRenderer.RenderNode(cluster);
        files["crds/crd.yaml"] = YamlRenderer.RenderNode(layer.Single(d => (string?)d["kind"] == "CustomResourceDefinition"));
        files["multus/multus.yaml"] = string.Join("---\n", layer.Where(d => (string?)d["kind"] is not ("CustomResourceDefinition" or "HelmChart")).Select(YamlRenderer.RenderNode));
        var values = YamlText.Documents((string)layer.Single(d => (string?)d["metadata"]!["name"] == "tigera-operator")["spec"]!["valuesContent"]!).Single()!["installation"]!.AsObject();
        values.Remove("enabled");
        files["calico/installation-default.yaml"] = YamlRenderer.RenderNode(new JsonObject
        {
            ["apiVersion"] = "operator.tigera.io/v1", ["kind"] = "Installation", ["metadata"] = new JsonObject { ["name"] = "default" }, ["spec"] = values.DeepClone(),
        });
        var gitRepo = YamlText.Documents(files["rancher-local/gitrepo-home-lab.yaml"]).Single()!;
        var paths = gitRepo["spec"]!["paths"]!.AsArray();
        var old = new[] { "crds", "multus", "calico" };
        string? previous = null;
        foreach (var folder in old)
        {
            files[$"{folder}/fleet.yaml"] = previous is null ? "defaultNamespace: default\n" : $"defaultNamespace: default\ndependsOn:\n- name: {previous}\n";
            previous = GitOps.Fleet.FleetNames.BundleName("home-lab", $"manifests/{folder}");
        }

        files["namespaces/fleet.yaml"] = $"defaultNamespace: default\ndependsOn:\n- name: {previous}\n";
        var all = new JsonArray([.. old.Select(f => (JsonNode)$"manifests/{f}"), .. paths.Select(p => p!.DeepClone())]);
        gitRepo["spec"]!["paths"] = all;
        files["rancher-local/gitrepo-home-lab.yaml"] = YamlRenderer.RenderNode(gitRepo);

        var walk = DayZeroWalk.Walk(files);

        Assert.Contains(walk.Violations, v => v.Contains("no bootstrap HelmChart installs the tigera-operator", StringComparison.Ordinal));
        Assert.Contains(walk.Violations, v => v.Contains("DaemonSet 'kube-system/kube-multus-ds' belongs to the CNI layer but is delivered by Fleet/Flux", StringComparison.Ordinal));
        Assert.Contains(walk.Violations, v => v.Contains("Installation 'default' belongs to the CNI layer", StringComparison.Ordinal));
    }

    [Fact]
    public void A_helm_chart_without_bootstrap_fails_the_walk()
    {
        var files = Output(GitOpsLabs.FluxNonDefaultCidrs());
        var path = files.Keys.Single(k => k.EndsWith("/server/manifests/iot-lab-cni-layer.yaml", StringComparison.Ordinal));
        files[path] = files[path].Replace("bootstrap: true", "bootstrap: false", StringComparison.Ordinal);
        var violations = DayZeroWalk.Walk(files).Violations;
        Assert.Contains(violations, v => v.Contains("HelmChart 'kube-system/tigera-operator' is not bootstrap: true", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("no bootstrap HelmChart installs the tigera-operator", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_calico_crd_chart_fails_the_walk()
    {
        var files = Output(GitOpsLabs.FluxNonDefaultCidrs());
        var path = files.Keys.Single(k => k.EndsWith("/server/manifests/iot-lab-cni-layer.yaml", StringComparison.Ordinal));
        var docs = YamlText.Documents(files[path]).OfType<JsonNode>().Where(d => (string?)d["metadata"]?["name"] != "calico-crds");
        files[path] = string.Join("---\n", docs.Select(YamlRenderer.RenderNode));
        var violation = Assert.Single(DayZeroWalk.Walk(files).Violations);
        Assert.Contains("no bootstrap HelmChart installs crd.projectcalico.org.v1 v3.32.1", violation);
    }

    [Fact]
    public void A_day_0_pod_without_host_network_fails_the_walk()
    {
        var files = Output(GitOpsLabs.FluxNonDefaultCidrs());
        var path = files.Keys.Single(k => k.EndsWith("/server/manifests/iot-lab-cni-layer.yaml", StringComparison.Ordinal));
        files[path] = files[path].Replace("hostNetwork: true", "hostNetwork: false", StringComparison.Ordinal);
        Assert.Contains(DayZeroWalk.Walk(files).Violations, v => v.Contains("DaemonSet 'kube-system/kube-multus-ds' has no hostNetwork", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gitops_object_at_day_0_fails_the_walk()
    {
        var files = Output(GitOpsLabs.FluxNonDefaultCidrs());
        var path = files.Keys.Single(k => k.EndsWith("/server/manifests/iot-lab-cni-layer.yaml", StringComparison.Ordinal));
        files[path] += "---\n" + files["flux/gitrepository-iot-lab.yaml"];
        Assert.Contains(DayZeroWalk.Walk(files).Violations, v => v.Contains("GitRepository 'flux-system/iot-lab' needs the Fleet/Flux controller", StringComparison.Ordinal));
    }

    [Fact]
    public void A_namespace_after_its_objects_fails_the_walk()
    {
        // Issue 10's case: the NAD's namespace iot created only with the workloads, a bundle that depends on networks/.
        var files = Output(GitOpsLabs.FluxNonDefaultCidrs());
        files["workloads/namespace-iot.yaml"] = files["namespaces/namespace-iot.yaml"];
        files.Remove("namespaces/namespace-iot.yaml");
        Assert.Contains(DayZeroWalk.Walk(files).Violations,
            v => v.Contains("bundle:networks: NetworkAttachmentDefinition 'iot/iot-l2' lives in namespace 'iot', which no step up to this one creates", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_k3s_server_gets_the_same_cni_layer_and_config()
    {
        var lab = GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).Flux().K3sServer("k8s-1").K3sServer("k8s-2"),
            secondNode: n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a")).Interface("eth1", "k8s"));
        var files = Output(lab);
        const string Layer = "var/lib/rancher/k3s/server/manifests/home-lab-cni-layer.yaml";
        Assert.Equal(files[$"hosts/k8s-1/{Layer}"], files[$"hosts/k8s-2/{Layer}"]);
        Assert.Equal(files["hosts/k8s-1/etc/rancher/k3s/config.yaml"], files["hosts/k8s-2/etc/rancher/k3s/config.yaml"]);
        Assert.Empty(DayZeroWalk.Walk(files).Violations);
    }

    [Fact]
    public void Every_namespace_an_object_lives_in_has_its_namespace_object()
    {
        var files = LabGenerator.GenerateSet(GitOpsLabs.FluxNonDefaultCidrs()).Files;
        Assert.Contains(files, f => f.RelativePath == "namespaces/namespace-iot.yaml");
        Assert.DoesNotContain(files, f => f.RelativePath.StartsWith("workloads/namespace-", StringComparison.Ordinal));
        // Also without a GitOps section (applied by hand, in folder order).
        var plain = LabGenerator.GenerateSet(GitOps.Tests.Support.BlogLab.OneNode()).Files;
        Assert.Contains(plain, f => f.RelativePath == "namespaces/namespace-smarthome.yaml");
    }
}
