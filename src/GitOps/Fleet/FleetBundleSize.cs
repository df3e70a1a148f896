using System.Globalization;
using System.IO.Compression;
using GitOps.Diagnostics;
using GitOps.Output;
using GitOps.Rancher;
using GitOps.Topology;

namespace GitOps.Fleet;

/// <summary>
/// Fleet stores a bundle's resources in the Bundle object, and "the resources deployed must gzip to less
/// than 1MB" (fleet.rancher.io, "Git Repository Contents"). A bundle is measured as Fleet reads it: every
/// file of its folder, fleet.yaml included, gzipped together.
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

    /// <summary>Where the model chose each bundle folder's delivery: the Rancher cluster for rancher-local/, Fleet for the rest.</summary>
    public static Func<string, SourceLocation?> SourceOf(Lab lab) =>
        folder => folder == RancherClusterEmitter.LocalFolder ? lab.GitOps?.RancherCluster?.Source : lab.GitOps?.Fleet?.Source;

    /// <summary>Measures every bundle folder (a top-level folder with a fleet.yaml) of <paramref name="rendered"/>; <paramref name="source"/> names the model call to blame for a folder.</summary>
    public static IReadOnlyList<Diagnostic> Check(IReadOnlyList<RenderedFile> rendered, Func<string, SourceLocation?> source)
    {
        var problems = new List<Diagnostic>();
        foreach (var folder in BundleFolders(rendered.Select(f => f.RelativePath)).Order(StringComparer.Ordinal))
        {
            var size = GzipBytes(rendered.Where(f => f.RelativePath.StartsWith(folder + "/", StringComparison.Ordinal)));
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

    /// <summary>The bundles: each top-level folder with a fleet.yaml (<c>workloads/fleet.yaml</c> → <c>workloads</c>).</summary>
    private static IEnumerable<string> BundleFolders(IEnumerable<string> paths) =>
        paths.Where(p => p.IndexOf('/') is var slash and > 0 && p[(slash + 1)..] == FleetYaml.FileName).Select(p => p[..p.IndexOf('/')]);
}
