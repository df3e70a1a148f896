using System.Globalization;
using System.IO.Compression;
using GitOps.Diagnostics;
using GitOps.Output;
using GitOps.Topology;

namespace GitOps.Fleet;

/// <summary>
/// Fleet stores a bundle's resources in the Bundle object, and "the resources deployed must gzip to less
/// than 1MB" (fleet.rancher.io, "Git Repository Contents"). A bundle is measured as Fleet reads it: every
/// file of its folder, fleet.yaml included, gzipped together. The folders and their files are the typed ones delivery
/// placed (<see cref="RenderedFile.Placement"/>), never found by path.
/// </summary>
internal static class FleetBundleSize
{
    /// <summary>Fleet's documented limit, taken as 1 MB = 1,000,000 bytes (the stricter reading).</summary>
    public const long LimitBytes = 1_000_000;

    /// <summary>The gzip size of <paramref name="files"/> concatenated in path order.</summary>
    public static long GzipBytes(IEnumerable<RenderedFile> files)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            foreach (var file in files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
            {
                gzip.Write(file.Content);
            }
        }

        return buffer.Length;
    }

    /// <summary>Where the model chose each bundle folder's delivery: the Rancher cluster for rancher-local/, Fleet for the rest.
    /// It holds the two locations, not the lab, so the model can be collected while the files are rendered.</summary>
    public static Func<string, SourceLocation?> SourceOf(Lab lab)
    {
        var rancher = lab.GitOps?.RancherCluster?.Source;
        var fleet = lab.GitOps?.Fleet?.Source;
        return folder => folder == DeliveryFolder.RancherLocal.Name ? rancher : fleet;
    }

    /// <summary>
    /// Measures every Fleet bundle of <paramref name="rendered"/>: each folder delivery placed a fleet.yaml in (a
    /// <see cref="Bundle"/> or rancher-local), with every file placed in it; <paramref name="source"/> names the model
    /// call to blame for a folder (by name).
    /// </summary>
    public static IReadOnlyList<Diagnostic> Check(IReadOnlyList<RenderedFile> rendered, Func<string, SourceLocation?> source)
    {
        var problems = new List<Diagnostic>();
        foreach (var bundle in FleetBundles(rendered).OrderBy(b => b.Key.Name, StringComparer.Ordinal))
        {
            var folder = bundle.Key.Name;
            var size = GzipBytes(bundle);
            if (size >= LimitBytes)
            {
                var at = source(folder);
                problems.Add(new Diagnostic(DiagnosticCodes.FleetBundleTooLarge, DiagnosticSeverity.Error, $"output/{folder}",
                    $"the Fleet bundle '{folder}/' gzips to {size.ToString("N0", CultureInfo.InvariantCulture)} bytes; Fleet needs less than {LimitBytes.ToString("N0", CultureInfo.InvariantCulture)}. " +
                    "Split its objects over more folders or install the component from a Helm chart.",
                    string.IsNullOrEmpty(at?.File) ? null : at.Value.File, at?.Line ?? 0));
            }
        }

        return problems;
    }

    /// <summary>The Fleet bundles: the placed files grouped by folder, each folder that holds a fleet.yaml.</summary>
    private static IEnumerable<IGrouping<IOutputFolder, RenderedFile>> FleetBundles(IEnumerable<RenderedFile> rendered) =>
        rendered.Where(f => f.Placement is not null).GroupBy(f => f.Placement!.Folder)
            .Where(folder => folder.Any(f => f.Placement!.Name == FleetYaml.FileName));
}
