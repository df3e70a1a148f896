using System.Reflection;
using System.Runtime.Loader;

namespace GitOps.Build.Server;

/// <summary>
/// One run's lab assembly, loaded from its bytes (and its PDB's, so an exception in the lab code is reported at the
/// user's line) into a collectible context that is unloaded after the run. Its references resolve to the server's
/// <see cref="WarmDependencies"/> when they are one of them, else through the lab's deps.json
/// (<see cref="AssemblyDependencyResolver"/>; loaded from bytes into this context), else to the framework.
/// </summary>
internal sealed class LabLoadContext : AssemblyLoadContext
{
    private readonly WarmDependencies dependencies;
    private readonly AssemblyDependencyResolver resolver;

    public LabLoadContext(string labAssembly, WarmDependencies dependencies)
        : base("GitOps lab " + Path.GetFileName(labAssembly), isCollectible: true)
    {
        this.dependencies = dependencies;
        resolver = new AssemblyDependencyResolver(labAssembly);
    }

    /// <summary>Loads the lab assembly from its bytes, with its portable PDB when one is beside it.</summary>
    public Assembly LoadLab(string path)
    {
        using var image = new MemoryStream(File.ReadAllBytes(path), writable: false);
        var pdbPath = Path.ChangeExtension(path, ".pdb");
        using var symbols = File.Exists(pdbPath) ? new MemoryStream(File.ReadAllBytes(pdbPath), writable: false) : null;
        return LoadFromStream(image, symbols);
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (dependencies.Has(assemblyName))
        {
            return dependencies.LoadFromAssemblyName(assemblyName);
        }

        if (resolver.ResolveAssemblyToPath(assemblyName) is { } path)
        {
            using var image = new MemoryStream(File.ReadAllBytes(path), writable: false);
            return LoadFromStream(image);
        }

        return null;
    }

    /// <inheritdoc />
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
