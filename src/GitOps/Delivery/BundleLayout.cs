using GitOps.Output;

namespace GitOps.Delivery;

/// <summary>
/// Where files go: the one place that turns a <see cref="Bundle"/> or a <see cref="DeliveryFolder"/> into a folder of
/// the output. A folder is its name (<c>node-agent/</c>, <c>flux/</c>); a file tagged with it is written inside
/// (<c>node-agent/daemonset-route-fix-installer.yaml</c>) and keeps its <see cref="Placement"/>.
/// </summary>
internal static class BundleLayout
{
    /// <summary>The folder, relative to the output folder: its name.</summary>
    public static string FolderOf(IOutputFolder folder) => folder.Name;

    /// <summary>The file at its path in its bundle's folder.</summary>
    public static ManifestFile Place(BundleFile file) => Place(file.Bundle, file.Name, file.Objects, file.Source);

    /// <summary>The file at its path in its folder.</summary>
    public static ManifestFile Place(DeliveryFile file) =>
        Place(file.Folder, file.Name, file.Objects, file.Source) with { CopyOf = file.CopyOf is { } copied ? Place(copied).RelativePath : null };

    private static ManifestFile Place(IOutputFolder folder, string name, IReadOnlyList<object> objects, Topology.SourceLocation? source) =>
        new($"{FolderOf(folder)}/{name}", objects) { Source = source, Placement = new Placement(folder, name) };

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
