namespace GitOps.Diagnostics;

/// <summary>
/// GITOPS4xx: how the output is delivered and what surrounds the cluster: Fleet bundles and GitRepo,
/// Flux Kustomizations, the Rancher provisioning Cluster and the nodes' systemd-networkd files.
/// </summary>
public static partial class DiagnosticCodes
{
    /// <summary>The GitOps section has no repository: <c>g.Repository("https://...", branch: "main")</c>.</summary>
    public const string GitOpsRepositoryMissing = "GITOPS401";

    /// <summary>A git or Helm repository URL is not one Fleet/Flux can clone or fetch (https://, ssh://, git@host:path).</summary>
    public const string RepositoryUrlInvalid = "GITOPS402";

    /// <summary>The branch is not a valid git branch name.</summary>
    public const string BranchInvalid = "GITOPS403";

    /// <summary>The output folder's path inside the repository is not a plain relative path.</summary>
    public const string RepositoryPathInvalid = "GITOPS404";

    /// <summary>A Flux interval is not a positive whole number of seconds.</summary>
    public const string IntervalInvalid = "GITOPS407";

    /// <summary>The Rancher cluster's Kubernetes version is not a K3s release (<c>v1.33.5+k3s1</c>).</summary>
    public const string KubernetesVersionInvalid = "GITOPS408";

    /// <summary>Host files: an interface enslaved to a bridge has no MAC, so the bridge's <c>MACAddress=</c> cannot be written.</summary>
    public const string HostBridgeMacMissing = "GITOPS409";

    /// <summary>Host files: a bridge has more than one uplink, so which MAC it takes over is ambiguous.</summary>
    public const string HostBridgeUplinkAmbiguous = "GITOPS410";

    /// <summary>Host files: the network uses static addressing, and the model has no per-node address to write.</summary>
    public const string HostStaticAddressingUnsupported = "GITOPS411";

    /// <summary>Two interfaces in the lab have the same MAC address (usually a copy-paste slip).</summary>
    public const string MacAddressDuplicate = "GITOPS412";

    /// <summary>A Fleet bundle (one manifests folder) gzips to 1 MB or more, over Fleet's limit.</summary>
    public const string FleetBundleTooLarge = "GITOPS420";

    /// <summary>A node named as K3s server (<c>.K3sServer("k8s-1")</c>) is not a node of the lab.</summary>
    public const string K3sServerUnknown = "GITOPS421";

    /// <summary>A K3s server was named for a Rancher-provisioned cluster, whose servers' config and manifests Rancher writes.</summary>
    public const string K3sServerWithRancher = "GITOPS422";

    /// <summary>
    /// The Calico pool, which is K3s's <c>cluster-cidr</c>, cannot give every declared node its own pod CIDR
    /// (kube-controller-manager's range allocator needs one per node; fewer addresses than nodes, or, for IPv6, more
    /// than 2^16 nodes). The message names the smallest pool prefix that fits.
    /// </summary>
    public const string PodPoolTooSmallForNodes = "GITOPS423";

    /// <summary>
    /// Warning: the lab provisions its cluster in Rancher, but the Fleet GitRepo targets none of it (Rancher names the
    /// cluster's Fleet cluster after the provisioning Cluster, the lab's cluster name), so the day-2 bundles never reach it.
    /// </summary>
    public const string FleetTargetMissesRancherCluster = "GITOPS424";

    /// <summary><c>.Fleet(f => f.DefaultNamespace(folder, ...))</c> names a folder other than <c>workloads</c> or <c>networks</c>.</summary>
    public const string FleetDefaultNamespaceFolderUnknown = "GITOPS425";
}
