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
/// in cascade").</item>
/// <item>In <c>rancher/</c>: the fleet-local GitRepo, applied by hand (docs/gitops.md). Deleting its file deletes nothing,
/// but its name follows the Fleet GitRepo's, so renaming that or switching delivery deletes the file, and the docs then
/// tell the user to delete the old GitRepo by hand: without <c>keepResources</c> that deletes what it deployed from
/// <c>rancher-local/</c>, the provisioning Cluster included (try-out 8: three such builds warned about nothing).</item>
/// <item>In <c>flux/</c>: a Flux Kustomization, applied by hand (<c>kubectl apply -k</c>, docs/gitops.md). Deleting its
/// file (Flux renamed, delivery switched to Fleet) deletes nothing: it goes on applying its path, and deleting it from
/// the cluster with <c>prune: true</c>, which the library writes, deletes every object it applied (fluxcd.io,
/// <c>flux delete kustomization</c>: "Delete a kustomization and the Kubernetes resources created by it when prune is
/// enabled"; fluxcd/flux2#2624). Try-out 8: switching to Fleet deleted <c>flux/</c> without a word.</item>
/// </list>
/// So each such file is reported with a warning (GITOPS213) on the build that deletes it.
/// </summary>
internal static class StoredDataDeletes
{
    /// <param name="root">The output folder (full path).</param>
    /// <param name="deletes">The generated files this update deletes, relative, with '/'.</param>
    /// <param name="writes">This update's writes: an existing synced file whose Cluster or GitRepo gets another namespace or
    /// name (same file name: <c>cluster-&lt;name&gt;.yaml</c> holds no namespace) replaces the object as a delete does.</param>
    public static IReadOnlyList<Diagnostic> Find(string root, IReadOnlyList<string> deletes, IReadOnlyList<PlannedWrite> writes)
    {
        var warnings = new List<Diagnostic>();
        foreach (var relativePath in deletes)
        {
            var path = OutputPath.ToFullPath(root, relativePath);
            if (HoldingData(File.ReadLines(path), FolderOf(relativePath)) is { } held)
            {
                warnings.Add(new Diagnostic(DiagnosticCodes.OutputDeletesStoredData, DiagnosticSeverity.Warning, "output/" + relativePath,
                    Message(held, "this build deletes this file, which holds"), path));
            }
        }

        foreach (var write in writes.Where(w => w.Exists && FolderOf(w.RelativePath) == Folder.Synced))
        {
            var path = OutputPath.ToFullPath(root, write.RelativePath);
            var (before, after) = write.Lines(root);
            if (HoldingData(before, Folder.Synced) is { } held && HoldingData(after, Folder.Synced) is var now && now != held)
            {
                warnings.Add(new Diagnostic(DiagnosticCodes.OutputDeletesStoredData, DiagnosticSeverity.Warning, "output/" + write.RelativePath,
                    Message(held, $"this build replaces, in this file ({(now is { } n ? $"by {n}" : "by another object")}),"), path));
            }
        }

        return warnings;
    }

    /// <summary>Which Rancher folder a file is in: the one the fleet-local GitRepo syncs, the one applied by hand, or neither.</summary>
    private enum Folder
    {
        Other,
        Synced,
        HandApplied,
        Flux,
    }

    private static Folder FolderOf(string relativePath) =>
        relativePath.StartsWith(DeliveryFolder.RancherLocal.Name + "/", StringComparison.Ordinal) ? Folder.Synced
        : relativePath.StartsWith(DeliveryFolder.Rancher.Name + "/", StringComparison.Ordinal) ? Folder.HandApplied
        : relativePath.StartsWith(DeliveryFolder.Flux.Name + "/", StringComparison.Ordinal) ? Folder.Flux
        : Folder.Other;

    /// <summary>One object of a file that takes data with it: its kind, namespace and name.</summary>
    private readonly record struct Held(DataKind Kind, string? Namespace, string? Name)
    {
        /// <summary><c>namespace/name</c>, or the name alone.</summary>
        public override string ToString() => Namespace is null ? Name ?? "" : $"{Namespace}/{Name}";
    }

    /// <summary>The first object of the file that takes data with it, else null (also for a file that is not YAML). A Cluster
    /// or GitRepo counts only in a folder Fleet syncs, a GitRepo also in the one applied by hand (<paramref name="folder"/>).</summary>
    private static Held? HoldingData(IEnumerable<string> lines, Folder folder)
    {
        foreach (var head in Topology.YamlDocumentHeads.ReadOrNone(string.Join('\n', lines)))
        {
            if (Kind(head.ApiVersion, head.Kind, folder) is { } kind)
            {
                return new Held(kind, head.Namespace, head.Name);
            }
        }

        return null;
    }

    private static DataKind? Kind(string? apiVersion, string? kind, Folder folder) => (apiVersion, kind) switch
    {
        ("v1", "PersistentVolumeClaim") => DataKind.PersistentVolumeClaim,
        ("v1", "Namespace") => DataKind.Namespace,
        ("provisioning.cattle.io/v1", "Cluster") when folder == Folder.Synced => DataKind.RancherCluster,
        ("fleet.cattle.io/v1alpha1", "GitRepo") when folder == Folder.Synced => DataKind.FleetGitRepo,
        ("fleet.cattle.io/v1alpha1", "GitRepo") when folder == Folder.HandApplied => DataKind.HandAppliedGitRepo,
        ("kustomize.toolkit.fluxcd.io/v1", "Kustomization") when folder == Folder.Flux => DataKind.FluxKustomization,
        _ => null,
    };

    private enum DataKind
    {
        PersistentVolumeClaim,
        Namespace,
        RancherCluster,
        FleetGitRepo,
        HandAppliedGitRepo,
        FluxKustomization,
    }

    /// <summary>The <c>kubectl patch</c> that sets one field of the object's <c>spec</c>: <c>kubectl -n ns patch gitrepo name
    /// --type merge -p '{"spec":{"keepResources":true}}'</c>.</summary>
    private static string Patch(Held held, string resource, string field, string value) =>
        $"kubectl{(held.Namespace is null ? "" : $" -n {held.Namespace}")} patch {resource} {held.Name} --type merge -p '{{\"spec\":{{\"{field}\":{value}}}}}'";

    private static string Message(Held held, string opening) => held.Kind switch
    {
        DataKind.Namespace =>
            $"{opening} a Namespace: when Fleet or Flux removes it from the cluster, " +
            "everything in the namespace is deleted, PersistentVolumeClaims and their volumes included; if you renamed " +
            "the namespace, move the workloads' data first (or keep the old namespace in the model until you have)",
        DataKind.PersistentVolumeClaim =>
            $"{opening} a PersistentVolumeClaim: when Fleet or Flux removes the claim from " +
            "the cluster, a dynamically provisioned volume is deleted with its data (a StorageClass's reclaim policy is " +
            "Delete unless set otherwise, local-path's included); if you renamed the workload or the claim, copy the data " +
            "to the new claim first, or keep the old name",
        DataKind.RancherCluster =>
            $"{opening} Rancher's provisioning Cluster {held}: the fleet-local GitRepo syncs " +
            $"{DeliveryFolder.RancherLocal.Name}/, so once this is committed Fleet deletes that Cluster from Rancher, and Rancher deletes the " +
            "cluster, its machines and what it stores, and cleans its nodes (Rancher's \"Removing Kubernetes Components from " +
            "Nodes\"); a Rancher cluster is not renamed or moved by replacing its object: keep the cluster's name, namespace " +
            "and Rancher delivery in the model (.Cluster(...), .RancherCluster(...)), or delete the cluster on purpose",
        DataKind.HandAppliedGitRepo when held.Namespace != Topology.FleetSettings.LocalNamespace =>
            $"{opening} the Fleet GitRepo {held}, which you applied by hand: the build writes the GitRepo under its new name, " +
            "and the old one stays in the cluster until you delete it; deleting it without keepResources: true makes Fleet " +
            "delete its bundles and every object they deployed, PersistentVolumeClaims and their volumes included (rancher/fleet#680). " +
            "Keep the old Fleet name in the model, or apply the new GitRepo, then set keepResources on the old one before " +
            $"deleting it ({Patch(held, "gitrepo", "keepResources", "true")})",
        DataKind.HandAppliedGitRepo =>
            $"{opening} the fleet-local GitRepo {held}, which you applied to Rancher's local cluster by hand: the build writes " +
            "the GitRepo under its new name, and the old one stays in the cluster until you delete it. It syncs " +
            $"{DeliveryFolder.RancherLocal.Name}/ with Rancher's provisioning Cluster: deleting it without keepResources: true " +
            "makes Fleet delete what it deployed (rancher/fleet#680), and Rancher then deletes the cluster and cleans its nodes. " +
            "Keep the old Fleet name and delivery in the model, or apply the new GitRepo, then set keepResources on the old one " +
            $"before deleting it ({Patch(held, "gitrepo", "keepResources", "true")})",
        DataKind.FluxKustomization =>
            $"{opening} the Flux Kustomization {held}, which you applied by hand (kubectl apply -k): it stays in the cluster " +
            "and goes on applying its path, and deleting it (kubectl delete, flux delete kustomization) with prune: true " +
            "deletes every object it applied, PersistentVolumeClaims and their volumes included (fluxcd.io, flux delete " +
            "kustomization). Keep the old Flux name and delivery in the model, or before deleting it set prune to false " +
            $"({Patch(held, "kustomization", "prune", "false")}) " +
            "and let the new delivery take the objects over",
        _ =>
            $"{opening} the Fleet GitRepo {held}, synced by the fleet-local GitRepo: once this is " +
            "committed Fleet deletes that GitRepo, and with it its bundles and every object they deployed, " +
            "PersistentVolumeClaims and their volumes included, unless the GitRepo has keepResources: true (rancher/fleet#680); " +
            "before renaming the lab or the GitRepo, moving it or leaving Fleet, set keepResources on it and let Fleet " +
            $"redeploy its bundles ({Patch(held, "gitrepo", "keepResources", "true")}), " +
            "or keep the old name and namespace",
    };
}
