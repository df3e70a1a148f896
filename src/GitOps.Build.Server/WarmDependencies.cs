using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;

namespace GitOps.Build.Server;

/// <summary>
/// The lab's dependencies (GitOps.dll, KubernetesClient.dll, ...: the task's @(ReferenceCopyLocalPaths) dlls), read
/// once into memory and loaded from those bytes, on first use, into one load context that lives as long as the server,
/// so every run after the first finds them loaded and their code compiled.
/// From bytes, not from their paths: the server never opens, locks or maps a file of the user's build (on Windows a
/// loaded file cannot be replaced; on Linux a mapped file overwritten in place can crash the server with SIGBUS), and
/// a rebuilt dependency changes the key, so this server exits and a new one reads the new bytes. On linux-x64 the
/// ReadyToRun code of an assembly loaded from bytes is used (dotnet/runtime#74118, .NET 7).
/// </summary>
internal sealed class WarmDependencies : AssemblyLoadContext
{
    private readonly Dictionary<string, byte[]> images;

    private WarmDependencies(Dictionary<string, byte[]> images)
        : base("GitOps lab dependencies", isCollectible: false) => this.images = images;

    /// <summary>Reads every file; the assembly names come from the bytes' metadata (a file name need not be one).</summary>
    public static WarmDependencies Read(IEnumerable<string> paths)
    {
        var images = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths)
        {
            var bytes = File.ReadAllBytes(path);
            if (NameOf(bytes) is { } name)
            {
                images.TryAdd(name, bytes);
            }
        }

        return new WarmDependencies(images);
    }

    /// <summary>Whether <paramref name="name"/> is one of the dependencies (then it loads here, never in a lab's context).</summary>
    public bool Has(AssemblyName name) => name.Name is { } simple && images.ContainsKey(simple);

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is not { } simple || !images.TryGetValue(simple, out var bytes))
        {
            return null; // The framework (the default context).
        }

        using var image = new MemoryStream(bytes, writable: false);
        return LoadFromStream(image);
    }

    private static string? NameOf(byte[] bytes)
    {
        try
        {
            using var pe = new PEReader(new MemoryStream(bytes, writable: false));
            if (!pe.HasMetadata)
            {
                return null;
            }

            var metadata = pe.GetMetadataReader();
            return metadata.IsAssembly ? metadata.GetString(metadata.GetAssemblyDefinition().Name) : null;
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }
}
