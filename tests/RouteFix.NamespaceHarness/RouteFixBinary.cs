using System.Diagnostics;

namespace RouteFix.NamespaceHarness;

/// <summary>The published NativeAOT route-fix the namespace tests run: ROUTE_FIX_BINARY if set, else published once here.</summary>
public static class RouteFixBinary
{
    public const string Variable = "ROUTE_FIX_BINARY";

    private static readonly Lazy<(string Path, TimeSpan PublishTime)> Published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Path of the executable; the first call publishes it (about half a minute cold).</summary>
    public static string Path => Published.Value.Path;

    /// <summary>How long the publish took (zero when ROUTE_FIX_BINARY named an existing binary).</summary>
    public static TimeSpan PublishTime => Published.Value.PublishTime;

    private static FileStream AcquireLock(string path, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (watch.Elapsed < timeout)
            {
                Thread.Sleep(200);
            }
        }
    }

    private static (string, TimeSpan) Publish()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return File.Exists(given) ? (System.IO.Path.GetFullPath(given), TimeSpan.Zero) : throw new FileNotFoundException($"{Variable}={given} does not exist");
        }

        var output = System.IO.Path.Combine(AppContext.BaseDirectory, "route-fix-aot");
        var project = System.IO.Path.Combine(RepositoryPaths.Root, "src", "RouteFix", "RouteFix.csproj");
        var watch = Stopwatch.StartNew();
        // Test projects run in parallel processes (dotnet test GitOps.sln) and publish the same project into the same
        // obj/ directory: one publish at a time, across processes, by an exclusive lock file.
        var lockPath = System.IO.Path.Combine(RepositoryPaths.Root, "artifacts", "route-fix-publish.lock");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(lockPath)!);
        using (AcquireLock(lockPath, TimeSpan.FromMinutes(10)))
        {
            Shell.Run("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", output, "-nologo"], timeout: TimeSpan.FromMinutes(8)).EnsureSuccess();
        }

        watch.Stop();
        return (System.IO.Path.Combine(output, "route-fix"), watch.Elapsed);
    }
}
