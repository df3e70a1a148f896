namespace RouteFix.Tests;

internal static class RepositoryPaths
{
    /// <summary>The folder holding GitOps.sln, found by walking up from the test assembly.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GitOps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GitOps.sln not found above " + AppContext.BaseDirectory);
    }
}
