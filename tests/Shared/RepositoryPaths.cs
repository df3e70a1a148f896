namespace GitOps.TestSupport;

/// <summary>
/// The one way tests find the repository: the folder that holds GitOps.sln, walking up from the test assembly
/// (compile-time paths cannot be used: CI builds map source paths to /_/), and the read-only upstream fixtures
/// beside it (<c>../shared/upstream</c>, never copied into the repository). This file is linked into every test
/// project (<c>&lt;Compile Include="../Shared/RepositoryPaths.cs" Link="Shared/RepositoryPaths.cs" /&gt;</c>).
/// </summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);
    private static readonly Lazy<string> UpstreamPath = new(FindUpstream);

    /// <summary>The repository root (the folder holding GitOps.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary>The sample's output folder, <c>manifests/</c> (its own golden copy).</summary>
    public static string Manifests => Path.Combine(Root, "manifests");

    /// <summary>
    /// <c>../shared/upstream</c> next to the repository (CI and the main checkout); for a git worktree nested deeper
    /// the nearest ancestor holding <c>shared/upstream/SOURCES.md</c>. When none exists, <c>../shared/upstream</c>
    /// (so a test that checks for it reports that path).
    /// </summary>
    public static string Upstream => UpstreamPath.Value;

    /// <summary>A path below the repository root, e.g. <c>In("src", "GitOps")</c>.</summary>
    public static string In(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A file in <see cref="Upstream"/>; throws <see cref="FileNotFoundException"/> naming the folder when it is missing.</summary>
    public static string UpstreamFile(string name)
    {
        var path = Path.Combine(Upstream, name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Upstream fixture '{name}' not found in {Upstream}; the tests expect shared/upstream beside the repository.", path);
        }

        return path;
    }

    private static string FindUpstream()
    {
        for (var dir = Directory.GetParent(Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "upstream");
            if (File.Exists(Path.Combine(candidate, "SOURCES.md")))
            {
                return candidate;
            }
        }

        return Path.GetFullPath(Path.Combine(Root, "..", "shared", "upstream"));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GitOps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No GitOps.sln above {AppContext.BaseDirectory}.");
    }
}
