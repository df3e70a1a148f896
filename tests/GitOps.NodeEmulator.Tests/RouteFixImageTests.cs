using System.Security.Cryptography;
using RouteFix.NamespaceHarness;

namespace GitOps.NodeEmulator.Tests;

/// <summary>The route-fix OCI image archive the emulator runs: reproducible, scratch + the binary + its glibc files.</summary>
[Trait("Category", "Namespace")]
public sealed class RouteFixImageTests
{
    [Fact]
    public void The_image_is_reproducible_and_holds_only_the_binary_and_the_libraries_it_loads()
    {
        Emulator.RequirePrerequisites();
        var first = RouteFixImage.Archive;
        var dir = Directory.CreateTempSubdirectory("route-fix-image-").FullName;
        try
        {
            var second = RouteFixImage.BuildInto(Path.Combine(dir, "again.tar"), RouteFixBinary.Path);
            Assert.Equal(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(first))), Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(second))));

            var rootfs = Path.Combine(dir, "rootfs");
            Directory.CreateDirectory(rootfs);
            OciArchive.Unpack(first, RouteFixImage.Tag, rootfs);
            var files = Directory.GetFiles(rootfs, "*", SearchOption.AllDirectories).Select(f => f[rootfs.Length..]).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(StandInImages.RouteFix.Paths.Order(StringComparer.Ordinal), files);
            Assert.Equal(File.ReadAllBytes(RouteFixBinary.Path), File.ReadAllBytes(rootfs + "/app/route-fix"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
