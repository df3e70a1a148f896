using System.Runtime.CompilerServices;
using GitOps.Diagnostics;
using Xunit;

namespace GitOps.Tests.Fleet;

/// <summary>GITOPS424: a GitRepo that targets none of the cluster the lab provisions in Rancher (try-out 7: it built silently).</summary>
public sealed class FleetTargetTests
{
    private const string Kubernetes = "v1.33.5+k3s1";

    [Fact]
    public void Targeting_only_another_cluster_beside_the_Rancher_cluster_is_a_warning_at_the_TargetCluster_call()
    {
        var lab = GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).Fleet(f => f
            .TargetCluster("home")).RancherCluster(Kubernetes));
        var line = Line() - 1; // the .TargetCluster(...) call, the line above

        var warning = Assert.Single(Warnings(lab));

        Assert.Equal((DiagnosticSeverity.Warning, "lab/gitops/fleet/targetCluster"), (warning.Severity, warning.Path));
        Assert.Contains("targets the Fleet cluster 'home', but not 'example', the cluster this lab provisions in Rancher", warning.Message, StringComparison.Ordinal);
        Assert.Contains("add .TargetCluster(\"example\")", warning.Message, StringComparison.Ordinal);
        Assert.Equal((ThisFile(), line), (warning.File, warning.Line));
    }

    [Fact]
    public void A_GitRepo_in_another_workspace_than_the_Rancher_cluster_s_namespace_is_a_warning_at_its_Namespace_call()
    {
        var lab = GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).Fleet(f => f
            .Namespace("home")).RancherCluster(Kubernetes));
        var line = Line() - 1; // the .Namespace(...) call, the line above

        var warning = Assert.Single(Warnings(lab));

        Assert.Equal("lab/gitops/fleet/workspace", warning.Path);
        Assert.Contains("in the Fleet workspace 'home', but Rancher registers the cluster this lab provisions ('example') in the workspace 'fleet-default'", warning.Message, StringComparison.Ordinal);
        Assert.Equal((ThisFile(), line), (warning.File, warning.Line));
    }

    [Fact]
    public void The_Rancher_cluster_among_the_targets_the_default_target_or_no_Rancher_cluster_is_no_warning()
    {
        Assert.Empty(Warnings(GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).Fleet(f => f.TargetCluster("home").TargetCluster("example")).RancherCluster(Kubernetes))));
        Assert.Empty(Warnings(GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).Fleet().RancherCluster(Kubernetes))));
        Assert.Empty(Warnings(GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).Fleet(f => f.TargetCluster("home")))));
    }

    private static IEnumerable<Diagnostic> Warnings(GitOps.Topology.Lab lab) =>
        LabGenerator.GenerateWithWarnings(lab).Warnings.Where(w => w.Code == DiagnosticCodes.FleetTargetMissesRancherCluster);

    private static int Line([CallerLineNumber] int line = 0) => line;

    private static string ThisFile([CallerFilePath] string file = "") => file;
}
