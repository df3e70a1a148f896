using System.Globalization;
using System.IO.Compression;
using GitOps.Delivery;
using GitOps.Diagnostics;
using GitOps.Output;
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

    /// <summary>Measures every bundle folder as Fleet will read it (all of its files) and fails on any at or over the limit.</summary>
    /// <exception cref="LabValidationException">A bundle gzips to 1 MB or more (GITOPS420).</exception>
    public static void ThrowIfTooLarge(IReadOnlyList<ManifestFile> files, IEnumerable<BundleFolder> folders, FleetSettings fleet) =>
        ThrowIfTooLarge(files, folders, fleet.Source);

    /// <summary>As above; errors point at <paramref name="source"/> (the Fleet or the Rancher cluster call).</summary>
    public static void ThrowIfTooLarge(IReadOnlyList<ManifestFile> files, IEnumerable<BundleFolder> folders, SourceLocation source)
    {
        var problems = new List<Diagnostic>();
        foreach (var folder in folders)
        {
            var size = GzipBytes(files.Where(f => f.RelativePath.StartsWith(folder.Name + "/", StringComparison.Ordinal)).Select(YamlRenderer.Render));
            if (size >= LimitBytes)
            {
                problems.Add(new Diagnostic(DiagnosticCodes.FleetBundleTooLarge, DiagnosticSeverity.Error, $"output/{folder.Name}",
                    $"the Fleet bundle '{folder.Name}/' gzips to {size.ToString("N0", CultureInfo.InvariantCulture)} bytes; Fleet needs less than {LimitBytes.ToString("N0", CultureInfo.InvariantCulture)}. " +
                    "Split its objects over more folders or install the component from a Helm chart.",
                    string.IsNullOrEmpty(source.File) ? null : source.File, source.Line));
            }
        }

        if (problems.Count > 0)
        {
            throw new LabValidationException(problems);
        }
    }
}
