using GitOps.Diagnostics;

namespace GitOps.Output;

/// <summary>
/// Generated files a build deletes whose objects, once removed from the cluster, take data or whole clusters with them.
/// The writer deletes a file the model no longer produces (a workload, its namespace, the cluster or the Fleet GitRepo
/// renamed, a claim removed, delivery switched from Fleet to Flux), and Fleet or Flux then removes its object:
/// <list type="bullet">
/// <item>A <c>PersistentVolumeClaim</c>: a dynamically provisioned volume follows its StorageClass's reclaim policy,
/// <c>Delete</c> unless set otherwise (kubernetes.io "Storage Classes", Reclaim Policy: "If no reclaimPolicy is specified
/// when a StorageClass object is created, it will default to Delete"), and Delete "removes both the PersistentVolume object
/// from Kubernetes, as well as the associated storage asset" (kubernetes.io "Persistent Volumes", Delete).</item>
/// <item>A <c>Namespace</c>: deleting it deletes every object in it, claims included (kubernetes.io "Share a Cluster with
/// Namespaces": "This deletes everything under the namespace!").</item>
/// <item>In <c>rancher-local/</c>, which the fleet-local GitRepo syncs into Rancher's own cluster: Rancher's provisioning
/// <c>Cluster</c> (provisioning.cattle.io/v1) and a Fleet <c>GitRepo</c>. Deleting the Cluster object deletes the cluster
/// from Rancher with its machines, and removing a custom node from a Rancher-launched cluster cleans the Kubernetes
/// components off it (ranchermanager.docs.rancher.com, "Removing Kubernetes Components from Nodes"). Deleting a GitRepo
/// deletes its bundles and the objects they deployed unless it has <c>keepResources: true</c> (rancher/fleet#680;
/// <c>internal/cmd/controller/finalize</c> <c>PurgeBundles</c>: "deletes all bundles related to the given resource ...
/// in cascade"). A GitRepo in <c>rancher/</c> was applied by hand, and deleting its file deletes nothing.</item>
/// </list>
/// So each such file is reported with a warning (GITOPS213) on the build that deletes it.
/// </summary>
internal static class StoredDataDeletes
{
    /// <param name="root">The output folder (full path).</param>
    /// <param name="deletes">The generated files this update deletes, relative, with '/'.</param>
    public static IReadOnlyList<Diagnostic> Find(string root, IReadOnlyList<string> deletes)
    {
        var warnings = new List<Diagnostic>();
        foreach (var relativePath in deletes)
        {
            var path = OutputPath.ToFullPath(root, relativePath);
            var synced = relativePath.StartsWith(DeliveryFolder.RancherLocal.Name + "/", StringComparison.Ordinal);
            if (KindHoldingData(path, synced) is { } kind)
            {
                warnings.Add(new Diagnostic(DiagnosticCodes.OutputDeletesStoredData, DiagnosticSeverity.Warning, "output/" + relativePath,
                    Message(kind), path));
            }
        }

        return warnings;
    }

    /// <summary>The first kind of the file that takes data with it (the writer's own files: <c>apiVersion:</c> and
    /// <c>kind:</c> at the start of a line, in that order, in each document), else null. A Cluster or GitRepo counts only in a
    /// folder Fleet syncs (<paramref name="synced"/>).</summary>
    private static DataKind? KindHoldingData(string path, bool synced)
    {
        string? apiVersion = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line == "---")
            {
                apiVersion = null;
            }
            else if (line.StartsWith("apiVersion: ", StringComparison.Ordinal))
            {
                apiVersion = line["apiVersion: ".Length..];
            }
            else if (line.StartsWith("kind: ", StringComparison.Ordinal) && Kind(apiVersion, line["kind: ".Length..], synced) is { } kind)
            {
                return kind;
            }
        }

        return null;
    }

    private static DataKind? Kind(string? apiVersion, string kind, bool synced) => (apiVersion, kind) switch
    {
        ("v1", "PersistentVolumeClaim") => DataKind.PersistentVolumeClaim,
        ("v1", "Namespace") => DataKind.Namespace,
        ("provisioning.cattle.io/v1", "Cluster") when synced => DataKind.RancherCluster,
        ("fleet.cattle.io/v1alpha1", "GitRepo") when synced => DataKind.FleetGitRepo,
        _ => null,
    };

    private enum DataKind
    {
        PersistentVolumeClaim,
        Namespace,
        RancherCluster,
        FleetGitRepo,
    }

    private static string Message(DataKind kind) => kind switch
    {
        DataKind.Namespace =>
            "this build deletes this file, which holds a Namespace: when Fleet or Flux removes it from the cluster, " +
            "everything in the namespace is deleted, PersistentVolumeClaims and their volumes included; if you renamed " +
            "the namespace, move the workloads' data first (or keep the old namespace in the model until you have)",
        DataKind.PersistentVolumeClaim =>
            "this build deletes this file, which holds a PersistentVolumeClaim: when Fleet or Flux removes the claim from " +
            "the cluster, a dynamically provisioned volume is deleted with its data (a StorageClass's reclaim policy is " +
            "Delete unless set otherwise, local-path's included); if you renamed the workload or the claim, copy the data " +
            "to the new claim first, or keep the old name",
        DataKind.RancherCluster =>
            "this build deletes this file, which holds Rancher's provisioning Cluster: the fleet-local GitRepo syncs " +
            "rancher-local/, so once this is committed Fleet deletes the Cluster from Rancher, and Rancher deletes the " +
            "cluster, its machines and what it stores, and cleans its nodes (Rancher's \"Removing Kubernetes Components from " +
            "Nodes\"); a Rancher cluster is not renamed by replacing its object: keep the cluster's name and Rancher delivery " +
            "in the model (.Cluster(\"<old name>\"), .RancherCluster(...)), or delete the cluster on purpose",
        _ =>
            "this build deletes this file, which holds a Fleet GitRepo synced by the fleet-local GitRepo: once this is " +
            "committed Fleet deletes the GitRepo, and with it its bundles and every object they deployed, " +
            "PersistentVolumeClaims and their volumes included, unless the GitRepo has keepResources: true (rancher/fleet#680); " +
            "before renaming the lab or the GitRepo or leaving Fleet, set keepResources on the old one " +
            "(kubectl -n fleet-default patch gitrepo <old> --type merge -p '{\"spec\":{\"keepResources\":true}}'), " +
            "or keep the old name",
    };
}
