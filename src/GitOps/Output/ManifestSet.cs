namespace GitOps.Output;

/// <summary>
/// One output file before rendering: either Kubernetes objects (rendered as a YAML stream, one
/// document per object, in the order given) or plain text (networkd units and other non-YAML files).
/// <see cref="RelativePath"/> always uses '/' and is relative to the output folder.
/// </summary>
public sealed record ManifestFile
{
    /// <summary>A YAML file holding Kubernetes objects.</summary>
    /// <param name="relativePath">Path relative to the output folder, with '/' separators (e.g. <c>calico/ippool.yaml</c>).</param>
    /// <param name="objects">The objects, one YAML document each, in this order: <c>k8s.Models</c> types or any object
    /// that <c>k8s.KubernetesJson</c> serializes to a Kubernetes object (or a <see cref="System.Text.Json.JsonElement"/>).</param>
    public ManifestFile(string relativePath, IReadOnlyList<object> objects)
    {
        RelativePath = relativePath;
        Objects = objects;
    }

    /// <summary>A file whose content is the given text (systemd-networkd units, fleet.yaml, kustomization.yaml…).</summary>
    /// <param name="relativePath">Path relative to the output folder, with '/' separators.</param>
    /// <param name="text">The file's content.</param>
    public ManifestFile(string relativePath, string text)
    {
        RelativePath = relativePath;
        Objects = [];
        Text = text;
    }

    /// <summary>Path relative to the output folder, with '/' separators.</summary>
    public string RelativePath { get; }

    /// <summary>The Kubernetes objects (k8s.Models types or custom-resource classes) in this file.</summary>
    public IReadOnlyList<object> Objects { get; }

    /// <summary>Set for non-YAML files; <see cref="Objects"/> is then empty.</summary>
    public string? Text { get; }
}

/// <summary>Everything one generation produces, sorted by path (ordinal) so output order never depends on emitter order.</summary>
public sealed class ManifestSet
{
    /// <summary>A set of files, sorted by <see cref="ManifestFile.RelativePath"/> (ordinal).</summary>
    /// <param name="files">The files; each relative path at most once.</param>
    /// <exception cref="InvalidOperationException">Two files have the same relative path.</exception>
    public ManifestSet(IEnumerable<ManifestFile> files)
    {
        Files = files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToArray();
        var duplicate = Files.GroupBy(f => f.RelativePath, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two emitters produced the same file '{duplicate.Key}'.");
        }
    }

    /// <summary>The files, sorted by relative path (ordinal).</summary>
    public IReadOnlyList<ManifestFile> Files { get; }
}

/// <summary>A rendered output file: the exact bytes that go to disk (UTF-8 without BOM, LF).</summary>
internal sealed record RenderedFile(string RelativePath, byte[] Content);
