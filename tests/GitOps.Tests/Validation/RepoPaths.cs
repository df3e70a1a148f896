namespace GitOps.Tests.Validation;

/// <summary>
/// Locates the repository root (the folder holding GitOps.sln) by walking up from the test
/// assembly, and the upstream fixtures beside it (<c>../shared/upstream</c>, never copied into the repo).
/// </summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// <c>../shared/upstream</c> next to the repository (CI and the main checkout); for a git worktree nested one
    /// level deeper the nearest ancestor holding <c>shared/upstream</c> is used.
    /// </summary>
    public static string Upstream { get; } = FindUpstream();

    public static string ValidationData { get; } = Path.Combine(Root, "tests", "GitOps.Tests", "Validation", "Data");

    public static string Manifests { get; } = Path.Combine(Root, "manifests");

    public static string SchemaBundle { get; } =
        Path.Combine(Root, "src", "GitOps", "Validation", "Schemas", "kubernetes.schema.json");

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

        throw new DirectoryNotFoundException($"No shared/upstream (with SOURCES.md) beside {Root} or its parents.");
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
