namespace GitOps.Output;

/// <summary>
/// One output file before rendering: either Kubernetes objects (rendered as a YAML stream, one
/// document per object, in the order given) or plain text (networkd units and other non-YAML files).
/// <see cref="RelativePath"/> always uses '/' and is relative to the output folder.
/// </summary>
public sealed record ManifestFile
{
    public ManifestFile(string relativePath, IReadOnlyList<object> objects)
    {
        RelativePath = relativePath;
        Objects = objects;
    }

    public ManifestFile(string relativePath, string text)
    {
        RelativePath = relativePath;
        Objects = [];
        Text = text;
    }

    public string RelativePath { get; }

    /// <summary>The Kubernetes objects (k8s.Models types or custom-resource classes) in this file.</summary>
    public IReadOnlyList<object> Objects { get; }

    /// <summary>Set for non-YAML files; <see cref="Objects"/> is then empty.</summary>
    public string? Text { get; }
}

/// <summary>Everything one generation produces, sorted by path (ordinal) so output order never depends on emitter order.</summary>
public sealed class ManifestSet
{
    public ManifestSet(IEnumerable<ManifestFile> files)
    {
        Files = files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToArray();
        var duplicate = Files.GroupBy(f => f.RelativePath, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two emitters produced the same file '{duplicate.Key}'.");
        }
    }

    public IReadOnlyList<ManifestFile> Files { get; }
}

/// <summary>A rendered output file: the exact bytes that go to disk (UTF-8 without BOM, LF).</summary>
public sealed record RenderedFile(string RelativePath, byte[] Content);
