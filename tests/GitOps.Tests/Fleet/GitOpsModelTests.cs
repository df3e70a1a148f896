using GitOps.Diagnostics;
using GitOps.Topology;
using Xunit;

namespace GitOps.Tests.Fleet;

/// <summary>Bad GitOps input is a coded error that names the field, the value and the fix, at the user's line.</summary>
public sealed class GitOpsModelTests
{
    [Fact]
    public void Missing_repository_is_GITOPS401_at_the_gitops_call()
    {
        var d = Single(() => GitOpsLabs.With(g => g.Fleet()));
        Assert.Equal(DiagnosticCodes.GitOpsRepositoryMissing, d.Code);
        Assert.Equal("lab/gitops/repository", d.Path);
        Assert.Contains(".Repository(\"https://", d.Message);
        Assert.EndsWith("GitOpsLabs.cs", d.File);
        Assert.True(d.Line > 0);
    }

    [Theory]
    [InlineData("github.com/you/lab", "GITOPS402", "lab/gitops/repository/url")]
    [InlineData("ftp://host/lab.git", "GITOPS402", "lab/gitops/repository/url")]
    [InlineData("https://github.com/you/lab .git", "GITOPS402", "lab/gitops/repository/url")]
    public void Bad_repository_url(string url, string code, string path)
    {
        var d = Single(() => GitOpsLabs.With(g => g.Repository(url)));
        Assert.Equal(code, d.Code);
        Assert.Equal(path, d.Path);
        Assert.Contains($"'{url}'", d.Message);
    }

    [Fact]
    public void Scp_style_url_is_fine_for_fleet_and_rewritten_for_flux()
    {
        var lab = GitOpsLabs.With(g => g.Repository("git@github.com:you/lab.git").Fleet());
        Assert.Equal("git@github.com:you/lab.git", lab.GitOps!.Repository.Url);

        var d = Single(() => GitOpsLabs.With(g => g.Repository("git@github.com:you/lab.git").Flux()));
        Assert.Equal(DiagnosticCodes.RepositoryUrlInvalid, d.Code);
        Assert.Contains("ssh://git@github.com/you/lab.git", d.Message);
    }

    [Theory]
    [InlineData("feature branch")]
    [InlineData("a..b")]
    [InlineData("-x")]
    [InlineData("main.lock")]
    [InlineData("")]
    public void Bad_branch_is_GITOPS403(string branch)
    {
        var d = Single(() => GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl, branch: branch)));
        Assert.Equal(DiagnosticCodes.BranchInvalid, d.Code);
        Assert.Equal("lab/gitops/repository/branch", d.Path);
    }

    [Theory]
    [InlineData("/manifests")]
    [InlineData("../manifests")]
    [InlineData("my manifests")]
    [InlineData("a/../b")]
    public void Bad_repository_path_is_GITOPS404(string path)
    {
        var d = Single(() => GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl, path: path)));
        Assert.Equal(DiagnosticCodes.RepositoryPathInvalid, d.Code);
        Assert.Contains($"'{path}'", d.Message);
    }

    [Theory]
    [InlineData("manifests", "manifests")]
    [InlineData("./manifests/", "manifests")]
    [InlineData(".", ".")]
    [InlineData("", ".")]
    [InlineData("clusters/home/manifests", "clusters/home/manifests")]
    public void Repository_path_is_normalized(string path, string expected)
    {
        var lab = GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl, path: path));
        Assert.Equal(expected, lab.GitOps!.Repository.Path);
        Assert.Equal(expected == "." ? "crds" : $"{expected}/crds", lab.GitOps.Repository.PathOf("crds"));
    }

    [Fact]
    public void Neither_tool_named_means_fleet_targeting_the_labs_cluster()
    {
        var gitOps = GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl)).GitOps!;
        Assert.NotNull(gitOps.Fleet);
        Assert.Null(gitOps.Flux);
        Assert.Equal("home-lab", gitOps.Fleet.Name);
        Assert.Equal(["example"], gitOps.Fleet.TargetClusters);
        Assert.Equal("fleet-default", gitOps.Fleet.Namespace);
    }

    [Fact]
    public void Unknown_k3s_server_is_GITOPS421()
    {
        var d = Single(() => GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).K3sServer("k8s-9")));
        Assert.Equal(DiagnosticCodes.K3sServerUnknown, d.Code);
        Assert.Equal("lab/gitops/k3sServer", d.Path);
        Assert.Contains("'k8s-1'", d.Message);
    }

    [Fact]
    public void K3s_server_with_rancher_is_GITOPS422()
    {
        var d = Single(() => GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).RancherCluster("v1.33.5+k3s1").K3sServer("k8s-1")));
        Assert.Equal(DiagnosticCodes.K3sServerWithRancher, d.Code);
        Assert.Contains("remove .K3sServer", d.Message);
    }

    [Fact]
    public void Flux_gets_the_tigera_operator_too()
    {
        var files = GitOpsLabs.Files(GitOpsLabs.FluxOnly());
        var layer = files["hosts/k8s-1/var/lib/rancher/k3s/server/manifests/home-lab-cni-layer.yaml"];
        Assert.Contains(layer.Objects, o => o is GitOps.K3s.HelmChart { Spec.Chart: "tigera-operator", Spec.Bootstrap: true });
    }

    [Fact]
    public void Bad_interval_is_GITOPS407()
    {
        var d = Single(() => GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).Flux(x => x.ReconcileInterval(TimeSpan.FromMilliseconds(1500)))));
        Assert.Equal(DiagnosticCodes.IntervalInvalid, d.Code);
        Assert.Equal("lab/gitops/flux/reconcileInterval", d.Path);
    }

    [Theory]
    [InlineData("1.33")]
    [InlineData("v1.33.5+rke2r1")]
    [InlineData("v1.33.5")]
    public void Bad_k3s_version_is_GITOPS408(string version)
    {
        var d = Single(() => GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).RancherCluster(version)));
        Assert.Equal(DiagnosticCodes.KubernetesVersionInvalid, d.Code);
        Assert.Contains("v1.33.5+k3s1", d.Message);
    }

    [Fact]
    public void Bad_names_use_the_one_name_check()
    {
        var e = Assert.Throws<LabValidationException>(() => GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl)
            .Fleet(f => f.Name("Home_Lab").TargetCluster("Example"))
            .Flux(x => x.Namespace("flux system"))));
        Assert.Equal(
            ["lab/gitops/fleet/gitRepoName", "lab/gitops/fleet/targetCluster", "lab/gitops/flux/namespace"],
            e.Diagnostics.Select(d => d.Path).Order(StringComparer.Ordinal));
        Assert.All(e.Diagnostics, d => Assert.Equal(DiagnosticCodes.InvalidName, d.Code));
    }

    [Fact]
    public void Fleet_namespace_error_points_at_the_namespace_call()
    {
        var d = Single(() => GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).Fleet(f => f
            .Namespace("Fleet Local"))));
        Assert.Equal("lab/gitops/fleet/workspace", d.Path);
        Assert.Equal(CallerLine() - 2, d.Line);
    }

    [Fact]
    public void All_problems_are_reported_together()
    {
        var e = Assert.Throws<LabValidationException>(() => GitOpsLabs.With(g => g
            .Repository("nope", branch: "a b", path: "/x")
            .RancherCluster("latest")));
        Assert.Equal(
            [DiagnosticCodes.RepositoryUrlInvalid, DiagnosticCodes.BranchInvalid, DiagnosticCodes.RepositoryPathInvalid, DiagnosticCodes.KubernetesVersionInvalid],
            e.Diagnostics.Select(d => d.Code));
    }

    private static int CallerLine([System.Runtime.CompilerServices.CallerLineNumber] int line = 0) => line;

    internal static Diagnostic Single(Func<Lab> build) =>
        Assert.Single(Assert.Throws<LabValidationException>(() => build()).Diagnostics);
}
