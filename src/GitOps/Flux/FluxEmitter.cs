using GitOps.Output;
using GitOps.Topology;
using k8s.Models;

namespace GitOps.Flux;

/// <summary>
/// Flux's view of the same folders: a kustomization.yaml in each listing its files, and in flux/ the
/// GitRepository plus one Kustomization per folder, each depending on the Kustomizations of the folders
/// delivery says it waits for (<see cref="BundleFolder.DependsOn"/>, as Fleet's) and waiting for its objects to be ready, since a dependent starts only when its dependency is Ready.
/// flux/kustomization.yaml lists them, so <c>kubectl apply -k flux/</c> installs the lot.
/// </summary>
internal static class FluxEmitter
{
    public static IReadOnlyList<DeliveryFile> Emit(GitRepositorySettings repository, FluxSettings flux, IReadOnlyList<BundleFolder> folders)
    {
        var files = new List<DeliveryFile>();
        var own = new List<string>();
        var source = new FluxGitRepository
        {
            Metadata = Meta(flux.Name, flux),
            Spec = new FluxGitRepositorySpec
            {
                Interval = GoDuration.Format(flux.SourceInterval),
                Url = repository.Url,
                Ref = new FluxGitReference { Branch = repository.Branch },
                SecretRef = flux.SecretName is { } secret ? new FluxSecretReference { Name = secret } : null,
            },
        };
        files.Add(new DeliveryFile(DeliveryFolder.Flux, $"gitrepository-{flux.Name}.yaml", [source]));
        own.Add($"gitrepository-{flux.Name}.yaml");

        foreach (var folder in folders)
        {
            files.Add(new DeliveryFile(folder.Bundle, KustomizeFile.FileName, [new KustomizeFile
            {
                Resources = folder.Files.Select(f => f.Placement!.Name).Order(StringComparer.Ordinal).ToArray(),
            }]));

            var name = KustomizationName(flux, folder.Folder);
            files.Add(new DeliveryFile(DeliveryFolder.Flux, $"kustomization-{name}.yaml", [new FluxKustomization
            {
                Metadata = Meta(name, flux),
                Spec = new FluxKustomizationSpec
                {
                    Interval = GoDuration.Format(flux.ReconcileInterval),
                    RetryInterval = RetryInterval(flux, folder.Bundle),
                    Path = "./" + repository.PathOf(folder.Folder),
                    Prune = true,
                    Wait = true,
                    SourceRef = new FluxSourceReference { Kind = FluxGitRepository.KindValue, Name = flux.Name },
                    DependsOn = folder.DependsOn.Count == 0 ? null : [.. folder.DependsOn.Select(d => new FluxDependency { Name = KustomizationName(flux, d) })],
                },
            }]));
            own.Add($"kustomization-{name}.yaml");
        }

        files.Add(new DeliveryFile(DeliveryFolder.Flux, KustomizeFile.FileName, [new KustomizeFile { Resources = own.ToArray() }]));
        return files.Select(f => f with { Source = flux.Source }).ToArray();
    }

    /// <summary>How soon calico-bgp is retried after a failed reconciliation (at most the reconcile interval).</summary>
    public static readonly TimeSpan CalicoBgpRetryInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// calico-bgp's <c>projectcalico.org/v3</c> objects fail to apply ("no matches for kind") until calico-apiserver
    /// serves them, which happens only after the day-0 CNI layer is up; nothing in Flux can wait for that (dependsOn
    /// names Kustomizations, and the CNI layer is not one). kustomize-controller retries a failed reconciliation after
    /// <c>retryInterval</c>, else after <c>interval</c> (kustomization_controller.go: "Reconciliation failed ..., next
    /// try in"), and every later folder waits for calico-bgp to be Ready: so calico-bgp retries every minute, not
    /// every reconcile interval. Other folders keep the default.
    /// </summary>
    private static string? RetryInterval(FluxSettings flux, Bundle bundle) =>
        bundle == Bundle.CalicoBgp
            ? GoDuration.Format(flux.ReconcileInterval < CalicoBgpRetryInterval ? flux.ReconcileInterval : CalicoBgpRetryInterval)
            : null;

    /// <summary>"home-lab-crds": the Flux object for folder <paramref name="folder"/>.</summary>
    public static string KustomizationName(FluxSettings flux, string folder) => $"{flux.Name}-{folder}";

    private static V1ObjectMeta Meta(string name, FluxSettings flux) => new() { Name = name, NamespaceProperty = flux.Namespace };
}
