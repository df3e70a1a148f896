namespace GitOps.Topology;

/// <summary>
/// How the generated folder reaches the cluster and what surrounds the cluster, all derived from
/// the same lab: Fleet and/or Flux sync the manifests folders from <see cref="Repository"/>; the
/// Rancher provisioning Cluster and the nodes' systemd-networkd files are written next to them,
/// outside every synced path. Null members are not generated.
/// </summary>
public sealed record GitOpsSettings(
    GitRepositorySettings Repository,
    FleetSettings? Fleet,
    FluxSettings? Flux,
    RancherClusterSettings? RancherCluster,
    bool HostFiles,
    SourceLocation Source);

/// <summary>The git repository Fleet/Flux clone.</summary>
/// <param name="Path">Where the output folder lives inside the repository ("manifests"); "." is the repository root.</param>
public sealed record GitRepositorySettings(string Url, string Branch, string Path)
{
    public const string DefaultBranch = "main";
    public const string DefaultPath = "manifests";

    /// <summary>The repository-relative path of an output sub-folder ("manifests/crds"), as Fleet's GitRepo <c>paths:</c> and Flux's <c>path:</c> take it.</summary>
    public string PathOf(string folder) => Path == "." ? folder : $"{Path}/{folder}";
}

/// <summary>Rancher Fleet: one bundle per manifests folder, and the GitRepo that points at them.</summary>
/// <param name="GitRepoName">The GitRepo's name; Fleet prefixes every bundle name with it.</param>
/// <param name="Namespace">The Fleet workspace of the GitRepo (Rancher's <c>fleet-default</c> targets downstream clusters).</param>
/// <param name="TargetClusters">Fleet cluster names the GitRepo deploys to (Rancher names them like the provisioning Cluster).</param>
/// <param name="CalicoChart">Set: the calico bundle installs the tigera-operator Helm chart instead of a raw Installation.</param>
public sealed record FleetSettings(
    string GitRepoName,
    string Namespace,
    IReadOnlyList<string> TargetClusters,
    CalicoHelmChart? CalicoChart,
    SourceLocation Source)
{
    /// <summary>Rancher's workspace for downstream clusters (ranchermanager docs, "Fleet workspaces").</summary>
    public const string DefaultNamespace = "fleet-default";
}

/// <summary>The tigera-operator chart, as Calico's Helm install guide names it.</summary>
public sealed record CalicoHelmChart(string Repository, string Chart, string Version, string Namespace)
{
    /// <summary>docs.tigera.io "Install Calico with Helm": <c>helm repo add projectcalico https://docs.tigera.io/calico/charts</c>.</summary>
    public const string DefaultRepository = "https://docs.tigera.io/calico/charts";
    public const string DefaultChart = "tigera-operator";

    /// <summary>The guide installs the release into this namespace (<c>--namespace tigera-operator --create-namespace</c>).</summary>
    public const string DefaultNamespace = "tigera-operator";
}

/// <summary>Flux: a GitRepository source and one Kustomization per manifests folder, in a <c>flux/</c> folder.</summary>
/// <param name="Name">Name of the GitRepository and prefix of every Kustomization.</param>
public sealed record FluxSettings(string Name, string Namespace, TimeSpan SourceInterval, TimeSpan ReconcileInterval, SourceLocation Source)
{
    /// <summary><c>flux bootstrap</c>'s namespace and intervals (its generated gotk-sync.yaml: GitRepository 1m0s, Kustomization 10m0s).</summary>
    public const string DefaultNamespace = "flux-system";
    public static readonly TimeSpan DefaultSourceInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultReconcileInterval = TimeSpan.FromMinutes(10);
}

/// <summary>The Rancher provisioning Cluster (a custom K3s cluster whose nodes register themselves).</summary>
/// <param name="KubernetesVersion">A K3s release Rancher offers, e.g. <c>v1.33.5+k3s1</c>.</param>
public sealed record RancherClusterSettings(string KubernetesVersion, string Namespace, SourceLocation Source)
{
    /// <summary>Rancher keeps provisioning Clusters in the fleet-default workspace.</summary>
    public const string DefaultNamespace = "fleet-default";
}
