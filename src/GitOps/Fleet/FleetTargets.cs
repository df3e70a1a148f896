using GitOps.Diagnostics;
using GitOps.Topology;

namespace GitOps.Fleet;

/// <summary>
/// GITOPS424 (a warning): a lab that provisions its cluster in Rancher (<c>.RancherCluster(...)</c>) and whose GitRepo
/// targets only other Fleet clusters. Rancher names the Fleet cluster of a provisioned cluster after the provisioning
/// Cluster (rancher/rancher <c>pkg/controllers/provisioningv2/fleetcluster/fleetcluster.go</c>), which is the lab's
/// cluster name, so the day-2 bundles would never reach the cluster the lab provisions. A warning, not an error: the
/// lab may mean to deliver to clusters provisioned elsewhere (try-out 7: <c>.TargetCluster("home")</c> beside a
/// Rancher cluster named <c>mylab</c> built silently).
/// </summary>
internal static class FleetTargets
{
    public static IReadOnlyList<Diagnostic> Check(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        if (lab.GitOps is not { Fleet: { } fleet, RancherCluster: not null } || fleet.TargetClusters.Contains(lab.Cluster.Name, StringComparer.Ordinal))
        {
            return [];
        }

        var targets = string.Join(", ", fleet.TargetClusters.Select(t => $"'{t}'"));
        return
        [
            new Diagnostic(DiagnosticCodes.FleetTargetMissesRancherCluster, DiagnosticSeverity.Warning, "lab/gitops/fleet/targetCluster",
                $"the GitRepo targets the Fleet cluster{(fleet.TargetClusters.Count == 1 ? "" : "s")} {targets}, but the cluster this lab " +
                $"provisions in Rancher is '{lab.Cluster.Name}', which Rancher's Fleet knows by that name, so the day-2 bundles (namespaces, " +
                $"node agent, networks, workloads) never reach it; add .TargetCluster(\"{lab.Cluster.Name}\"), or leave .TargetCluster(...) out to target it by default.",
                fleet.Source.File, fleet.Source.Line),
        ];
    }
}
