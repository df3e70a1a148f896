using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>
/// Describes delivery and surroundings:
/// <c>g.Repository("https://github.com/you/lab.git").Fleet(f => f.TargetCluster("example")).Flux().RancherCluster("v1.33.5+k3s1").HostFiles()</c>.
/// Without <see cref="Fleet"/> or <see cref="Flux"/> the output is made for Fleet (the blog's Rancher).
/// </summary>
public sealed class GitOpsBuilder
{
    internal GitOpsBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
    internal Located<string>? RepositoryUrl { get; private set; }
    internal Located<string> BranchName { get; private set; } = new(GitRepositorySettings.DefaultBranch, default);
    internal Located<string> RepositoryPath { get; private set; } = new(GitRepositorySettings.DefaultPath, default);
    internal FleetBuilder? FleetChoice { get; private set; }
    internal FluxBuilder? FluxChoice { get; private set; }
    internal Located<string>? RancherKubernetesVersion { get; private set; }
    internal Located<string> RancherNamespace { get; private set; } = new(RancherClusterSettings.DefaultNamespace, default);
    internal bool HostFilesChosen { get; private set; }
    internal Located<string> OperatorRepository { get; private set; } = new(TigeraOperatorChart.DefaultRepository, default);
    internal List<Located<string>> Servers { get; } = [];

    /// <summary>The git repository Fleet/Flux clone, the branch they follow, and where the output folder is inside it.</summary>
    /// <param name="url">https://, ssh:// or git@host:path URL of the repository.</param>
    /// <param name="branch">The branch to follow.</param>
    /// <param name="path">The output folder's path from the repository root ("manifests"; "." for the root itself).</param>
    public GitOpsBuilder Repository(string url, string branch = GitRepositorySettings.DefaultBranch, string path = GitRepositorySettings.DefaultPath,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var source = new SourceLocation(file, line);
        RepositoryUrl = new(url, source);
        BranchName = new(branch, source);
        RepositoryPath = new(path, source);
        return this;
    }

    /// <summary>Make every manifests folder a Fleet bundle (fleet.yaml) and emit the GitRepo.</summary>
    public GitOpsBuilder Fleet(Action<FleetBuilder>? configure = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        FleetChoice = new FleetBuilder(new(file, line));
        configure?.Invoke(FleetChoice);
        return this;
    }

    /// <summary>Make every manifests folder a kustomization and emit Flux's GitRepository and Kustomizations in flux/.</summary>
    public GitOpsBuilder Flux(Action<FluxBuilder>? configure = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        FluxChoice = new FluxBuilder(new(file, line));
        configure?.Invoke(FluxChoice);
        return this;
    }

    /// <summary>
    /// Emit the Rancher provisioning Cluster (named like the lab's cluster): <c>spec.rkeConfig.machineGlobalConfig</c>
    /// carries the K3s server settings derived from the lab (<c>flannel-backend: none</c>, <c>disable-network-policy</c>,
    /// <c>cluster-cidr</c> = the Calico pool, <c>service-cidr</c>) and <c>additionalManifest</c> the CNI layer. Fleet in
    /// Rancher's <c>fleet-local</c> workspace syncs the Cluster from git (folder rancher-local/).
    /// </summary>
    /// <param name="kubernetesVersion">A K3s release your Rancher offers, e.g. "v1.33.5+k3s1".</param>
    public GitOpsBuilder RancherCluster(string kubernetesVersion, string @namespace = RancherClusterSettings.DefaultNamespace,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        RancherKubernetesVersion = new(kubernetesVersion, new(file, line));
        RancherNamespace = new(@namespace, new(file, line));
        return this;
    }

    /// <summary>
    /// Where the CNI layer gets the tigera-operator chart (Calico) it installs at day 0, through a K3s <c>HelmChart</c>
    /// with <c>bootstrap: true</c>; its <c>installation:</c> values are the lab's Calico settings. The chart version is the
    /// lab's Calico release, <c>.Calico(c => c.Version(...))</c> (default <see cref="CalicoVersion.Default"/>), so the
    /// chart and the CNI delegate derived from that release never disagree. Default repository:
    /// <c>https://docs.tigera.io/calico/charts</c>; a bad URL is GITOPS402, reported at this call.
    /// </summary>
    /// <param name="repository">An https:// Helm repository that serves the official chart (a mirror of Calico's).</param>
    public GitOpsBuilder TigeraOperator(string repository = TigeraOperatorChart.DefaultRepository,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        OperatorRepository = new(repository, new(file, line));
        return this;
    }

    /// <summary>
    /// A node that runs <c>k3s server</c>, for a cluster without Rancher: it gets <c>hosts/&lt;node&gt;/etc/rancher/k3s/config.yaml</c>
    /// (flannel off, the lab's cluster and service CIDRs) and the CNI layer in
    /// <c>hosts/&lt;node&gt;/var/lib/rancher/k3s/server/manifests/</c>. Call once per server; default: the lab's first node.
    /// Not allowed with <see cref="RancherCluster"/> (Rancher writes both files itself; GITOPS422).
    /// </summary>
    /// <param name="node">The name of a node of the lab.</param>
    public GitOpsBuilder K3sServer(string node, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Servers.Add(new(node, new(file, line)));
        return this;
    }

    /// <summary>
    /// Emit each node's systemd-networkd units into hosts/&lt;node&gt;/ (copy them to /etc/systemd/network/). The K3s
    /// server files of a cluster without Rancher (see <see cref="K3sServer"/>) are written with or without this.
    /// Default off; <paramref name="enabled"/> false turns it off again.
    /// </summary>
    public GitOpsBuilder HostFiles(bool enabled = true)
    {
        HostFilesChosen = enabled;
        return this;
    }
}
