using GitOps.Output;

namespace GitOps.Delivery;

/// <summary>
/// One manifests folder: a Fleet bundle and a Flux Kustomization. <see cref="Files"/> can be empty
/// when Fleet installs the folder's content from a Helm chart instead.
/// </summary>
internal sealed record BundleFolder(string Name, IReadOnlyList<ManifestFile> Files)
{
    /// <summary>
    /// The order folders reach the cluster. Without a GitOps section every folder is written as it is, in this
    /// order. With one, the CNI layer (crds/, multus/ and the Installation, see <see cref="CniLayer"/>) goes to the
    /// K3s servers at day 0 instead, and Fleet/Flux deliver the rest, each bundle after the one before: the
    /// Namespaces; Calico's own objects beyond the Installation; its BGP objects (projectcalico.org/v3, served by the
    /// Calico API server the operator starts) in their own bundle so the router learns the pod blocks; the node agent that installs route-fix, the DHCP daemon and whereabouts (its DaemonSet, when used) the NADs' chains call; the NADs;
    /// the workloads that use them.
    /// </summary>
    public static IReadOnlyList<string> Order { get; } = ["crds", "multus", NamespaceFolder.Folder, "calico", "calico-bgp", "node-agent", "networks", "workloads"];

    /// <summary>The folders the emitters produced, in <see cref="Order"/>; files at the top level are not part of any bundle.</summary>
    /// <exception cref="InvalidOperationException">An emitter wrote a folder that has no place in <see cref="Order"/>.</exception>
    public static IReadOnlyList<BundleFolder> Collect(IEnumerable<ManifestFile> files)
    {
        var byFolder = files
            .Where(f => f.RelativePath.Contains('/'))
            .GroupBy(f => f.RelativePath[..f.RelativePath.IndexOf('/')], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        var unknown = byFolder.Keys.Where(k => !Order.Contains(k)).Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException(
                $"Emitted folder(s) {string.Join(", ", unknown.Select(u => $"'{u}/'"))} have no place in BundleFolder.Order; add each where it must deploy.");
        }

        return Order.Where(byFolder.ContainsKey).Select(name => new BundleFolder(name, byFolder[name])).ToArray();
    }
}
