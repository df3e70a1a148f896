namespace GitOps.Tests.Support;

/// <summary>
/// Finds the repository at run time (the folder that holds GitOps.sln), walking up from the test
/// assembly. Compile-time paths cannot be used: CI builds map source paths to /_/.
/// </summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string TestsProject => Path.Combine(Root, "tests", "GitOps.Tests");

    public static string Manifests => Path.Combine(Root, "manifests");

    /// <summary>The read-only upstream fixtures next to the repository (<c>../shared/upstream</c>).</summary>
    public static string Upstream => Path.GetFullPath(Path.Combine(Root, "..", "shared", "upstream"));

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
