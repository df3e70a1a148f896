using GitOps.Diagnostics;
using GitOps.Output;
using GitOps.Topology;

namespace GitOps;

/// <summary>
/// Where in the user's C# each emitted file's model element was declared (<see cref="ManifestFile.Source"/>), and the
/// <c>Lab.Create</c> call for the rest: so a problem found after the model (schema and CNI validation GITOPS3xx,
/// duplicate objects, output paths GITOPS2xx) is reported at the user's file and line like a model error.
/// </summary>
internal sealed class ElementSources(IReadOnlyDictionary<string, SourceLocation?> files, SourceLocation lab)
{
    /// <summary>The sources of <paramref name="set"/>'s files, with <paramref name="lab"/>'s as the fallback.</summary>
    public static ElementSources Of(Lab lab, ManifestSet set) =>
        new(set.Files.ToDictionary(f => f.RelativePath, f => f.Source, StringComparer.Ordinal), lab.Source);

    /// <summary>
    /// Each diagnostic without a file gets the source of the file its path names (<c>file#pointer</c>,
    /// <c>output/file</c> or <c>file</c>), else of the lab; its path still says where in the output the problem is.
    /// A diagnostic that has a file (a model error, an output file on disk) is kept as it is.
    /// </summary>
    public IReadOnlyList<Diagnostic> Locate(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(d => string.IsNullOrEmpty(d.File) && SourceOf(d.Path) is { File.Length: > 0 } source
            ? d with { File = source.File, Line = source.Line }
            : d).ToArray();

    private SourceLocation SourceOf(string path)
    {
        var file = path.Split('#')[0];
        file = file.StartsWith("output/", StringComparison.Ordinal) ? file["output/".Length..] : file;
        // Two produced paths that differ only by case (GITOPS202) are reported at one of them: either names the element.
        return files.GetValueOrDefault(file)
            ?? files.FirstOrDefault(f => string.Equals(f.Key, file, StringComparison.OrdinalIgnoreCase)).Value
            ?? lab;
    }
}
