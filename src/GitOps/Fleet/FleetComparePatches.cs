using k8s;
using k8s.Models;
using GitOps.Calico;

namespace GitOps.Fleet;

/// <summary>
/// Fields of emitted objects that the cluster rewrites after apply. Fleet compares the live object with
/// the bundle's and reports Modified on any difference, and a Modified bundle blocks every bundle that
/// dependsOn it (dependsOn accepts only Ready), so these fields are left out of the comparison.
/// </summary>
internal static class FleetComparePatches
{
    private static readonly (string ApiVersion, string Kind, string[] Paths)[] Known =
    [
        // Installation.spec.calicoNetwork.ipPools is a list, compared as a whole. The API server adds
        // disableBGPExport: false to each pool (the CRD's default, tigera/operator
        // operator.tigera.io_installations.yaml) and the operator fills in nodeSelector: all() and the
        // pool's other defaults, so the live list never equals the emitted one.
        (Installation.ApiVersionValue, Installation.KindValue, ["/spec/calicoNetwork/ipPools"]),
    ];

    /// <summary>One compare patch per emitted object that has known cluster-rewritten fields, in the objects' order.</summary>
    public static IReadOnlyList<ComparePatch> For(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var patches = new List<ComparePatch>();
        foreach (var obj in objects)
        {
            var apiVersion = obj.ApiVersion;
            var kind = obj.Kind;
            var known = Known.FirstOrDefault(k => k.ApiVersion == apiVersion && k.Kind == kind);
            if (known.Paths is null)
            {
                continue;
            }

            patches.Add(new ComparePatch
            {
                ApiVersion = known.ApiVersion,
                Kind = known.Kind,
                Name = obj.Metadata?.Name ?? "",
                Namespace = obj.Metadata?.NamespaceProperty,
                Operations = known.Paths.Select(p => new CompareOperation { Path = p }).ToArray(),
            });
        }

        return patches;
    }
}
