using GitOps.Output;
using GitOps.Rancher;
using GitOps.Topology;
using k8s;
using k8s.Models;

namespace GitOps.Fleet;

/// <summary>
/// A <c>fleet.yaml</c> per downstream bundle folder, its <c>dependsOn</c> the Fleet bundles of the folders delivery
/// says it waits for (<see cref="BundleFolder.DependsOn"/>), and the GitRepo that lists exactly those folders: in rancher-local/ (synced by
/// the fleet-local GitRepo) when Rancher provisions the cluster, else in rancher/ (applied once).
/// </summary>
internal static class FleetEmitter
{
    public const string PartOfLabel = "app.kubernetes.io/part-of";
    public const string ComponentLabel = "app.kubernetes.io/component";

    /// <summary>Fleet's namespace for objects without one when nothing better is known (fleet.yaml docs: defaultNamespace defaults to "default").</summary>
    public const string FallbackNamespace = "default";

    public static IReadOnlyList<DeliveryFile> Emit(Lab lab, GitRepositorySettings repository, FleetSettings fleet, IReadOnlyList<BundleFolder> folders, bool gitRepoSynced)
    {
        var files = new List<DeliveryFile>();
        foreach (var folder in folders)
        {
            // Typed: every object in a bundle folder is a Kubernetes object (k8s.Models or a CustomResource).
            var objects = folder.Files.SelectMany(f => f.Objects).Cast<IKubernetesObject<V1ObjectMeta>>().ToList();
            var dependsOn = folder.DependsOn.Select(d => FleetNames.BundleName(fleet.Name, repository.PathOf(d))).ToArray();
            files.Add(new DeliveryFile(folder.Bundle, FleetYaml.FileName, [BundleYaml(lab, fleet, folder.Folder, objects, dependsOn)]));
        }

        // With Rancher the downstream GitRepo is synced from git too (rancher-local/, by the fleet-local GitRepo).
        var gitRepoFolder = gitRepoSynced ? DeliveryFolder.RancherLocal : DeliveryFolder.Rancher;
        files.Add(new DeliveryFile(gitRepoFolder, $"gitrepo-{fleet.Name}.yaml", [GitRepo(repository, fleet, folders)]));
        return files.Select(f => f with { Source = fleet.Source }).ToArray();
    }

    /// <summary>
    /// Day 2 of the CNI layer and the Cluster itself: rancher-local/ is a bundle for Rancher's own cluster, synced by a
    /// GitRepo in the fleet-local workspace (applied once, in rancher/). A commit that changes the lab changes the
    /// Cluster's additionalManifest or machineGlobalConfig; Rancher's planner writes them to the servers, and K3s
    /// re-applies the manifests file.
    /// </summary>
    public static IReadOnlyList<DeliveryFile> EmitRancherLocal(Lab lab, GitOpsSettings gitOps, RancherClusterSettings rancher)
    {
        var name = LocalGitRepoName(lab, gitOps);
        var yaml = new FleetYaml
        {
            DefaultNamespace = rancher.Namespace,
            Labels = Labels(lab, DeliveryFolder.RancherLocal.Name),
        };
        var local = new GitRepo
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = FleetSettings.LocalNamespace },
            Spec = new GitRepoSpec
            {
                Repo = gitOps.Repository.Url,
                Branch = gitOps.Repository.Branch,
                Paths = [gitOps.Repository.PathOf(DeliveryFolder.RancherLocal.Name)],
                Targets = [new GitTarget { ClusterName = FleetSettings.LocalClusterName }],
                ClientSecretName = gitOps.Fleet?.ClientSecretName, // the same repository: the Secret must also be in fleet-local
            },
        };
        return
        [
            new DeliveryFile(DeliveryFolder.RancherLocal, FleetYaml.FileName, [yaml]) { Source = rancher.Source },
            new DeliveryFile(DeliveryFolder.Rancher, $"gitrepo-{name}.yaml", [local]) { Source = rancher.Source },
        ];
    }

    /// <summary>"home-lab-rancher": the fleet-local GitRepo, named after the downstream one (or the lab without Fleet).</summary>
    public static string LocalGitRepoName(Lab lab, GitOpsSettings gitOps) => $"{gitOps.Fleet?.Name ?? lab.Name}-rancher";

    private static FleetYaml BundleYaml(Lab lab, FleetSettings fleet, string folder, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects, IReadOnlyList<string> dependsOn)
    {
        var patches = FleetComparePatches.For(objects);
        return new FleetYaml
        {
            // A pinned namespace (FleetBuilder.DefaultNamespace: workloads/ and networks/ only, which hold no Namespace object:
            // delivery moves every one to namespaces/) as it is; else the rule below.
            DefaultNamespace = fleet.DefaultNamespaces.GetValueOrDefault(folder) ?? DefaultNamespace(FirstDeclaredNamespace(lab, folder) ?? FirstNamespace(objects), objects),
            Labels = Labels(lab, folder),
            DependsOn = dependsOn.Count == 0 ? null : [.. dependsOn.Select(name => new BundleRef { Name = name })],
            Diff = patches.Count == 0 ? null : new FleetDiffOptions { ComparePatches = patches },
        };
    }

    private static SortedDictionary<string, string> Labels(Lab lab, string folder) => new(StringComparer.Ordinal)
    {
        [ComponentLabel] = folder,
        [PartOfLabel] = lab.Name,
    };

    internal static GitRepo GitRepo(GitRepositorySettings repository, FleetSettings fleet, IReadOnlyList<BundleFolder> folders) => new()
    {
        Metadata = new V1ObjectMeta { Name = fleet.Name, NamespaceProperty = fleet.Namespace },
        Spec = new GitRepoSpec
        {
            Repo = repository.Url,
            Branch = repository.Branch,
            Paths = folders.Select(f => repository.PathOf(f.Folder)).ToArray(),
            Targets = fleet.TargetClusters.Select(c => new GitTarget { ClusterName = c }).ToArray(),
            ClientSecretName = fleet.ClientSecretName,
        },
    };

    /// <summary>
    /// <paramref name="first"/>, the namespace of the folder's first object in the lab's order, unless the folder creates
    /// that namespace itself (Fleet's Helm install creates defaultNamespace first and then fails on the bundle's own Namespace
    /// object, rancher/fleet#1553); "default" then, and for a folder of cluster-scoped objects (no first namespace). It is
    /// also the namespace of the bundle's Helm release (rancher/fleet <c>internal/helmdeployer/deployer.go</c>
    /// <c>getOpts</c> → <c>namespaces.GetDeploymentNS</c>), and when it changes, Fleet's agent finds the release under the
    /// old namespace unknown and uninstalls it, deleting its objects, PersistentVolumeClaims included, before the new release
    /// installs them again (<c>internal/cmd/agent/deployer/cleanup/cleanup.go</c>: <c>releaseKey</c> differs → "Deleting
    /// unknown bundle ID, helm uninstall"). So it follows the first declared workload or attachment only: one added after it
    /// in another namespace never moves it (try-out 7: the one namespace all objects used became "default" as soon as a
    /// workload in a second namespace was added). A build that changes it in an existing fleet.yaml warns (GITOPS214).
    /// </summary>
    internal static string DefaultNamespace(string? first, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var created = objects.Where(o => o.Kind == "Namespace" && o.ApiVersion == "v1")
            .Select(o => o.Metadata?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return first is not null && !created.Contains(first) ? first : FallbackNamespace;
    }

    /// <summary>The namespace of the first workload (workloads/) or attachment (networks/) as the lab declares them; null for
    /// another folder, whose objects are written in file order.</summary>
    private static string? FirstDeclaredNamespace(Lab lab, string folder) =>
        folder == Bundle.Workloads.Name ? lab.Workloads.FirstOrDefault()?.Namespace
        : folder == Bundle.Networks.Name ? lab.Attachments.FirstOrDefault()?.Namespace
        : null;

    /// <summary>The first namespace any of <paramref name="objects"/> names, in their order; null when all are cluster-scoped.</summary>
    private static string? FirstNamespace(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects) =>
        objects.Select(o => o.Metadata?.NamespaceProperty).FirstOrDefault(ns => !string.IsNullOrEmpty(ns));
}
