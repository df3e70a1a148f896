using GitOps.Diagnostics;

namespace GitOps.Output;

/// <summary>
/// GITOPS214 (a warning): a build that rewrites a bundle's existing <c>fleet.yaml</c> with another
/// <c>defaultNamespace</c>. That is the namespace of the bundle's Helm release (rancher/fleet
/// <c>internal/helmdeployer/deployer.go</c>, <c>getOpts</c> → <c>namespaces.GetDeploymentNS</c>), and Fleet's agent
/// uninstalls a release whose namespace no longer matches its BundleDeployment (<c>internal/cmd/agent/deployer/cleanup/cleanup.go</c>:
/// <c>releaseKey</c> differs → "Deleting unknown bundle ID, helm uninstall"), deleting its objects, PersistentVolumeClaims
/// and their volumes included, before the release in the new namespace installs them again. The generator keeps it
/// stable (<c>FleetEmitter.DefaultNamespace</c>: the first declared workload's or attachment's namespace), so this is the
/// build that renamed or removed the first one, or the first build after an upgrade that changed the rule.
/// </summary>
internal static class FleetReleaseMoves
{
    private const string Key = "defaultNamespace: ";

    /// <param name="root">The output folder (full path).</param>
    /// <param name="writes">This update's writes; those of an existing <c>fleet.yaml</c> are read.</param>
    public static IReadOnlyList<Diagnostic> Find(string root, IReadOnlyList<PlannedWrite> writes)
    {
        var warnings = new List<Diagnostic>();
        foreach (var write in writes)
        {
            if (!write.Exists || Path.GetFileName(write.RelativePath) != "fleet.yaml")
            {
                continue;
            }

            var path = OutputPath.ToFullPath(root, write.RelativePath);
            var (lines, newLines) = write.Lines(root);
            var (before, after) = (DefaultNamespace(lines), DefaultNamespace(newLines));
            if (before is not null && after is not null && before != after)
            {
                warnings.Add(new Diagnostic(DiagnosticCodes.FleetReleaseNamespaceChanged, DiagnosticSeverity.Warning, "output/" + write.RelativePath,
                    $"this build changes the bundle's defaultNamespace from '{before}' to '{after}': it is the namespace of the bundle's " +
                    $"Helm release, and once this is committed Fleet uninstalls the release in '{before}', deleting every object of the " +
                    "bundle (PersistentVolumeClaims and their volumes included), then installs them again in a new release; " +
                    Fix(Path.GetDirectoryName(write.RelativePath)?.Replace('\\', '/') ?? "", before), path));
            }
        }

        return warnings;
    }

    /// <summary>What keeps the release where it is: a pin of the bundle's namespace (FleetBuilder.DefaultNamespace) for the
    /// two bundles whose namespace follows the lab's declarations (also after an upgrade of these packages that changed the
    /// rule), else backing up the volumes.</summary>
    private static string Fix(string folder, string before) =>
        folder == Bundle.Workloads.Name || folder == Bundle.Networks.Name
            ? $"to keep the release where it is (a renamed, moved or removed first {(folder == Bundle.Workloads.Name ? "workload" : "attachment")}, " +
              $"or an upgrade of these packages that changed the default), pin it: .GitOps(g => g.Fleet(f => f.DefaultNamespace(\"{folder}\", \"{before}\"))); " +
              "else back up the bundle's volumes before committing"
            : "back up the bundle's volumes before committing";

    /// <summary>The value of the top-level <c>defaultNamespace:</c> line (the writer's own fleet.yaml), or null. A namespace a
    /// YAML 1.1 reader would retype (<c>yes</c>, <c>123</c>) is written double-quoted; a DNS label needs no escape, so the
    /// quotes are all there is to remove.</summary>
    internal static string? DefaultNamespace(IEnumerable<string> lines) =>
        lines.FirstOrDefault(line => line.StartsWith(Key, StringComparison.Ordinal))?[Key.Length..].TrimEnd('\r') is { } value
            ? value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value
            : null;
}
