using System.Diagnostics;
using RouteFix.NamespaceHarness;

namespace GitOps.NodeEmulator;

/// <summary>
/// The route-fix OCI image archive, built once per test run from the published NativeAOT binary by
/// src/RouteFix/image/build-oci-image.sh (offline, reproducible), tagged with the library's default image tag.
/// </summary>
public static class RouteFixImage
{
    private static readonly Lazy<(string Path, TimeSpan BuildTime)> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Tag => GitOps.Topology.NodeAgentSettings.DefaultRouteFixImage[(GitOps.Topology.NodeAgentSettings.DefaultRouteFixImage.LastIndexOf(':') + 1)..];

    public static string Script => Path.Combine(RepositoryPaths.Root, "src", "RouteFix", "image", "build-oci-image.sh");

    /// <summary>Path of the OCI image archive (tar of an OCI image layout).</summary>
    public static string Archive => Built.Value.Path;

    public static TimeSpan BuildTime => Built.Value.BuildTime;

    /// <summary>Runs the build script; returns the archive path.</summary>
    public static string BuildInto(string archive, string binary)
    {
        Shell.Run("bash", [Script, binary, archive, Tag], timeout: TimeSpan.FromMinutes(2)).EnsureSuccess();
        return archive;
    }

    private static (string, TimeSpan) Build()
    {
        var binary = RouteFixBinary.Path;
        var watch = Stopwatch.StartNew();
        var archive = Path.Combine(AppContext.BaseDirectory, "route-fix-image.tar");
        BuildInto(archive, binary);
        return (archive, watch.Elapsed);
    }
}

/// <summary>Unpacks an OCI image archive into a root filesystem with umoci (as a runtime would from a registry).</summary>
public static class OciArchive
{
    public static void Unpack(string archive, string tag, string rootfs)
    {
        var work = Directory.CreateTempSubdirectory("node-emulator-oci-").FullName;
        try
        {
            var layout = Path.Combine(work, "layout");
            Directory.CreateDirectory(layout);
            Shell.Run("tar", "-xf", archive, "-C", layout).EnsureSuccess();
            var bundle = Path.Combine(work, "bundle");
            Shell.Run("umoci", "unpack", "--image", $"{layout}:{tag}", bundle).EnsureSuccess();
            Shell.Run("cp", "-a", Path.Combine(bundle, "rootfs") + "/.", rootfs).EnsureSuccess();
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
