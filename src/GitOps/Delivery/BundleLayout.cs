using GitOps.Output;

namespace GitOps.Delivery;

/// <summary>
/// Where bundles go: the one place that turns a <see cref="Bundle"/> into a folder of the output. A bundle's folder is
/// its name (<c>node-agent/</c>); a file the emitters tagged with it is written inside (<c>node-agent/daemonset-route-fix-installer.yaml</c>).
/// </summary>
internal static class BundleLayout
{
    /// <summary>The bundle's folder, relative to the output folder: its name.</summary>
    public static string FolderOf(Bundle bundle) => bundle.Name;

    /// <summary>The file at its path in its bundle's folder.</summary>
    public static ManifestFile Place(BundleFile file) =>
        new($"{FolderOf(file.Bundle)}/{file.Name}", file.Objects) { Source = file.Source };

    /// <summary>
    /// The bundles of <paramref name="files"/> as folders, in <see cref="BundleOrder"/>; each depends on the folders of
    /// its nearest dependencies that are delivered too (a dependency with no files passes its own on).
    /// </summary>
    /// <exception cref="InvalidOperationException">The bundles depend on each other in a cycle (<see cref="BundleOrder.Sort"/>).</exception>
    public static IReadOnlyList<BundleFolder> Collect(IEnumerable<BundleFile> files)
    {
        var byBundle = files.GroupBy(f => f.Bundle).ToDictionary(g => g.Key, g => g.Select(Place).OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToArray());
        var order = BundleOrder.Sort(byBundle.Keys);
        var position = order.Select((bundle, index) => (bundle, index)).ToDictionary(x => x.bundle, x => x.index);
        return order.Where(byBundle.ContainsKey)
            .Select(bundle => new BundleFolder(bundle, FolderOf(bundle), byBundle[bundle],
                [.. Delivered(bundle, byBundle).Distinct().OrderBy(b => position[b]).Select(FolderOf)]))
            .ToArray();
    }

    private static IEnumerable<Bundle> Delivered(Bundle bundle, IReadOnlyDictionary<Bundle, ManifestFile[]> delivered) =>
        bundle.DependsOn.SelectMany(d => delivered.ContainsKey(d) ? [d] : Delivered(d, delivered));
}
