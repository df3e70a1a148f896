using GitOps.Diagnostics;

namespace GitOps.Output;

/// <summary>
/// Generated files a build deletes whose objects hold data in the cluster: a <c>PersistentVolumeClaim</c> or a
/// <c>Namespace</c>. The writer deletes a file the model no longer produces (a workload or its namespace renamed, a
/// claim removed), and Fleet or Flux then removes its object from the cluster. For a claim that means its volume: a
/// dynamically provisioned volume follows its StorageClass's reclaim policy, <c>Delete</c> unless set otherwise
/// (kubernetes.io "Storage Classes", Reclaim Policy: "If no reclaimPolicy is specified when a StorageClass object is
/// created, it will default to Delete"), and Delete "removes both the PersistentVolume object from Kubernetes, as well
/// as the associated storage asset" (kubernetes.io "Persistent Volumes", Delete). Deleting a Namespace deletes every
/// object in it, claims included (kubernetes.io "Share a Cluster with Namespaces": "This deletes everything under the
/// namespace!"). So each such file is reported with a warning (GITOPS213) on the build that deletes it.
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
            if (KindHoldingData(path) is { } kind)
            {
                warnings.Add(new Diagnostic(DiagnosticCodes.OutputDeletesStoredData, DiagnosticSeverity.Warning, "output/" + relativePath,
                    Message(kind), path));
            }
        }

        return warnings;
    }

    /// <summary>PersistentVolumeClaim or Namespace when the file holds one at the top level of a document (the writer's
    /// own files: <c>kind:</c> at the start of a line), else null.</summary>
    private static string? KindHoldingData(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (line is "kind: PersistentVolumeClaim" or "kind: Namespace")
            {
                return line["kind: ".Length..];
            }
        }

        return null;
    }

    private static string Message(string kind) =>
        kind == "Namespace"
            ? "this build deletes this file, which holds a Namespace: when Fleet or Flux removes it from the cluster, " +
              "everything in the namespace is deleted, PersistentVolumeClaims and their volumes included; if you renamed " +
              "the namespace, move the workloads' data first (or keep the old namespace in the model until you have)"
            : "this build deletes this file, which holds a PersistentVolumeClaim: when Fleet or Flux removes the claim from " +
              "the cluster, a dynamically provisioned volume is deleted with its data (a StorageClass's reclaim policy is " +
              "Delete unless set otherwise, local-path's included); if you renamed the workload or the claim, copy the data " +
              "to the new claim first, or keep the old name";
}
