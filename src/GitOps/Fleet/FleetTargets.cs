using GitOps.Diagnostics;
using GitOps.Topology;

namespace GitOps.Fleet;

/// <summary>
/// GITOPS424 (a warning): a lab that provisions its cluster in Rancher (<c>.RancherCluster(...)</c>) whose GitRepo can
/// never reach that cluster. Rancher registers a provisioned cluster in Fleet under the provisioning Cluster's name, in
/// the Fleet workspace named after the Cluster's namespace (rancher/rancher <c>pkg/controllers/provisioningv2/cluster</c>,
/// <c>createCluster</c>: <c>spec.FleetWorkspaceName = cluster.Namespace</c>; <c>fleetcluster.go</c>), and a GitRepo
/// targets only clusters of its own workspace (its namespace). So the GitRepo must sit in the Rancher cluster's namespace
/// and name the lab's cluster among its targets. A warning, not an error: the lab may mean to deliver to clusters
/// provisioned elsewhere (try-out 7: <c>.TargetCluster("home")</c> beside a Rancher cluster named <c>mylab</c> built
/// silently).
/// </summary>
internal static class FleetTargets
{
    public static IReadOnlyList<Diagnostic> Check(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        if (lab.GitOps is not { Fleet: { } fleet, RancherCluster: { } rancher })
        {
            return [];
        }

        var problems = new List<Diagnostic>();
        if (fleet.Namespace != rancher.Namespace)
        {
            problems.Add(new Diagnostic(DiagnosticCodes.FleetTargetMissesRancherCluster, DiagnosticSeverity.Warning, "lab/gitops/fleet/workspace",
                $"the GitRepo is in the Fleet workspace '{fleet.Namespace}', but Rancher registers the cluster this lab provisions " +
                $"('{lab.Cluster.Name}') in the workspace '{rancher.Namespace}', the namespace of its provisioning Cluster, and a GitRepo " +
                $"deploys only to clusters of its own workspace, so the day-2 bundles never reach it; use .Namespace(\"{rancher.Namespace}\") " +
                "or leave it out.",
                fleet.NamespaceSource.File, fleet.NamespaceSource.Line));
        }

        if (!fleet.TargetClusters.Contains(lab.Cluster.Name, StringComparer.Ordinal))
        {
            var targets = string.Join(", ", fleet.TargetClusters.Select(t => $"'{t}'"));
            problems.Add(new Diagnostic(DiagnosticCodes.FleetTargetMissesRancherCluster, DiagnosticSeverity.Warning, "lab/gitops/fleet/targetCluster",
                $"the GitRepo targets the Fleet cluster{(fleet.TargetClusters.Count == 1 ? "" : "s")} {targets}, but not '{lab.Cluster.Name}', the " +
                "cluster this lab provisions in Rancher (Rancher's Fleet knows it by that name), so the day-2 bundles (namespaces, node " +
                $"agent, networks, workloads) never reach it; add .TargetCluster(\"{lab.Cluster.Name}\"), or leave .TargetCluster(...) out to target it by default.",
                fleet.TargetsSource.File, fleet.TargetsSource.Line));
        }

        return problems;
    }
}
