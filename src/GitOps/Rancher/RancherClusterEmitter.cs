using GitOps.K3s;
using GitOps.Fleet;
using GitOps.Output;
using GitOps.Topology;
using k8s.Models;

namespace GitOps.Rancher;

/// <summary>
/// The provisioning Cluster, named like the lab's cluster, in rancher-local/: the K3s server settings in
/// <c>machineGlobalConfig</c> and the CNI layer in <c>additionalManifest</c>. Fleet in Rancher's <c>fleet-local</c>
/// workspace syncs the folder (see <see cref="FleetEmitter"/>), so a change in git reaches the servers.
/// </summary>
internal static class RancherClusterEmitter
{
    /// <summary>rancher-local/cluster-&lt;cluster&gt;.yaml with <paramref name="cniLayer"/> (apply order) as its additionalManifest.</summary>
    public static IEnumerable<DeliveryFile> Emit(Lab lab, RancherClusterSettings rancher, IReadOnlyList<object> cniLayer)
    {
        yield return new DeliveryFile(DeliveryFolder.RancherLocal, $"cluster-{lab.Cluster.Name}.yaml", [Build(lab, rancher, cniLayer)]) { Source = rancher.Source };
    }

    /// <summary>The Cluster object: the lab's K3s settings in machineGlobalConfig, the CNI layer's objects in additionalManifest.</summary>
    public static ProvisioningCluster Build(Lab lab, RancherClusterSettings rancher, IReadOnlyList<object> cniLayer) => new()
    {
        Metadata = new V1ObjectMeta { Name = lab.Cluster.Name, NamespaceProperty = rancher.Namespace },
        Spec = new ProvisioningClusterSpec
        {
            KubernetesVersion = rancher.KubernetesVersion,
            RkeConfig = new RkeConfig
            {
                MachineGlobalConfig = K3sServerConfig.For(lab),
                AdditionalManifest = new EmbeddedObjects("additionalManifest", cniLayer),
            },
        },
    };
}
