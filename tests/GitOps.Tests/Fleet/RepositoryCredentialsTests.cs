using GitOps.Diagnostics;
using GitOps.Tests.Model;
using GitOps.Tests.Support;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Fleet;

/// <summary>
/// A private repository (try-out 7: an ssh URL built green, and neither tool could ever clone it): Fleet's GitRepos name
/// the Secret they clone with (<c>spec.clientSecretName</c>), Flux's GitRepository its <c>spec.secretRef</c>. The Secret
/// itself is created by hand in the cluster and never written.
/// </summary>
public sealed class RepositoryCredentialsTests
{
    private const string SshUrl = "ssh://git@github.com/you/lab.git";

    [Fact]
    public void Both_Fleet_GitRepos_clone_with_the_named_secret_and_are_valid_against_Fleet_s_CRD()
    {
        var lab = GitOpsLabs.With(g => g.Repository(SshUrl).Fleet(f => f.ClientSecret("lab-repo-auth")).RancherCluster("v1.33.5+k3s1"));

        var files = GitOpsLabs.Files(lab); // GenerateSet validates every object against the bundled CRDs

        var downstream = YamlText.Documents(GitOpsLabs.Text(files["rancher-local/gitrepo-home-lab.yaml"])).Single()!;
        var local = YamlText.Documents(GitOpsLabs.Text(files["rancher/gitrepo-home-lab-rancher.yaml"])).Single()!;
        Assert.Equal(("lab-repo-auth", "fleet-default"), ((string)downstream["spec"]!["clientSecretName"]!, (string)downstream["metadata"]!["namespace"]!));
        Assert.Equal(("lab-repo-auth", "fleet-local"), ((string)local["spec"]!["clientSecretName"]!, (string)local["metadata"]!["namespace"]!));
        Assert.DoesNotContain(files.Values, f => GitOpsLabs.Text(f).Contains("kind: Secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Flux_s_GitRepository_names_the_secret_in_its_secretRef()
    {
        var lab = GitOpsLabs.With(g => g.Repository(SshUrl).Flux(f => f.SecretRef("lab-repo-auth")));

        var source = YamlText.Documents(GitOpsLabs.Text(GitOpsLabs.Files(lab)["flux/gitrepository-home-lab.yaml"])).Single()!;

        Assert.Equal("lab-repo-auth", (string)source["spec"]!["secretRef"]!["name"]!);
    }

    [Fact]
    public void Without_a_secret_neither_tool_names_one()
    {
        var files = GitOpsLabs.Files(GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).Fleet().Flux().RancherCluster("v1.33.5+k3s1")));

        Assert.All(files.Where(f => f.Key.Contains("gitrepo", StringComparison.Ordinal)),
            f => Assert.DoesNotMatch("clientSecretName|secretRef", GitOpsLabs.Text(f.Value)));
    }

    [Theory]
    [InlineData("Lab_Repo")]
    [InlineData("-auth")]
    public void A_secret_name_Kubernetes_refuses_is_an_error_at_its_call(string name)
    {
        Expect.Error(new LabChange { GitOps = g => g.Repository(SshUrl).Fleet(f => f.ClientSecret(name)) },
            DiagnosticCodes.InvalidName, "lab/gitops/fleet/clientSecretName", value: $"'{name}' is not a valid Secret name", fix: "e.g. \"lab-repo-auth\"");
        Expect.Error(new LabChange { GitOps = g => g.Repository(SshUrl).Flux(f => f.SecretRef(name)) },
            DiagnosticCodes.InvalidName, "lab/gitops/flux/secretRef", value: $"'{name}' is not a valid Secret name", fix: "e.g. \"lab-repo-auth\"");
    }

    [Fact]
    public void A_secret_name_with_dots_is_a_valid_subdomain() =>
        Assert.Contains("clientSecretName: repo.auth.v2", GitOpsLabs.Text(GitOpsLabs.Files(
            GitOpsLabs.With(g => g.Repository(SshUrl).Fleet(f => f.ClientSecret("repo.auth.v2"))))["rancher/gitrepo-home-lab.yaml"]), StringComparison.Ordinal);
}
