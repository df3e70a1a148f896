using System.Formats.Tar;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
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

    [Fact]
    public void The_image_is_for_the_architecture_of_the_binary_and_a_binary_for_another_machine_is_refused()
    {
        Emulator.RequirePrerequisites();
        // The binary is published for this machine, so its ELF header names this machine's architecture.
        var expected = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            var other => throw new PlatformNotSupportedException($"route-fix is published for x64 and arm64, not {other}"),
        };
        Assert.Equal(expected, (string?)ImageConfig(RouteFixImage.Archive)["architecture"]);

        var dir = Directory.CreateTempSubdirectory("route-fix-image-").FullName;
        try
        {
            // The same binary with e_machine (ELF header offset 18, little-endian) set to EM_RISCV (243).
            var riscv = Path.Combine(dir, "route-fix");
            var bytes = File.ReadAllBytes(RouteFixBinary.Path);
            bytes[18] = 243;
            bytes[19] = 0;
            File.WriteAllBytes(riscv, bytes);
            var output = Path.Combine(dir, "image.tar");
            var refused = Shell.Run("bash", [RouteFixImage.Script, riscv, output, RouteFixImage.Tag]);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("is not an x86-64 or AArch64 ELF binary", refused.Stderr);
            Assert.False(File.Exists(output));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The image config of the archive's only image: index.json → manifest → config (OCI image layout).</summary>
    private static JsonNode ImageConfig(string archive)
    {
        var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var reader = new TarReader(File.OpenRead(archive)))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.DataStream is { } data)
                {
                    using var copy = new MemoryStream();
                    data.CopyTo(copy);
                    blobs[entry.Name.TrimStart('.', '/')] = copy.ToArray();
                }
            }
        }

        JsonNode Blob(JsonNode descriptor) => JsonNode.Parse(blobs["blobs/" + ((string)descriptor["digest"]!).Replace(':', '/')])!;
        var manifest = Blob(JsonNode.Parse(blobs["index.json"])!["manifests"]!.AsArray().Single()!);
        return Blob(manifest["config"]!);
    }
}
