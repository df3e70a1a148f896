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
/// <para>
/// A file of the user's that holds an object the model now writes too (try-out 9: after an upgrade a user declared the
/// claim and Service they had written by hand, and both files stayed) is reported instead as GITOPS218: the bundle then
/// holds the object twice, and Helm, which Fleet installs a bundle with, fails the install of a release that holds one
/// object twice ("release ... failed: ... already exists": helm/helm#851, #2947), as on a fresh install after GITOPS214;
/// the fix is to delete the file in the commit that adds the generated one. Moving it out of the folder instead, as
/// GITOPS208 offered, makes Fleet delete the objects of a file it applied (a claim with its volume) when the generated file
/// is not there yet, so the advice says so.
/// </para>
/// </summary>
internal static class UnlistedFiles
{
    private static readonly string[] Manifests = [".yaml", ".yml", ".json"];

    /// <param name="root">The output folder (full path).</param>
    /// <param name="files">Every file this generation writes (read only for a folder that holds a file of the user's).</param>
    /// <param name="produced">Their paths, relative, with '/'.</param>
    /// <param name="ownedBefore">Files the generator wrote before (deleted now if no longer produced): not the user's.</param>
    public static IReadOnlyList<Diagnostic> Find(string root, IReadOnlyList<RenderedFile> files, IReadOnlyCollection<string> produced, IReadOnlySet<string> ownedBefore)
    {
        var producedSet = produced.ToHashSet(StringComparer.Ordinal);
        var bundles = BundleFolders(produced);
        var warnings = new List<Diagnostic>();
        Dictionary<ObjectKey, string>? generated = null; // every bundle's objects, read once a file of the user's is found
        foreach (var folder in bundles)
        {
            var kustomized = producedSet.Contains($"{folder}/{Flux.KustomizeFile.FileName}");
            foreach (var file in UsersManifests(root, folder, producedSet, ownedBefore))
            {
                var path = OutputPath.ToFullPath(root, file);
                generated ??= GeneratedObjects(files, bundles);
                var twice = Objects(TextOf(path), DefaultNamespace(files, folder))
                    .Select(o => (Object: o, Generated: generated.GetValueOrDefault(o)))
                    .Where(o => o.Generated is not null)
                    .ToArray();
                warnings.Add(twice.Length > 0
                    ? new Diagnostic(DiagnosticCodes.OutputFileDuplicatesGenerated, DiagnosticSeverity.Warning, "output/" + file,
                        DuplicateMessage(file, folder, [.. twice.Select(o => (o.Object, o.Generated!))], kustomized), path)
                    : new Diagnostic(DiagnosticCodes.OutputFileNotListed, DiagnosticSeverity.Warning, "output/" + file,
                        Message(folder, kustomized), path));
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

    /// <summary>An object as the cluster knows it: API group, kind, namespace (the bundle's <c>defaultNamespace</c> where the
    /// document names none: Fleet installs it there; empty for a cluster-scoped kind) and name.</summary>
    private readonly record struct ObjectKey(string Group, string Kind, string Namespace, string Name)
    {
        public override string ToString() => Namespace.Length == 0 ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
    }

    /// <summary>The objects of a YAML stream with a kind and a name; none when it is not YAML (GITOPS208 still names the file).</summary>
    private static IEnumerable<ObjectKey> Objects(string text, string defaultNamespace) =>
        Topology.YamlDocumentHeads.ReadOrNone(text)
            .Where(head => head.Kind is not null && head.Name is not null)
            .Select(head => new ObjectKey(Group(head.ApiVersion), head.Kind!,
                ClusterScoped.Contains(head.Kind!) ? "" : head.Namespace ?? defaultNamespace, head.Name!));

    /// <summary>The file's text; empty when it cannot be read (a dangling link, no permission): GITOPS208 still names it.</summary>
    private static string TextOf(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Kinds of cluster-scoped objects a lab's folders hold (the Kubernetes API reference: no namespace in their
    /// path), whose namespace, if a file gives one, means nothing; any other kind is matched with its namespace.</summary>
    private static readonly HashSet<string> ClusterScoped = new(
        ["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass", "PersistentVolume",
         "PriorityClass", "IngressClass", "RuntimeClass", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
         "BGPConfiguration", "BGPPeer", "IPPool", "FelixConfiguration"], StringComparer.Ordinal);

    /// <summary>The API group of an apiVersion (<c>apps/v1</c> → <c>apps</c>; <c>v1</c> → the core group, "").</summary>
    private static string Group(string? apiVersion) =>
        apiVersion?.IndexOf('/') is int slash and >= 0 ? apiVersion[..slash] : "";

    /// <summary>Each object the generation writes into a bundle folder, with its file (relative, '/'): a file of the user's in
    /// one bundle can hold an object another bundle holds (a Namespace, which delivery moves to namespaces/).</summary>
    private static Dictionary<ObjectKey, string> GeneratedObjects(IReadOnlyList<RenderedFile> files, IReadOnlyList<string> bundles)
    {
        var objects = new Dictionary<ObjectKey, string>();
        foreach (var folder in bundles)
        {
            var defaultNamespace = DefaultNamespace(files, folder);
            foreach (var file in files.Where(f => f.RelativePath.StartsWith(folder + "/", StringComparison.Ordinal) && Manifests.Any(e => f.RelativePath.EndsWith(e, StringComparison.Ordinal))))
            {
                foreach (var key in Objects(System.Text.Encoding.UTF8.GetString(file.Content), defaultNamespace))
                {
                    objects.TryAdd(key, file.RelativePath);
                }
            }
        }

        return objects;
    }

    /// <summary>The folder's generated fleet.yaml <c>defaultNamespace</c>, else <c>default</c> (Fleet's default; a
    /// Kustomization without targetNamespace applies a namespaced object without one to <c>default</c> as well).</summary>
    private static string DefaultNamespace(IReadOnlyList<RenderedFile> files, string folder) =>
        files.FirstOrDefault(f => f.RelativePath == $"{folder}/fleet.yaml") is { } fleetYaml
            ? FleetReleaseMoves.DefaultNamespace(System.Text.Encoding.UTF8.GetString(fleetYaml.Content).Split('\n')) ?? "default"
            : "default";

    /// <summary>GITOPS218: the objects the file holds that the model writes too, and where. With a kustomization.yaml in the
    /// folder neither tool applies the file; else Fleet applies it, in the same release as the generated object (the bundle
    /// holds it twice) or in another bundle's (two releases own it: Helm refuses to install an object whose
    /// <c>meta.helm.sh/release-name</c> names another release, "invalid ownership metadata", helm <c>pkg/action/validate.go</c>).</summary>
    private static string DuplicateMessage(string file, string folder, IReadOnlyList<(ObjectKey Object, string Generated)> twice, bool kustomized) =>
        $"this file is not generated, and it holds {string.Join(", ", twice.Select(t => $"{t.Object}, which the model now writes too ({t.Generated})"))}" +
        (kustomized
            ? ": neither Fleet nor Flux applies this file (kustomization.yaml lists the generated files only), so the generated one is what the cluster gets"
            : twice.All(t => t.Generated.StartsWith(folder + "/", StringComparison.Ordinal))
                ? ": the bundle holds the object twice, and Helm, which Fleet installs the bundle with, fails to install a release that " +
                  "holds one object twice (\"release ... failed: ... already exists\", helm/helm#851, #2947)"
                : ": Fleet applies it with this bundle and the generated one with another, and Helm, which Fleet installs each bundle " +
                  "with, refuses an object another release owns (\"invalid ownership metadata\"), so one of the two bundles never installs") +
        $"; delete this file in the commit that adds the generated one (git rm {file} in the output folder), declaring in the model whatever else it holds" +
        (kustomized ? "" : "; do not move it out of the folder before the generated file is committed, or Fleet deletes the objects it applied (a PersistentVolumeClaim with its volume)");

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
        "; declare its objects in the model (beside a workload: .Object(...) or .YamlFile(...)) so they are validated and delivered both ways, " +
        "then delete this file in the same commit" +
        (kustomized ? ", or move it out of the folder" : "; moving it out of the folder instead makes Fleet delete what it applied (a PersistentVolumeClaim with its volume)");
}
