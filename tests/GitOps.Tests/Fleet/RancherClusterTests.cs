using System.Text.Json.Nodes;
using GitOps.Delivery;
using GitOps.K3s;
using GitOps.Tests.Support;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Fleet;

/// <summary>The Rancher provisioning Cluster: K3s settings in machineGlobalConfig, the CNI layer in additionalManifest.</summary>
public sealed class RancherClusterTests
{
    private static JsonNode Cluster() =>
        YamlText.Documents(GitOpsLabs.Text(GitOpsLabs.Files(HomeLab.HomeLabModel.Build())["rancher-local/cluster-example.yaml"])).Single()!;

    [Fact]
    public void Cluster_gets_the_k3s_settings_calico_needs_from_the_model()
    {
        var cluster = Cluster();
        Assert.Equal("provisioning.cattle.io/v1", (string?)cluster["apiVersion"]);
        Assert.Equal("Cluster", (string?)cluster["kind"]);
        Assert.Equal("example", (string?)cluster["metadata"]!["name"]);
        Assert.Equal("fleet-default", (string?)cluster["metadata"]!["namespace"]);
        Assert.Null(cluster["spec"]!["agentEnvVars"]);
        var config = cluster["spec"]!["rkeConfig"]!["machineGlobalConfig"]!;
        Assert.Equal("none", (string?)config["flannel-backend"]);
        Assert.True((bool?)config["disable-network-policy"]);
        Assert.Equal("192.168.7.0/24", (string?)config["cluster-cidr"]);
        Assert.Equal("10.43.0.0/16", (string?)config["service-cidr"]);
    }

    [Fact]
    public void Additional_manifest_is_the_cni_layer_with_the_bootstrap_tigera_operator_chart()
    {
        var docs = YamlText.Documents((string)Cluster()["spec"]!["rkeConfig"]!["additionalManifest"]!);
        var kinds = docs.Select(d => (string?)d!["kind"]).ToArray();
        Assert.Contains("CustomResourceDefinition", kinds);
        Assert.Contains("DaemonSet", kinds);
        Assert.Equal("HelmChart", kinds[^1]);
        var chart = docs[^1]!;
        Assert.Equal("kube-system", (string?)chart["metadata"]!["namespace"]);
        Assert.True((bool?)chart["spec"]!["bootstrap"]);
        Assert.Equal("v3.32.1", (string?)chart["spec"]!["version"]);
        Assert.Equal("https://docs.tigera.io/calico/charts", (string?)chart["spec"]!["repo"]);
        Assert.DoesNotContain("Installation", kinds); // the chart renders it from valuesContent
    }

    [Fact]
    public void Without_RancherCluster_no_cluster_file_is_written()
    {
        Assert.DoesNotContain(GitOpsLabs.Files(GitOpsLabs.Fleet()).Keys, k => k.StartsWith("rancher-local/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_fleet_local_gitrepo_syncs_rancher_local_into_rancher_s_own_cluster()
    {
        var files = GitOpsLabs.Files(HomeLab.HomeLabModel.Build());
        var repo = YamlText.Documents(GitOpsLabs.Text(files["rancher/gitrepo-home-lab-rancher.yaml"])).Single()!;
        Assert.Equal("fleet-local", (string?)repo["metadata"]!["namespace"]);
        Assert.Equal("manifests/rancher-local", (string?)repo["spec"]!["paths"]![0]);
        Assert.Equal("local", (string?)repo["spec"]!["targets"]![0]!["clusterName"]);
        // The downstream GitRepo is synced by it, not applied by hand.
        Assert.True(files.ContainsKey("rancher-local/gitrepo-home-lab.yaml"));
        Assert.False(files.ContainsKey("rancher/gitrepo-home-lab.yaml"));
    }

    [Fact]
    public void Settings_come_from_the_lab_not_from_the_user()
    {
        var config = K3sServerConfig.For(BlogLab.OneNode());
        Assert.Equal(["flannel-backend", "disable-network-policy", "cluster-cidr", "service-cidr", "kube-controller-manager-arg"], config.Select(p => p.Key).ToArray());
    }
}
