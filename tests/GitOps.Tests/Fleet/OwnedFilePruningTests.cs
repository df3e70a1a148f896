using GitOps.Output;
using Xunit;

namespace GitOps.Tests.Fleet;

/// <summary>Choosing differently in the model changes the folder on the next generation: files no longer produced are deleted.</summary>
public sealed class OwnedFilePruningTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gitops-prune-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Removing_flux_from_the_model_removes_its_files_and_keeps_the_users()
    {
        Write(GitOpsLabs.FleetAndFlux());
        Assert.True(File.Exists(Path.Combine(_folder, "flux", "kustomization-home-lab-namespaces.yaml")));
        Assert.True(File.Exists(Path.Combine(_folder, "namespaces", "kustomization.yaml")));
        var userFile = Path.Combine(_folder, "flux", "notes.txt");
        File.WriteAllText(userFile, "mine");

        var result = Write(GitOpsLabs.Fleet());

        Assert.False(File.Exists(Path.Combine(_folder, "flux", "gitrepository-home-lab.yaml")));
        Assert.Empty(Directory.GetFiles(_folder, "kustomization*.yaml", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(_folder, "namespaces", "fleet.yaml")));
        Assert.Equal("mine", File.ReadAllText(userFile));
        // 5 folder kustomizations (calico-bgp included), flux/kustomization.yaml, the GitRepository and 5 Kustomizations.
        Assert.Equal(12, result.Deleted);
        Assert.DoesNotContain(OwnedFileList.Read(_folder), p => p.StartsWith("flux/", StringComparison.Ordinal));
        // Try-out 8: the Kustomizations were applied by hand and stay in the cluster; deleting one with prune: true
        // deletes what it applied. Each deleted one is named, with the command that makes deleting it safe.
        var kustomizations = result.Warnings.Where(w => w.Code == GitOps.Diagnostics.DiagnosticCodes.OutputDeletesStoredData).ToArray();
        Assert.Equal(5, kustomizations.Length);
        Assert.All(kustomizations, w => Assert.StartsWith("output/flux/kustomization-home-lab-", w.Path, StringComparison.Ordinal));
        Assert.Contains(kustomizations, w => w.Message.Contains(
            "holds the Flux Kustomization flux-system/home-lab-namespaces, which you applied by hand (kubectl apply -k)", StringComparison.Ordinal) &&
            w.Message.Contains("kubectl -n flux-system patch kustomization home-lab-namespaces --type merge -p '{\"spec\":{\"prune\":false}}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Switching_to_rancher_moves_the_cni_layer_from_the_host_files_into_the_cluster()
    {
        var hostLayer = Path.Combine(_folder, "hosts", "k8s-1", "var", "lib", "rancher", "k3s", "server", "manifests", "home-lab-cni-layer.yaml");
        Write(GitOpsLabs.Fleet());
        Assert.True(File.Exists(hostLayer));

        Write(GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).Fleet().RancherCluster("v1.33.5+k3s1")));

        Assert.False(File.Exists(hostLayer));
        Assert.Contains("tigera-operator", File.ReadAllText(Path.Combine(_folder, "rancher-local", "cluster-example.yaml")));
    }

    [Fact]
    public void Leaving_Rancher_and_Fleet_warns_at_the_synced_Cluster_and_GitRepo_it_deletes()
    {
        // Try-out 7: switching delivery from Fleet + Rancher to Flux deleted the provisioning Cluster and the GitRepos
        // without a warning; rancher-local/ is synced by the fleet-local GitRepo, so Fleet would then delete them.
        Write(GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).Fleet().RancherCluster("v1.33.5+k3s1")));
        var synced = Directory.GetFiles(Path.Combine(_folder, "rancher-local"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Contains("cluster-example.yaml", synced);

        var result = Write(GitOpsLabs.FluxOnly());

        Assert.Equal(
            ["output/rancher-local/cluster-example.yaml", "output/rancher-local/gitrepo-home-lab.yaml", "output/rancher/gitrepo-home-lab-rancher.yaml"],
            result.Warnings.Where(w => w.Code == GitOps.Diagnostics.DiagnosticCodes.OutputDeletesStoredData).Select(w => w.Path).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(_folder, "rancher-local")) && Directory.GetFiles(Path.Combine(_folder, "rancher-local")).Length > 0);
    }

    [Fact]
    public void Renaming_the_Fleet_GitRepo_of_a_lab_without_Rancher_warns_that_deleting_the_old_one_deletes_what_it_deployed()
    {
        // Review: without Rancher, rancher/ holds the downstream GitRepo itself (fleet-default), applied by hand; the
        // warning must not speak of a Rancher cluster the lab does not have.
        Write(GitOpsLabs.Fleet(f => f.Name("home-lab")));

        var result = Write(GitOpsLabs.Fleet(f => f.Name("lab")));

        var warning = Assert.Single(result.Warnings, w => w.Code == GitOps.Diagnostics.DiagnosticCodes.OutputDeletesStoredData);
        Assert.Equal("output/rancher/gitrepo-home-lab.yaml", warning.Path);
        Assert.StartsWith("this build deletes this file, which holds the Fleet GitRepo fleet-default/home-lab, which you applied by hand", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Rancher", warning.Message, StringComparison.Ordinal);
        Assert.Contains("kubectl -n fleet-default patch gitrepo home-lab --type merge", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Renaming_the_Fleet_GitRepo_warns_at_the_hand_applied_fleet_local_GitRepo_it_renames()
    {
        // Try-out 8: the fleet-local GitRepo in rancher/ is named after the Fleet GitRepo; renaming that replaced
        // gitrepo-home-lab-rancher.yaml with gitrepo-lab-rancher.yaml without a word, and the docs say to delete the old
        // GitRepo by hand, which without keepResources deletes rancher-local/'s provisioning Cluster with it.
        Write(GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).Fleet(f => f.Name("home-lab")).RancherCluster("v1.33.5+k3s1")));

        var result = Write(GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl).Fleet(f => f.Name("lab")).RancherCluster("v1.33.5+k3s1")));

        var handApplied = Assert.Single(result.Warnings, w => w.Path == "output/rancher/gitrepo-home-lab-rancher.yaml");
        Assert.Equal(GitOps.Diagnostics.DiagnosticCodes.OutputDeletesStoredData, handApplied.Code);
        Assert.Contains("kubectl -n fleet-local patch gitrepo home-lab-rancher", handApplied.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "rancher", "gitrepo-lab-rancher.yaml")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private OutputResult Write(GitOps.Topology.Lab lab) =>
        OutputWriter.Write(_folder, YamlRenderer.Render(LabGenerator.GenerateSet(lab)));
}
