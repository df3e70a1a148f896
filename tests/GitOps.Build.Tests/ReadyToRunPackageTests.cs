using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace GitOps.Build.Tests;

/// <summary>
/// The packed GitOps.dll is a ReadyToRun image for linux-x64 (src/GitOps/ReadyToRun.targets): native code beside the
/// IL, which the runtime uses on linux-x64 and ignores elsewhere. Its effect on a lab's generator is measured by
/// bench/compare-cdk8s.sh, not here.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class ReadyToRunPackageTests(PackedFeed feed)
{
    // The PE machine of a ReadyToRun image for Linux: IMAGE_FILE_MACHINE_AMD64 XOR the Linux OS value 0x7B79
    // (dotnet/runtime src/coreclr/inc/pedecoder.h, IMAGE_FILE_MACHINE_NATIVE_OS_OVERRIDE for TARGET_LINUX).
    private const ushort LinuxAmd64Machine = 0x8664 ^ 0x7B79;

    [Fact]
    public void The_packed_GitOps_dll_is_a_ReadyToRun_image_for_linux_x64_with_its_IL()
    {
        using var pe = PackedImage("lib/net10.0/GitOps.dll");
        var cor = pe.PEHeaders.CorHeader!;
        Assert.True(cor.ManagedNativeHeaderDirectory.Size > 0, "a ReadyToRun image has a managed native header (READYTORUN_HEADER)");
        Assert.Equal(LinuxAmd64Machine, (ushort)pe.PEHeaders.CoffHeader.Machine);
        Assert.True(pe.HasMetadata, "the image keeps the IL and metadata (the JIT fallback on other platforms)");
        Assert.True((cor.Flags & CorFlags.ILLibrary) != 0, "crossgen2 marks a ReadyToRun image COMIMAGE_FLAGS_IL_LIBRARY");
    }

    [Fact]
    public void The_package_compiles_labs_against_an_IL_only_reference_assembly_with_its_docs()
    {
        // Without ref/, a lab built for a runtime identifier (-r linux-x64, as a NativeAOT publish does) compiles against
        // the ReadyToRun image and gets CS8012 ("targets a different processor"), an error with TreatWarningsAsErrors.
        using (var package = ZipFile.OpenRead(feed.Package("LabNetwork.GitOps")))
        {
            Assert.NotNull(package.GetEntry("ref/net10.0/GitOps.xml"));
        }

        using var pe = PackedImage("ref/net10.0/GitOps.dll");
        Assert.Equal(0, pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
        Assert.Equal(Machine.I386, pe.PEHeaders.CoffHeader.Machine);
        Assert.True((pe.PEHeaders.CorHeader.Flags & CorFlags.ILOnly) != 0, "IL only (AnyCPU)");
        var metadata = pe.GetMetadataReader();
        Assert.Equal("GitOps", metadata.GetString(metadata.GetAssemblyDefinition().Name));
        Assert.Contains(metadata.GetAssemblyDefinition().GetCustomAttributes(), handle =>
        {
            var constructor = metadata.GetCustomAttribute(handle).Constructor;
            return constructor.Kind == HandleKind.MemberReference &&
                metadata.GetMemberReference((MemberReferenceHandle)constructor).Parent is { Kind: HandleKind.TypeReference } parent &&
                metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)parent).Name) == "ReferenceAssemblyAttribute";
        });
    }

    /// <summary>The image at <paramref name="path"/> in the packed LabNetwork.GitOps package, read from memory.</summary>
    private PEReader PackedImage(string path)
    {
        using var package = ZipFile.OpenRead(feed.Package("LabNetwork.GitOps"));
        var entry = package.GetEntry(path);
        Assert.NotNull(entry);
        var stream = new MemoryStream();
        using (var source = entry.Open())
        {
            source.CopyTo(stream);
        }

        stream.Position = 0;
        return new PEReader(stream); // owns the stream: disposing the reader disposes it
    }
}
