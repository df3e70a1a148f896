using GitOps.Fleet;
using GitOps.Flux;
using GitOps.Hosts;
using GitOps.Output;
using GitOps.Rancher;
using GitOps.Topology;

namespace GitOps.Delivery;

/// <summary>
/// Adds what the lab's GitOps section asks for to the cluster manifests. The layout of the one output folder:
/// <code>
///   namespaces/ calico/ calico-bgp/ node-agent/ networks/ workloads/   day 2: a Fleet bundle (fleet.yaml) and/or a kustomization each
///   rancher-local/  the provisioning Cluster (CNI layer in additionalManifest) [+ the downstream GitRepo]: a Fleet bundle for Rancher's own cluster
///   rancher/        the fleet-local GitRepo that syncs rancher-local/ (or, without Rancher, the downstream GitRepo): kubectl apply -f rancher/ once
///   flux/           Flux's GitRepository and Kustomizations (kubectl apply -k flux/ once)
///   hosts/&lt;node&gt;/   systemd-networkd units; without Rancher also etc/rancher/k3s/config.yaml and the CNI layer in
///                   var/lib/rancher/k3s/server/manifests/ on each K3s server
///   hosts/&lt;router&gt;/frr.conf  the router's side of the BGP peering (docs/bgp.md)
/// </code>
/// Day 0 needs no pod network: K3s applies the CNI layer itself (<see cref="CniLayer"/>). Every object has one owner:
/// the CNI layer belongs to K3s's manifests directory (fed by Rancher's Cluster, which Fleet in fleet-local syncs, or
/// by the host files), everything else to the downstream Fleet or Flux. GitRepo <c>paths:</c> and Flux paths name only
/// synced folders, so rancher/, flux/ and hosts/ are never synced into the downstream cluster.
/// </summary>
internal static class DeliveryEmitter
{
    /// <param name="cniLayer">The emitters' CNI-layer files (crds, multus, the Installation): K3s applies them at day 0.</param>
    /// <param name="cluster">Every other emitted file: the GitOps bundles.</param>
    /// <exception cref="InvalidOperationException">The bundles depend on each other in a cycle (<see cref="BundleOrder.Sort"/>).</exception>
    public static IReadOnlyList<ManifestFile> Complete(Lab lab, IReadOnlyList<BundleFile> cniLayer, IReadOnlyList<BundleFile> cluster)
    {
        ArgumentNullException.ThrowIfNull(lab);
        if (lab.GitOps is not { } gitOps)
        {
            return [.. BundleLayout.Collect(NamespaceBundle.Apply([.. cniLayer, .. cluster])).SelectMany(folder => folder.Files)];
        }

        var layer = CniLayer.Objects(gitOps.TigeraOperator, cniLayer);
        var folders = BundleLayout.Collect(NamespaceBundle.Apply(cluster));
        var result = folders.SelectMany(folder => folder.Files).ToList();
        var delivered = new List<DeliveryFile>();
        if (gitOps.Fleet is { } fleet)
        {
            delivered.AddRange(FleetEmitter.Emit(lab, gitOps.Repository, fleet, folders, gitRepoSynced: gitOps.RancherCluster is not null));
        }

        if (gitOps.Flux is { } flux)
        {
            delivered.AddRange(FluxEmitter.Emit(gitOps.Repository, flux, folders));
        }

        if (gitOps.RancherCluster is { } rancher)
        {
            delivered.AddRange(RancherClusterEmitter.Emit(lab, rancher, layer));
            delivered.AddRange(FleetEmitter.EmitRancherLocal(lab, gitOps, rancher));
        }
        else
        {
            delivered.AddRange(K3sHostFilesEmitter.Emit(lab, gitOps.K3sServers, layer));
        }

        if (gitOps.HostFiles)
        {
            delivered.AddRange(HostNetworkdEmitter.Emit(lab));
            delivered.AddRange(FrrEmitter.Emit(lab));
            delivered.AddRange(HyperVEmitter.Emit(lab));
        }

        result.AddRange(delivered.Select(BundleLayout.Place));
        return result;
    }
}
