using GitOps.Calico;
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
///   crds/ multus/ calico/ calico-bgp/ node-agent/ networks/ workloads/   synced: a Fleet bundle (fleet.yaml) and/or a kustomization each
///   flux/      Flux's GitRepository and Kustomizations (kubectl apply -k flux/ once)
///   rancher/   Fleet's GitRepo and the provisioning Cluster (kubectl apply -f rancher/ once, on the Rancher cluster)
///   hosts/&lt;node&gt;/  systemd-networkd units for each node (copy to /etc/systemd/network/)
///   hosts/&lt;router&gt;/frr.conf  the router's side of the BGP peering (docs/bgp.md)
/// </code>
/// The GitRepo lists only the manifests folders in <c>paths:</c> and each Flux Kustomization names its
/// folder, so flux/, rancher/ and hosts/ are never synced into the cluster.
/// </summary>
public static class DeliveryEmitter
{
    public static IReadOnlyList<ManifestFile> Complete(Lab lab, IReadOnlyList<ManifestFile> manifests)
    {
        ArgumentNullException.ThrowIfNull(lab);
        if (lab.GitOps is not { } gitOps)
        {
            return manifests;
        }

        // With the chart, Helm renders the Installation from the chart's values; the raw one must not be deployed too.
        var kept = gitOps.Fleet?.CalicoChart is null ? manifests : manifests.Where(f => !IsInstallation(f)).ToArray();
        var folders = BundleFolder.Collect(kept);
        if (gitOps.Fleet?.CalicoChart is not null && folders.All(f => f.Name != FleetEmitter.CalicoFolder))
        {
            // The calico bundle is then only its fleet.yaml; it keeps its place in the order.
            folders = BundleFolder.Order.Select(name => name == FleetEmitter.CalicoFolder ? new BundleFolder(name, []) : folders.FirstOrDefault(f => f.Name == name))
                .OfType<BundleFolder>().ToArray();
        }

        var result = kept.ToList();
        if (gitOps.Fleet is { } fleet)
        {
            result.AddRange(FleetEmitter.Emit(lab, gitOps.Repository, fleet, folders));
        }

        if (gitOps.Flux is { } flux)
        {
            result.AddRange(FluxEmitter.Emit(gitOps.Repository, flux, folders));
        }

        if (gitOps.RancherCluster is { } rancher)
        {
            result.AddRange(RancherClusterEmitter.Emit(lab, rancher));
        }

        if (gitOps.HostFiles)
        {
            result.AddRange(HostNetworkdEmitter.Emit(lab));
            result.AddRange(FrrEmitter.Emit(lab));
        }

        if (gitOps.Fleet is { } sized)
        {
            FleetBundleSize.ThrowIfTooLarge(result, folders, sized);
        }

        return result;
    }

    private static bool IsInstallation(ManifestFile file) =>
        file.Objects.Count > 0 && file.Objects.All(o => o is Installation);
}
