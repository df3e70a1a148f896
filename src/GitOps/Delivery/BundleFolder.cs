using GitOps.Output;

namespace GitOps.Delivery;

/// <summary>
/// One manifests folder: a Fleet bundle and a Flux Kustomization. <see cref="Files"/> can be empty
/// when Fleet installs the folder's content from a Helm chart instead.
/// </summary>
public sealed record BundleFolder(string Name, IReadOnlyList<ManifestFile> Files)
{
    /// <summary>
    /// The order folders reach the cluster. Fleet installs each bundle as one Helm release, and a CRD and
    /// an object of its kind in one release fail with "no matches for kind", so the NAD CRD comes alone
    /// first; Multus must run before Calico writes its CNI config (the blog's point); Calico gives pods
    /// a network; its BGP objects (projectcalico.org/v3, served by the Calico API server the operator starts)
    /// follow in their own bundle so the router learns the pod blocks; the node agent installs route-fix and the DHCP daemon the NADs' chains call; then the
    /// NADs; then the workloads that use them.
    /// </summary>
    public static IReadOnlyList<string> Order { get; } = ["crds", "multus", "calico", "calico-bgp", "node-agent", "networks", "workloads"];

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
