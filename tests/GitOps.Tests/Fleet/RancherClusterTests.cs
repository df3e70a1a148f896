using GitOps.Validation;
using GitOps.Rancher;
using GitOps.Tests.Support;
using Xunit;

namespace GitOps.Tests.Fleet;

public sealed class RancherClusterTests
{
    [Fact]
    public void Cluster_gets_the_k3s_flags_calico_needs_from_the_model()
    {
        var file = GitOpsLabs.Files(HomeLab.HomeLabModel.Build())["rancher/cluster-example.yaml"];
        var cluster = YamlText.Documents(GitOpsLabs.Text(file)).Single()!;
        Assert.Equal("provisioning.cattle.io/v1", (string?)cluster["apiVersion"]);
        Assert.Equal("Cluster", (string?)cluster["kind"]);
        Assert.Equal("example", (string?)cluster["metadata"]!["name"]);
        Assert.Equal("fleet-default", (string?)cluster["metadata"]!["namespace"]);
        var env = cluster["spec"]!["agentEnvVars"]!.AsArray().Single()!;
        Assert.Equal("INSTALL_K3S_EXEC", (string?)env["name"]);
        Assert.Equal("--flannel-backend=none --disable-network-policy --cluster-cidr=192.168.7.0/24 --service-cidr=10.43.0.0/16", (string?)env["value"]);
        Assert.NotNull(cluster["spec"]!["rkeConfig"]);
    }

    [Fact]
    public void Flags_come_from_the_lab_not_from_the_user()
    {
        Assert.Equal(["--flannel-backend=none", "--disable-network-policy", "--cluster-cidr=192.168.7.0/24", "--service-cidr=10.43.0.0/16"], K3sInstallFlags.For(TestLabs.Blog()));
    }

    [Fact]
    public void Without_RancherCluster_no_cluster_file_is_written()
    {
        Assert.DoesNotContain(GitOpsLabs.Files(GitOpsLabs.Fleet()).Keys, k => k.StartsWith("rancher/cluster-", StringComparison.Ordinal));
    }
}
