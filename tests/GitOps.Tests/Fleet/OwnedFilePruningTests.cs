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
        Assert.True(File.Exists(Path.Combine(_folder, "flux", "kustomization-home-lab-crds.yaml")));
        Assert.True(File.Exists(Path.Combine(_folder, "crds", "kustomization.yaml")));
        var userFile = Path.Combine(_folder, "flux", "notes.txt");
        File.WriteAllText(userFile, "mine");

        var result = Write(GitOpsLabs.Fleet());

        Assert.False(File.Exists(Path.Combine(_folder, "flux", "gitrepository-home-lab.yaml")));
        Assert.Empty(Directory.GetFiles(_folder, "kustomization*.yaml", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(_folder, "crds", "fleet.yaml")));
        Assert.Equal("mine", File.ReadAllText(userFile));
        // 7 folder kustomizations (calico-bgp included), flux/kustomization.yaml, the GitRepository and 7 Kustomizations.
        Assert.Equal(16, result.Deleted);
        Assert.DoesNotContain(OwnedFileList.Read(_folder), p => p.StartsWith("flux/", StringComparison.Ordinal));
    }

    [Fact]
    public void Switching_calico_to_the_helm_chart_removes_the_raw_installation()
    {
        Write(GitOpsLabs.Fleet());
        Assert.True(File.Exists(Path.Combine(_folder, "calico", "installation-default.yaml")));

        Write(GitOpsLabs.Fleet(f => f.CalicoAsHelmChart("v3.30.3")));

        Assert.False(File.Exists(Path.Combine(_folder, "calico", "installation-default.yaml")));
        Assert.Contains("tigera-operator", File.ReadAllText(Path.Combine(_folder, "calico", "fleet.yaml")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private OutputResult Write(GitOps.Topology.Lab lab) =>
        OutputWriter.Write(_folder, YamlRenderer.Render(LabGenerator.Generate(lab)));
}
