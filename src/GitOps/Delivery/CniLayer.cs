using GitOps.Calico;
using GitOps.Kubernetes;
using GitOps.Output;
using GitOps.Topology;
using k8s;
using k8s.Models;

namespace GitOps.Delivery;

/// <summary>
/// The CNI layer: what must run before any pod gets a network, so nothing that needs a pod network can deliver it.
/// It is the NAD CRD and, when an attachment uses whereabouts, its two CRDs (crds/), Multus (multus/: RBAC, ConfigMap, a hostNetwork DaemonSet) and Calico as K3s
/// <c>HelmChart</c>s with <c>bootstrap: true</c> (from v3.32 the CRD chart, then the Tigera operator chart; their
/// install Jobs and the operator itself run with hostNetwork), in that order, preceded by the Namespace of any object outside the built-in namespaces. K3s applies it from its
/// auto-deploy manifests directory (docs.k3s.io "Managing Packaged Components": files in
/// /var/lib/rancher/k3s/server/manifests are applied "in a manner similar to kubectl apply, both on startup and when
/// the file is changed on disk"). The raw Installation (calico/) is not part of it: the tigera-operator chart's values hold that same
/// object and the chart renders the Installation from it (<see cref="TigeraOperatorHelmChart"/>). Calico's BGP objects are not part of the layer either:
/// they are emitted to calico-bgp/, a downstream bundle.
/// </summary>
internal static class CniLayer
{
    /// <summary>The bundles the layer takes whole, in the order their objects are applied.</summary>
    public static IReadOnlyList<Bundle> Bundles { get; } = [Bundle.Crds, Bundle.Multus];

    /// <summary>
    /// The day-0 objects in apply order, from the emitters' CNI-layer files: their Namespaces, then the crds/ and
    /// multus/ objects (CRDs, accounts, RBAC, config, DaemonSets), then the Calico charts. The raw Installation is
    /// left out: the tigera-operator chart's values hold it and the chart renders it.
    /// </summary>
    public static IReadOnlyList<object> Objects(TigeraOperatorChart chart, IReadOnlyList<BundleFile> cniLayerFiles)
    {
        ArgumentNullException.ThrowIfNull(chart);
        // The Installation CalicoEmitter emitted (calico/installation-default.yaml, not delivered itself): the chart's values carry it.
        var installation = cniLayerFiles.SelectMany(f => f.Objects).OfType<Installation>().Single();
        var objects = Bundles
            .SelectMany(bundle => cniLayerFiles.Where(f => f.Bundle == bundle).OrderBy(f => f.Name, StringComparer.Ordinal))
            .SelectMany(f => f.Objects)
            .OrderBy(KindRank) // stable: within a rank, folder and file order
            .Concat(TigeraOperatorHelmChart.BuildAll(installation, chart))
            .ToList();
        var namespaces = objects.Select(NamespaceBundle.NamespaceOf).OfType<string>()
            .Where(ns => !NamespaceBundle.BuiltIn.Contains(ns)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(NamespaceBundle.Namespace).ToArray();
        return [.. namespaces, .. objects];
    }

    private static int KindRank(object obj) => obj switch
    {
        V1CustomResourceDefinition => 0,
        V1ServiceAccount => 1,
        V1ClusterRole or V1Role => 2,
        V1ClusterRoleBinding or V1RoleBinding => 3,
        V1ConfigMap or V1Secret => 4,
        _ => 5,
    };

}

/// <summary>
/// Every namespace an emitted object lives in gets its Namespace object, in <see cref="Bundle.Namespaces"/>, the first
/// bundle after the CNI layer, so it exists before (or with) every object in it. Built-in namespaces get none.
/// </summary>
internal static class NamespaceBundle
{
    /// <summary>Namespaces every cluster has; never emitted.</summary>
    public static IReadOnlySet<string> BuiltIn { get; } = new HashSet<string>(StringComparer.Ordinal) { "default", "kube-system", "kube-public", "kube-node-lease" };

    /// <summary>The files with every Namespace object moved to the namespaces bundle, and one added for each namespace used without one.</summary>
    public static IReadOnlyList<BundleFile> Apply(IReadOnlyList<BundleFile> files)
    {
        var namespaceFiles = files.Where(IsNamespaceFile).ToArray();
        var otherFiles = files.Where(f => !IsNamespaceFile(f)).ToArray();
        var declared = namespaceFiles.SelectMany(f => f.Objects).Cast<V1Namespace>()
            .GroupBy(n => n.Metadata.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // Problems in a namespace file point where the first file declaring or using the namespace came from (a loop, not
        // a query: a large lab has one file per attachment).
        var sources = new Dictionary<string, SourceLocation?>(StringComparer.Ordinal);
        foreach (var file in namespaceFiles.Concat(otherFiles))
        {
            foreach (var obj in file.Objects)
            {
                if ((obj is V1Namespace n ? n.Metadata.Name : NamespaceOf(obj)) is { } ns)
                {
                    sources.TryAdd(ns, file.Source);
                }
            }
        }

        var used = otherFiles.SelectMany(f => f.Objects).Select(NamespaceOf).OfType<string>().Where(ns => !BuiltIn.Contains(ns));
        var all = declared.Keys.Concat(used).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return otherFiles
            .Concat(all.Select(ns => new BundleFile(Bundle.Namespaces, $"namespace-{ns}.yaml", [declared.GetValueOrDefault(ns) ?? Namespace(ns)]) { Source = sources.GetValueOrDefault(ns) }))
            .ToArray();
    }

    private static bool IsNamespaceFile(BundleFile file) => file.Objects.Count > 0 && file.Objects.All(o => o is V1Namespace);

    /// <summary>The object's metadata.namespace (null for cluster-scoped objects and non-objects).</summary>
    public static string? NamespaceOf(object obj) =>
        obj is IKubernetesObject<V1ObjectMeta> { Metadata.NamespaceProperty: { Length: > 0 } ns } ? ns : null;

    /// <summary>A bare <c>v1 Namespace</c> named <paramref name="name"/>.</summary>
    public static V1Namespace Namespace(string name) => new() { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = name } };
}
