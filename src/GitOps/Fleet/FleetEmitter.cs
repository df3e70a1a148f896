using System.Text.Json.Nodes;
using GitOps.Calico;
using GitOps.Delivery;
using GitOps.Output;
using GitOps.Topology;
using k8s.Models;

namespace GitOps.Fleet;

/// <summary>
/// A <c>fleet.yaml</c> per manifests folder (each folder is one bundle) chained with <c>dependsOn</c> in
/// <see cref="BundleFolder.Order"/>, and the GitRepo that lists exactly those folders, in rancher/.
/// </summary>
public static class FleetEmitter
{
    public const string CalicoFolder = "calico";

    /// <summary>The folder for objects applied once by hand on the Rancher (Fleet manager) cluster.</summary>
    public const string RancherFolder = "rancher";

    public const string PartOfLabel = "app.kubernetes.io/part-of";
    public const string ComponentLabel = "app.kubernetes.io/component";

    /// <summary>Fleet's namespace for objects without one when nothing better is known (fleet.yaml docs: defaultNamespace defaults to "default").</summary>
    public const string FallbackNamespace = "default";

    public static IReadOnlyList<ManifestFile> Emit(Lab lab, GitRepositorySettings repository, FleetSettings fleet, IReadOnlyList<BundleFolder> folders)
    {
        var files = new List<ManifestFile>();
        string? previous = null;
        foreach (var folder in folders)
        {
            var chart = folder.Name == CalicoFolder ? fleet.CalicoChart : null;
            var objects = folder.Files.SelectMany(f => f.Objects).Select(YamlRenderer.ToJson).ToList();
            if (chart is not null)
            {
                objects.Add(YamlRenderer.ToJson(CalicoEmitter.Build(lab))); // what the chart renders from the values
            }

            var patches = FleetComparePatches.For(objects);
            var yaml = new FleetYaml
            {
                DefaultNamespace = chart?.Namespace ?? DefaultNamespace(objects),
                Labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    [ComponentLabel] = folder.Name,
                    [PartOfLabel] = lab.Name,
                },
                DependsOn = previous is null ? null : [new BundleRef { Name = previous }],
                Helm = chart is null ? null : CalicoHelm(lab, chart),
                Diff = patches.Count == 0 ? null : new FleetDiffOptions { ComparePatches = patches },
            };
            files.Add(new ManifestFile($"{folder.Name}/{FleetYaml.FileName}", YamlRenderer.RenderObject(yaml)));
            previous = FleetNames.BundleName(fleet.GitRepoName, repository.PathOf(folder.Name));
        }

        files.Add(new ManifestFile($"{RancherFolder}/gitrepo-{fleet.GitRepoName}.yaml", [GitRepo(repository, fleet, folders)]));
        return files;
    }

    internal static GitRepo GitRepo(GitRepositorySettings repository, FleetSettings fleet, IReadOnlyList<BundleFolder> folders) => new()
    {
        Metadata = new V1ObjectMeta { Name = fleet.GitRepoName, NamespaceProperty = fleet.Namespace },
        Spec = new GitRepoSpec
        {
            Repo = repository.Url,
            Branch = repository.Branch,
            Paths = folders.Select(f => repository.PathOf(f.Name)).ToArray(),
            Targets = fleet.TargetClusters.Select(c => new GitTarget { ClusterName = c }).ToArray(),
        },
    };

    /// <summary>
    /// The tigera-operator chart with <c>installation:</c> = the typed Installation's spec plus
    /// <c>enabled: true</c> (projectcalico/calico charts/tigera-operator: values.yaml and
    /// templates/crs/custom-resources.yaml, which renders <c>spec</c> from <c>installation</c> minus <c>enabled</c>).
    /// </summary>
    internal static FleetHelmOptions CalicoHelm(Lab lab, CalicoHelmChart chart)
    {
        var installation = new JsonObject { ["enabled"] = true };
        foreach (var (key, value) in YamlRenderer.ToJson(CalicoEmitter.Build(lab))["spec"]!.AsObject())
        {
            installation[key] = value?.DeepClone();
        }

        return new FleetHelmOptions
        {
            Repo = chart.Repository,
            Chart = chart.Chart,
            Version = chart.Version,
            Values = new JsonObject { ["installation"] = installation },
        };
    }

    /// <summary>
    /// The one namespace the folder's namespaced objects use, unless the folder creates that namespace
    /// itself: Fleet's Helm install creates defaultNamespace first and then fails on the bundle's own
    /// Namespace object (rancher/fleet#1553), so then, and for mixed or cluster-scoped folders, "default".
    /// </summary>
    internal static string DefaultNamespace(IReadOnlyList<JsonObject> objects)
    {
        var used = objects.Select(o => (string?)o["metadata"]?["namespace"]).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var created = objects.Where(o => (string?)o["kind"] == "Namespace" && (string?)o["apiVersion"] == "v1")
            .Select(o => (string?)o["metadata"]?["name"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return used.Length == 1 && !created.Contains(used[0]) ? used[0] : FallbackNamespace;
    }
}
