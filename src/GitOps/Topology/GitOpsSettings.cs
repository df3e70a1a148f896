namespace GitOps.Topology;

/// <summary>
/// How the generated folder reaches the cluster and what surrounds the cluster, all derived from
/// the same lab. Day 0: the CNI layer (Multus, its CRD, the Tigera operator chart) reaches the K3s
/// servers' auto-deploy manifests directory, through the Rancher <c>Cluster</c>'s <c>additionalManifest</c>
/// when <see cref="RancherCluster"/> is set, else as host files of <see cref="K3sServers"/>. Day 2: Fleet
/// and/or Flux sync the other manifests folders from <see cref="Repository"/>. Null members are not generated.
/// </summary>
internal sealed record GitOpsSettings
{
    internal GitOpsSettings(GitRepositorySettings Repository, FleetSettings? Fleet, FluxSettings? Flux, RancherClusterSettings? RancherCluster, bool HostFiles, TigeraOperatorChart TigeraOperator, IReadOnlyList<string> K3sServers, SourceLocation Source)
    {
        this.Repository = Repository;
        this.Fleet = Fleet;
        this.Flux = Flux;
        this.RancherCluster = RancherCluster;
        this.HostFiles = HostFiles;
        this.TigeraOperator = TigeraOperator;
        this.K3sServers = K3sServers;
        this.Source = Source;
    }

    /// <summary>The git repository Fleet and Flux clone (required when either is set, GITOPS402 for a URL Flux cannot clone).</summary>
    public GitRepositorySettings Repository { get; internal init; }

    /// <summary>Fleet delivery; null when Fleet is not used.</summary>
    public FleetSettings? Fleet { get; internal init; }

    /// <summary>Flux delivery; null when Flux is not used.</summary>
    public FluxSettings? Flux { get; internal init; }

    /// <summary>The Rancher provisioning Cluster; null when the cluster is not provisioned through Rancher (the CNI layer then goes to <see cref="K3sServers"/> as host files).</summary>
    public RancherClusterSettings? RancherCluster { get; internal init; }

    /// <summary>Emit each node's systemd-networkd units. Default false.</summary>
    public bool HostFiles { get; internal init; }

    /// <summary>The tigera-operator chart the CNI layer installs (always; it brings Calico).</summary>
    public TigeraOperatorChart TigeraOperator { get; internal init; }

    /// <summary>
    /// Nodes that run <c>k3s server</c>: without Rancher they get <c>/etc/rancher/k3s/config.yaml</c>
    /// and the CNI layer in <c>/var/lib/rancher/k3s/server/manifests/</c> as host files. Empty with Rancher (Rancher writes both).
    /// </summary>
    public IReadOnlyList<string> K3sServers { get; internal init; }

    /// <summary>Where in the user's C# this was declared (file and line), so errors about it point there.</summary>
    public SourceLocation Source { get; internal init; }
}


/// <summary>The git repository Fleet/Flux clone.</summary>
internal sealed record GitRepositorySettings
{
    internal GitRepositorySettings(string Url, string Branch, string Path)
    {
        this.Url = Url;
        this.Branch = Branch;
        this.Path = Path;
    }

    /// <summary>The clone URL (https:// or ssh://; scp-style <c>git@host:path</c> is GITOPS402 with Flux).</summary>
    public string Url { get; internal init; }

    /// <summary>The branch Fleet and Flux follow. Default <see cref="DefaultBranch"/>.</summary>
    public string Branch { get; internal init; }

    /// <summary>Where the output folder lives inside the repository ("manifests"); "." is the repository root.</summary>
    public string Path { get; internal init; }

    /// <summary>The branch a lab follows when it names none (the library's choice).</summary>
    public const string DefaultBranch = "main";
    /// <summary>The repository folder of the output when the lab names none (the library's choice).</summary>
    public const string DefaultPath = "manifests";

    /// <summary>The repository-relative path of an output sub-folder ("manifests/crds"), as Fleet's GitRepo <c>paths:</c> and Flux's <c>path:</c> take it.</summary>
    internal string PathOf(string folder) => Path == "." ? folder : $"{Path}/{folder}";
}

/// <summary>Rancher Fleet: one bundle per manifests folder, and the GitRepo that points at them.</summary>
internal sealed record FleetSettings
{
    internal FleetSettings(string Name, string Namespace, IReadOnlyList<string> TargetClusters, SourceLocation Source)
    {
        this.Name = Name;
        this.Namespace = Namespace;
        this.TargetClusters = TargetClusters;
        this.Source = Source;
    }

    /// <summary>The GitRepo's name; Fleet prefixes every bundle name with it.</summary>
    public string Name { get; internal init; }

    /// <summary>The Fleet workspace of the GitRepo (Rancher's <c>fleet-default</c> targets downstream clusters).</summary>
    public string Namespace { get; internal init; }

    /// <summary>Fleet cluster names the GitRepo deploys to (Rancher names them like the provisioning Cluster).</summary>
    public IReadOnlyList<string> TargetClusters { get; internal init; }

    /// <summary>The Secret the GitRepos clone with (<c>spec.clientSecretName</c>); null for none.</summary>
    public string? ClientSecretName { get; internal init; }

    /// <summary>The bundle folders whose fleet.yaml <c>defaultNamespace</c> follows the lab's declarations (the first workload's,
    /// the first attachment's), so a lab may pin it (<see cref="FleetBuilder.DefaultNamespace"/>); the names of
    /// <c>Output.Bundle.Workloads</c> and <c>Output.Bundle.Networks</c> (a test holds them equal).</summary>
    internal static IReadOnlyList<string> PinnableFolders { get; } = ["workloads", "networks"];

    /// <summary>The pinned <c>defaultNamespace</c> of a bundle folder (<c>workloads</c>, <c>networks</c>), by folder; empty for none.</summary>
    public IReadOnlyDictionary<string, string> DefaultNamespaces { get; internal init; } = new Dictionary<string, string>();

    /// <summary>Where the first <c>.TargetCluster(...)</c> was called, else <see cref="Source"/>.</summary>
    internal SourceLocation TargetsSource { get; init; }

    /// <summary>Where <c>.Namespace(...)</c> was called, else <see cref="Source"/>.</summary>
    internal SourceLocation NamespaceSource { get; init; }

    /// <summary>Where in the user's C# this was declared (file and line), so errors about it point there.</summary>
    public SourceLocation Source { get; internal init; }

    /// <summary>Rancher's workspace for downstream clusters (ranchermanager docs, "Fleet workspaces").</summary>
    public const string DefaultNamespace = "fleet-default";

    /// <summary>
    /// Rancher's workspace for its own (local) cluster, where the provisioning Clusters live; its Fleet cluster is
    /// named <c>local</c> (rancher/rancher pkg/fleet/const.go <c>ClustersLocalNamespace</c>,
    /// pkg/controllers/provisioningv2/fleetcluster/fleetcluster.go).
    /// </summary>
    internal const string LocalNamespace = "fleet-local";

    /// <summary>The Fleet cluster name of Rancher's own cluster in <see cref="LocalNamespace"/>.</summary>
    internal const string LocalClusterName = "local";
}

/// <summary>
/// The official tigera-operator Helm chart at a pinned version. Its <c>installation:</c> values are the lab's
/// typed <c>Installation</c> spec, and the chart renders the <c>Installation</c> from them
/// (projectcalico/calico charts/tigera-operator/templates/crs/custom-resources.yaml), so there is one source.
/// </summary>
internal sealed record TigeraOperatorChart
{
    internal TigeraOperatorChart(string Repository, CalicoVersion Version)
    {
        this.Repository = Repository;
        this.Version = Version;
    }

    /// <summary>The chart repository, default <see cref="DefaultRepository"/>.</summary>
    public string Repository { get; internal init; }

    /// <summary>The chart version, which is the lab's Calico release (<see cref="CalicoSettings.Version"/>; the chart is packaged with <c>--version $(GIT_VERSION)</c>, projectcalico/calico Makefile).</summary>
    public CalicoVersion Version { get; internal init; }

    /// <summary>docs.tigera.io "Install Calico with Helm": <c>helm repo add projectcalico https://docs.tigera.io/calico/charts</c>.</summary>
    public const string DefaultRepository = "https://docs.tigera.io/calico/charts";

    /// <summary>The chart's name (charts/tigera-operator/Chart.yaml <c>name:</c>).</summary>
    public const string Chart = "tigera-operator";

    /// <summary>The guide installs the release into this namespace (<c>--namespace tigera-operator --create-namespace</c>).</summary>
    public const string Namespace = "tigera-operator";

    /// <summary>
    /// The chart that holds the <c>operator.tigera.io</c> and <c>crd.projectcalico.org</c> CRDs from Calico v3.32 on
    /// (projectcalico/calico charts/tigera-operator/README.md: "As of Calico v3.32, CRDs are no longer bundled in this
    /// chart and must be installed separately from the crd.projectcalico.org.v1 chart"; packaged with the same
    /// version by the top-level Makefile). Before v3.32 the CRDs are in the operator chart's own crds/ folder.
    /// </summary>
    public const string CrdChart = "crd.projectcalico.org.v1";

    /// <summary>The first release whose CRDs come from <see cref="CrdChart"/>.</summary>
    internal static CalicoVersion FirstWithCrdChart { get; } = new(3, 32, 0);

    /// <summary>True when the CRDs need their own chart (<see cref="CrdChart"/>), installed before the operator's.</summary>
    internal bool HasCrdChart => Version >= FirstWithCrdChart;
}

/// <summary>Flux: a GitRepository source and one Kustomization per manifests folder, in a <c>flux/</c> folder.</summary>
internal sealed record FluxSettings
{
    internal FluxSettings(string Name, string Namespace, TimeSpan SourceInterval, TimeSpan ReconcileInterval, SourceLocation Source)
    {
        this.Name = Name;
        this.Namespace = Namespace;
        this.SourceInterval = SourceInterval;
        this.ReconcileInterval = ReconcileInterval;
        this.Source = Source;
    }

    /// <summary>Name of the GitRepository and prefix of every Kustomization.</summary>
    public string Name { get; internal init; }

    /// <summary>Namespace of the GitRepository and the Kustomizations, a DNS-1123 label (GITOPS100). Default <see cref="DefaultNamespace"/>.</summary>
    public string Namespace { get; internal init; }

    /// <summary>How often Flux fetches the repository (GitRepository <c>spec.interval</c>). Default <see cref="DefaultSourceInterval"/>.</summary>
    public TimeSpan SourceInterval { get; internal init; }

    /// <summary>How often Flux re-applies each folder and corrects drift (Kustomization <c>spec.interval</c>). Default <see cref="DefaultReconcileInterval"/>.</summary>
    public TimeSpan ReconcileInterval { get; internal init; }

    /// <summary>The Secret the GitRepository clones with (<c>spec.secretRef.name</c>); null for none.</summary>
    public string? SecretName { get; internal init; }

    /// <summary>Where in the user's C# this was declared (file and line), so errors about it point there.</summary>
    public SourceLocation Source { get; internal init; }

    /// <summary><c>flux bootstrap</c>'s namespace and intervals (its generated gotk-sync.yaml: GitRepository 1m0s, Kustomization 10m0s).</summary>
    public const string DefaultNamespace = "flux-system";
    /// <summary>One minute, <c>flux bootstrap</c>'s GitRepository interval.</summary>
    public static readonly TimeSpan DefaultSourceInterval = TimeSpan.FromMinutes(1);
    /// <summary>Ten minutes, <c>flux bootstrap</c>'s Kustomization interval.</summary>
    public static readonly TimeSpan DefaultReconcileInterval = TimeSpan.FromMinutes(10);
}

/// <summary>The Rancher provisioning Cluster (a custom K3s cluster whose nodes register themselves).</summary>
internal sealed record RancherClusterSettings
{
    internal RancherClusterSettings(string KubernetesVersion, string Namespace, SourceLocation Source)
    {
        this.KubernetesVersion = KubernetesVersion;
        this.Namespace = Namespace;
        this.Source = Source;
    }

    /// <summary>A K3s release Rancher offers, e.g. <c>v1.33.5+k3s1</c>.</summary>
    public string KubernetesVersion { get; internal init; }

    /// <summary>Namespace of the provisioning Cluster, a DNS-1123 label (GITOPS100). Default <see cref="DefaultNamespace"/>.</summary>
    public string Namespace { get; internal init; }

    /// <summary>Where in the user's C# this was declared (file and line), so errors about it point there.</summary>
    public SourceLocation Source { get; internal init; }

    /// <summary>Rancher keeps provisioning Clusters in the fleet-default workspace.</summary>
    public const string DefaultNamespace = "fleet-default";
}
