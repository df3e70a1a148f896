using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>Describes the Fleet side: <c>f.Name("home-lab").TargetCluster("example")</c>.</summary>
public sealed class FleetBuilder
{
    private readonly List<Located<string>> _targets = [];
    private readonly List<(Located<string> Folder, Located<string> Namespace)> _defaultNamespaces = [];

    internal FleetBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
    internal Located<string>? RepoName { get; private set; }
    internal Located<string> WorkspaceNamespace { get; private set; } = new(FleetSettings.DefaultNamespace, default);
    internal IReadOnlyList<Located<string>> Targets => _targets;
    internal Located<string>? ClientSecretName { get; private set; }
    internal IReadOnlyList<(Located<string> Folder, Located<string> Namespace)> DefaultNamespaces => _defaultNamespaces;

    /// <summary>The GitRepo's name (default: the lab's name). Fleet names every bundle <c>&lt;name&gt;-&lt;path&gt;</c>.</summary>
    public FleetBuilder Name(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        RepoName = new(name, new(file, line));
        return this;
    }

    /// <summary>
    /// The namespace of the GitRepo, which is its Fleet workspace; default <c>fleet-default</c> (Rancher's workspace
    /// for downstream clusters). A DNS-1123 label.
    /// </summary>
    public FleetBuilder Namespace(string @namespace, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        WorkspaceNamespace = new(@namespace, new(file, line));
        return this;
    }


    /// <summary>
    /// The Secret Fleet clones a private repository with (the GitRepos' <c>spec.clientSecretName</c>; rancher/fleet
    /// <c>GitRepoSpec.ClientSecretName</c>: "It is expected the secret be of type kubernetes.io/basic-auth or
    /// kubernetes.io/ssh-auth"). For an ssh URL, a <c>kubernetes.io/ssh-auth</c> Secret with the deploy key as
    /// <c>ssh-privatekey</c> (and the host's <c>known_hosts</c>); for https, <c>kubernetes.io/basic-auth</c> with
    /// <c>username</c> and a token as <c>password</c>. Create it by hand in the GitRepo's namespace (<see cref="Namespace"/>,
    /// default <c>fleet-default</c>) and, with <c>.RancherCluster(...)</c>, also in <c>fleet-local</c>, where the GitRepo that
    /// syncs <c>rancher-local/</c> lives; a Secret never belongs in the repository. <paramref name="secretName"/> is a DNS-1123
    /// subdomain (GITOPS100). Default: none, and Fleet then uses a Secret named <c>gitcredential</c> in the namespace if there
    /// is one (rancher/fleet <c>internal/cmd/controller/gitops/reconciler/gitjob.go</c>), else clones without credentials
    /// (a public https repository).
    /// </summary>
    public FleetBuilder ClientSecret(string secretName, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ClientSecretName = new(secretName, new(file, line));
        return this;
    }

    /// <summary>
    /// Pins the <c>defaultNamespace</c> of a bundle's <c>fleet.yaml</c>, which is also the namespace of the bundle's Helm
    /// release (rancher/fleet <c>internal/helmdeployer/deployer.go</c>, <c>getOpts</c> → <c>namespaces.GetDeploymentNS</c>).
    /// <paramref name="bundleFolder"/> is <c>"workloads"</c> or <c>"networks"</c>, the two bundles whose namespace follows
    /// the lab's declarations (by default the namespace of the first workload, or of the first attachment, as declared;
    /// the other bundles' namespaces are fixed by what they hold). <paramref name="namespace"/> is a DNS-1123 label
    /// (GITOPS100). Fleet uninstalls a release whose namespace changes, deleting its objects and their
    /// PersistentVolumeClaims before it installs them again (warning GITOPS214 says when a build would do that), so pin it
    /// where it is when the first workload or attachment is renamed, moved or removed, or when an upgrade of these packages
    /// changed the default: <c>f.DefaultNamespace("workloads", "default")</c>. Another folder is GITOPS425; a second call
    /// for one folder replaces the first. Default: none (the namespace the lab's declarations give).
    /// </summary>
    public FleetBuilder DefaultNamespace(string bundleFolder, string @namespace, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _defaultNamespaces.RemoveAll(pin => pin.Folder.Value == bundleFolder);
        _defaultNamespaces.Add((new(bundleFolder, new(file, line)), new(@namespace, new(file, line))));
        return this;
    }

    /// <summary>A Fleet cluster to deploy to (default: the lab's cluster name). Call once per cluster.</summary>
    public FleetBuilder TargetCluster(string clusterName, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _targets.Add(new(clusterName, new(file, line)));
        return this;
    }
}
