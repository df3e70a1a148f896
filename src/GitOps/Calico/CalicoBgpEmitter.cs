using GitOps.Output;
using GitOps.Topology;
using k8s.Models;

namespace GitOps.Calico;

/// <summary>
/// The cluster side of the BGP peering, in its own bundle <see cref="Bundle.CalicoBgp"/>: the <c>BGPConfiguration</c>
/// <c>default</c> and one global <c>BGPPeer</c> per router. They are <c>projectcalico.org/v3</c> objects, which
/// exist only once the Calico API server runs, so they cannot share a bundle with the CNI layer that installs it;
/// calico-bgp depends on calico (<see cref="Bundle.CalicoBgp"/>, docs/bgp.md).
/// Nothing is emitted when the lab peers with no router.
/// </summary>
internal static class CalicoBgpEmitter
{
    /// <summary>The name Calico reads as the cluster-wide BGP defaults.</summary>
    public const string ConfigurationName = "default";

    /// <summary>calico-bgp/bgpconfiguration-default.yaml and calico-bgp/bgppeer-&lt;router&gt;.yaml, routers by name; nothing without peering.</summary>
    public static IEnumerable<BundleFile> Emit(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        if (lab.Calico.Peering is not { } peering || !lab.Calico.Bgp)
        {
            yield break;
        }

        yield return new BundleFile(Bundle.CalicoBgp, $"bgpconfiguration-{ConfigurationName}.yaml", [Configuration(lab, peering)]) { Source = peering.Source };
        foreach (var router in peering.Routers.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            yield return new BundleFile(Bundle.CalicoBgp, $"bgppeer-{router.Name}.yaml", [Peer(router)]) { Source = router.Source };
        }
    }

    internal static BgpConfiguration Configuration(Lab lab, BgpPeering peering) => new()
    {
        Metadata = new V1ObjectMeta { Name = ConfigurationName },
        Spec = new BgpConfigurationSpec
        {
            AsNumber = peering.AsNumber,
            NodeToNodeMeshEnabled = peering.NodeToNodeMesh,
            ServiceClusterIPs = peering.AdvertiseServiceCidr ? [new CidrBlock { Cidr = lab.Cluster.ServiceCidr.ToString() }] : null,
        },
    };

    internal static BgpPeer Peer(BgpRouter router) => new()
    {
        Metadata = new V1ObjectMeta { Name = router.Name },
        Spec = new BgpPeerSpec { PeerIP = router.Address.ToString(), AsNumber = router.AsNumber },
    };
}
