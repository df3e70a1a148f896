namespace GitOps.Build.Tests;

/// <summary>Locations the tests need: the repository root (<see cref="RepositoryPaths.Root"/>) and built outputs.</summary>
internal static class TestPaths
{
    public static string Configuration { get; } =
        typeof(TestPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Configuration").Value!;

    public static string FixtureLabDirectory => Path.Combine(RepositoryPaths.Root, "tests", "GitOps.Build.Tests.FixtureLab");

    public static string FixtureLabAssembly =>
        Path.Combine(FixtureLabDirectory, "bin", Configuration, "net10.0", "GitOps.Build.Tests.FixtureLab.dll");
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "gitops-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
