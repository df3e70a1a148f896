using GitOps.Diagnostics;

namespace GitOps.Output;

/// <summary>
/// Files the user put into a folder the generator delivers as one bundle (a folder it writes a <c>fleet.yaml</c> or
/// <c>kustomization.yaml</c> into): they are kept (the writer never touches a file it does not own) but reported with a
/// warning (GITOPS208), because what reaches the cluster depends on the delivery, and neither way checks them:
/// <list type="bullet">
/// <item>With a <c>kustomization.yaml</c> (Flux chosen) only the files it lists are applied, and it lists the generated
/// files only. Fleet, finding a <c>kustomization.yaml</c> in a bundle, builds it with kustomize as well
/// (rancher/fleet <c>internal/bundlereader/style.go</c> <c>DetermineStyle</c>: a <c>kustomization.yaml</c> makes the
/// style Kustomize, and only the raw-YAML style collects files): the file is applied by neither.</item>
/// <item>Without one (Fleet only) Fleet deploys every <c>.yaml</c>, <c>.yml</c> and <c>.json</c> file of the bundle
/// except <c>fleet.yaml</c> (rancher/fleet <c>internal/helmdeployer/render/helm.go</c> <c>manifests()</c>; fleet.rancher.io
/// "Git Repository Contents": "If a Chart.yaml or kustomization.yaml is not found then any .yaml or .yml file will be
/// assumed to be a Kubernetes resource and will be deployed"): the file is applied, but never validated, and stops being
/// applied the day Flux is added.</item>
/// </list>
/// Listing such files in the generated kustomization.yaml would make the output depend on the folder's state and ship
/// objects the validator never saw; the model has one way to add an object beside a workload (<c>.Object(...)</c>,
/// <c>.YamlFile(...)</c>), which validates it and lists it for both. Files of other types (a README.md) are ignored by
/// both and not reported. When a folder stops being a bundle (the last generation wrote its fleet.yaml or
/// kustomization.yaml, this one does not), such files are reported as no longer delivered (GITOPS212).
/// </summary>
internal static class UnlistedFiles
{
    private static readonly string[] Manifests = [".yaml", ".yml", ".json"];

    /// <param name="root">The output folder (full path).</param>
    /// <param name="produced">Every file this generation writes, relative, with '/'.</param>
    /// <param name="ownedBefore">Files the generator wrote before (deleted now if no longer produced): not the user's.</param>
    public static IReadOnlyList<Diagnostic> Find(string root, IReadOnlyCollection<string> produced, IReadOnlySet<string> ownedBefore)
    {
        var producedSet = produced.ToHashSet(StringComparer.Ordinal);
        var bundles = BundleFolders(produced);
        var warnings = new List<Diagnostic>();
        foreach (var folder in bundles)
        {
            var kustomized = producedSet.Contains($"{folder}/{Flux.KustomizeFile.FileName}");
            foreach (var file in UsersManifests(root, folder, producedSet, ownedBefore))
            {
                warnings.Add(new Diagnostic(DiagnosticCodes.OutputFileNotListed, DiagnosticSeverity.Warning, "output/" + file,
                    Message(folder, kustomized), OutputPath.ToFullPath(root, file)));
            }
        }

        // A folder the last generation delivered as a bundle and this one writes nothing into (its last attachment or
        // workload is gone, or Flux was removed): the writer deletes its generated files, and the user's own files stay
        // behind, delivered by nothing now. A folder still generated (the GitOps section was removed: plain folders) is not.
        foreach (var folder in BundleFolders(ownedBefore).Except(bundles, StringComparer.Ordinal))
        {
            if (produced.Any(p => p.Length > folder.Length && p[folder.Length] == '/' && p.StartsWith(folder, StringComparison.Ordinal)))
            {
                continue;
            }

            var message = NoLongerDeliveredMessage(folder,
                fleet: ownedBefore.Contains($"{folder}/fleet.yaml"), flux: ownedBefore.Contains($"{folder}/{Flux.KustomizeFile.FileName}"));
            foreach (var file in UsersManifests(root, folder, producedSet, ownedBefore))
            {
                warnings.Add(new Diagnostic(DiagnosticCodes.OutputFolderNoLongerDelivered, DiagnosticSeverity.Warning, "output/" + file,
                    message, OutputPath.ToFullPath(root, file)));
            }
        }

        return warnings;
    }

    /// <summary>The top-level folders of <paramref name="paths"/> that hold a <c>fleet.yaml</c> or <c>kustomization.yaml</c>, sorted.</summary>
    private static string[] BundleFolders(IEnumerable<string> paths) =>
        [.. paths
            .Where(p => p.IndexOf('/') is var slash and >= 0 && p.AsSpan(slash + 1) is "fleet.yaml" or Flux.KustomizeFile.FileName)
            .Select(p => p[..p.IndexOf('/')])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    /// <summary>The <c>.yaml</c>/<c>.yml</c>/<c>.json</c> files under <paramref name="folder"/> the generator neither writes now
    /// nor wrote before (relative, '/', sorted); none when the folder does not exist.</summary>
    private static IEnumerable<string> UsersManifests(string root, string folder, HashSet<string> produced, IReadOnlySet<string> ownedBefore)
    {
        var directory = Path.Combine(root, folder);
        return !Directory.Exists(directory)
            ? []
            : Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(f => Manifests.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                .Where(f => !produced.Contains(f) && !ownedBefore.Contains(f))
                .Order(StringComparer.Ordinal);
    }

    /// <summary>GITOPS212, with what the tool that delivered the folder does to what it deployed from there: Fleet deletes a
    /// bundle that left the GitRepo and, unless <c>keepResources</c> is set, what it deployed (rancher/fleet#680: "when
    /// gitRepo is deleted, associated bundles and underlying resources are being deleted ... or removed their bundles");
    /// Flux deletes what a deleted Kustomization applied when its <c>prune</c> is on, as the generated ones have it
    /// (fluxcd.io "flux delete kustomization": "Delete a kustomization and the Kubernetes resources created by it when
    /// prune is enabled").</summary>
    private static string NoLongerDeliveredMessage(string folder, bool fleet, bool flux) =>
        $"this file is not generated, and the generator no longer writes anything into {folder}/ (its generated files are " +
        "deleted by this build), so nothing in this lab delivers this file any more" +
        (fleet ? "; Fleet deletes what a removed bundle deployed unless keepResources is set" : "") +
        (flux ? "; Flux deletes what a deleted Kustomization applied when prune is on, as in the generated ones" : "") +
        "; declare its objects in the model (beside a workload: .Object(...) or .YamlFile(...)), or move the file out of the folder";

    private static string Message(string folder, bool kustomized) =>
        (kustomized
            ? $"this file is not generated and not listed in {folder}/{Flux.KustomizeFile.FileName}, which lists the generated files only: " +
              "Flux applies only what it lists, and Fleet, finding a kustomization.yaml in the bundle, builds it with kustomize too, so neither applies it"
            : $"this file is not generated: Fleet applies every .yaml/.yml/.json file of the {folder}/ bundle, so it is applied, " +
              "but it was never validated, and it stops being applied when Flux is added (kustomization.yaml lists the generated files only)") +
        "; declare its objects in the model (beside a workload: .Object(...) or .YamlFile(...)) so they are validated and delivered both ways, or move the file out of the folder";
}
