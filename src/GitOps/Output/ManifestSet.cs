namespace GitOps.Output;

/// <summary>
/// One output file before rendering: its typed documents, rendered once by the renderer on their type. Kubernetes
/// objects are written as a YAML stream (one document per object, in the order given); the library's own file
/// formats (fleet.yaml, kustomization.yaml, the K3s config.yaml, systemd-networkd units, frr.conf) are typed
/// documents too, each written by its own renderer. Objects carried inside another object's field as YAML (the
/// tigera-operator <c>HelmChart</c>'s <c>valuesContent</c>, the Rancher Cluster's <c>additionalManifest</c>) stay typed
/// too (as their typed objects): the renderer writes their text, the validator checks them as typed children.
/// <see cref="RelativePath"/> always uses '/' and is relative to the output folder.
/// </summary>
internal sealed record ManifestFile
{
    /// <summary>A file holding typed documents; for Kubernetes objects a YAML file, one document per object.</summary>
    /// <param name="relativePath">Path relative to the output folder, with '/' separators (e.g. <c>calico/ippool.yaml</c>).</param>
    /// <param name="objects">The documents, in this order: <c>k8s.Models</c> types or any object
    /// that <c>k8s.KubernetesJson</c> serializes to a Kubernetes object (or a <see cref="System.Text.Json.JsonElement"/>).</param>
    public ManifestFile(string relativePath, IReadOnlyList<object> objects)
    {
        RelativePath = relativePath;
        Objects = objects;
    }

    /// <summary>Path relative to the output folder, with '/' separators.</summary>
    public string RelativePath { get; }

    /// <summary>The typed documents in this file (Kubernetes objects, or one document of a library file format).</summary>
    public IReadOnlyList<object> Objects { get; init; }

    /// <summary>
    /// Set when this file repeats the documents of another file (the CNI layer on every K3s server after the first):
    /// rendered like any file, but validated and checked for duplicate objects only once, in the file it names.
    /// </summary>
    internal string? CopyOf { get; init; }

    /// <summary>
    /// Where in the user's C# the model element this file comes from was declared (an attachment, a workload, the
    /// Calico or Fleet section, ...): problems found in the file point there. Null for a file of the lab as a whole
    /// (its problems point at <c>Lab.Create</c>).
    /// </summary>
    internal Topology.SourceLocation? Source { get; init; }

    /// <summary>
    /// The folder delivery placed the file in and its name there (GitOps.Delivery.BundleLayout); null for a file at the
    /// top of the output folder (NETWORK.md) or one made by path.
    /// </summary>
    internal Placement? Placement { get; init; }
}

/// <summary>
/// A document of a file format of the library's own (fleet.yaml, kustomization.yaml, the K3s config.yaml, networkd
/// units, frr.conf), not a Kubernetes object: the validator checks it only against a schema chosen by file name.
/// </summary>
internal interface IFileDocument;

/// <summary>Everything one generation produces, sorted by path (ordinal) so output order never depends on emitter order.</summary>
internal sealed class ManifestSet
{
    /// <summary>A set of files, sorted by <see cref="ManifestFile.RelativePath"/> (ordinal).</summary>
    /// <param name="files">The files; each relative path at most once.</param>
    /// <exception cref="InvalidOperationException">Two files have the same relative path.</exception>
    public ManifestSet(IEnumerable<ManifestFile> files)
    {
        this.files = files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToArray();
        var duplicate = Files.GroupBy(f => f.RelativePath, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two emitters produced the same file '{duplicate.Key}'.");
        }
    }

    private readonly ManifestFile[] files;

    /// <summary>The files, sorted by relative path (ordinal).</summary>
    public IReadOnlyList<ManifestFile> Files => files;

    /// <summary>
    /// Gives each file, in order, the objects <paramref name="replace"/> returns for it, in place: the set no longer holds
    /// the old objects (<see cref="ObjectJsonDocuments.ReplaceObjectsWithJson"/>).
    /// </summary>
    internal void ReplaceObjects(Func<ManifestFile, IReadOnlyList<object>> replace)
    {
        for (var i = 0; i < files.Length; i++)
        {
            files[i] = files[i] with { Objects = replace(files[i]) };
        }
    }
}

/// <summary>A rendered output file: the exact bytes that go to disk (UTF-8 without BOM, LF).</summary>
internal sealed record RenderedFile(string RelativePath, byte[] Content)
{
    /// <summary>The placement of the file it was rendered from (<see cref="ManifestFile.Placement"/>).</summary>
    public Placement? Placement { get; init; }
}
