using GitOps.Output;
using GitOps.Tests.Support;
using GitOps.Topology;

namespace GitOps.Tests.Fleet;

/// <summary>The blog's lab (<see cref="TestLabs.Blog"/>) with a GitOps section, and helpers to read what it generates.</summary>
public static class GitOpsLabs
{
    public const string RepositoryUrl = "https://github.com/you/lab.git";

    public static Lab With(Action<GitOpsBuilder> gitOps, Action<NodeBuilder>? secondNode = null) =>
        TestLabs.Blog(extra: lab => lab.GitOps(gitOps), secondNode: secondNode);

    public static Lab Fleet(Action<FleetBuilder>? fleet = null) => With(g => g.Repository(RepositoryUrl).Fleet(fleet));

    public static Lab FleetAndFlux() => With(g => g.Repository(RepositoryUrl).Fleet().Flux());

    public static Lab FluxOnly() => With(g => g.Repository(RepositoryUrl).Flux());

    public static IReadOnlyDictionary<string, ManifestFile> Files(Lab lab) =>
        LabGenerator.Generate(lab).Files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);

    /// <summary>The file's bytes as text (what lands on disk).</summary>
    public static string Text(ManifestFile file) => System.Text.Encoding.UTF8.GetString(YamlRenderer.Render(file).Content);
}
