namespace GitOps.Build.Tests;

/// <summary>
/// The three packages (LabNetwork.GitOps, LabNetwork.GitOps.Build, LabNetwork.GitOps.Templates) packed once
/// into a temporary folder feed, shared by the end-to-end tests of one run and deleted after them.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    private static readonly string[] Projects =
        ["src/GitOps/GitOps.csproj", "src/GitOps.Build/GitOps.Build.csproj", "src/GitOps.Templates/GitOps.Templates.csproj"];

    private readonly TempFolder temp = new("gitops-feed");

    public PackedFeed()
    {
        foreach (var project in Projects)
        {
            var pack = DotNetCli.Run(RepositoryPaths.Root, new Dictionary<string, string>(),
                "pack", Path.Combine(RepositoryPaths.Root, project), "-c", "Release", "-o", Folder, "-nodeReuse:false");
            Assert.True(pack.ExitCode == 0, pack.Output);
        }

        var build = Directory.GetFiles(Folder, "LabNetwork.GitOps.Build.*.nupkg").Select(Path.GetFileName).Single()!;
        Version = build["LabNetwork.GitOps.Build.".Length..^".nupkg".Length];
        foreach (var package in new[] { "LabNetwork.GitOps", "LabNetwork.GitOps.Templates" })
        {
            Assert.True(File.Exists(Path.Combine(Folder, $"{package}.{Version}.nupkg")), $"{package} has the version of the others ({Version})");
        }
    }

    /// <summary>The folder holding the .nupkg files (a NuGet folder feed).</summary>
    public string Folder => temp.Combine("feed");

    /// <summary>The one version all three packages share.</summary>
    public string Version { get; }

    public string Package(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    public void Dispose() => temp.Dispose();
}

/// <summary>The tests that share one <see cref="PackedFeed"/>; they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed packages";
}
