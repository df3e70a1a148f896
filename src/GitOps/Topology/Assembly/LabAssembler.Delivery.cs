using System.Text.RegularExpressions;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Reading the GitOps section: repository, Fleet, Flux, the Rancher cluster, the K3s servers (what the host files need from the nodes: <see cref="HostFilesRule"/>).</summary>
internal sealed partial class LabAssembler
{
    private const string GitOpsPath = "lab/gitops";

    /// <remarks>Reports GITOPS402 (RepositoryUrlInvalid), GITOPS408 (KubernetesVersionInvalid).</remarks>
    private GitOpsSettings? BuildGitOps(ClusterSettings? cluster, IReadOnlyList<Node> nodes, CalicoVersion calicoVersion)
    {
        if (_lab.GitOpsChoice is not { } g)
        {
            return null;
        }

        var repository = BuildRepository(g);
        // Neither tool named: Fleet, the blog's (Rancher's) tool.
        var fleet = g.FleetChoice is not null || g.FluxChoice is null
            ? BuildFleet(g.FleetChoice ?? new FleetBuilder(g.Source), cluster)
            : null;
        var flux = g.FluxChoice is { } x ? BuildFlux(x) : null;
        if (flux is not null && repository is not null && ScpLikeUrl().IsMatch(repository.Url))
        {
            var host = ScpLikeUrl().Match(repository.Url);
            _errors.Add(RepositoryUrlInvalid, $"{GitOpsPath}/repository/url",
                $"Flux cannot clone the scp-style URL '{repository.Url}'; write it as ssh://{host.Groups["user"].Value}@{host.Groups["host"].Value}/{host.Groups["path"].Value}.",
                g.RepositoryUrl!.Value.Source);
        }

        RancherClusterSettings? rancher = null;
        if (g.RancherKubernetesVersion is { } version)
        {
            CheckDnsName(g.RancherNamespace.Value, $"{GitOpsPath}/rancherCluster/namespace", g.RancherNamespace.Source);
            if (!K3sVersion().IsMatch(version.Value))
            {
                _errors.Add(KubernetesVersionInvalid, $"{GitOpsPath}/rancherCluster/kubernetesVersion",
                    $"'{version.Value}' is not a K3s release; use the form Rancher lists, e.g. \"v1.33.5+k3s1\".", version.Source);
            }

            rancher = new RancherClusterSettings(version.Value, g.RancherNamespace.Value, version.Source);
        }

        var chart = BuildTigeraOperator(g, calicoVersion);
        var servers = BuildK3sServers(g, nodes, rancher is not null);
        return repository is null ? null : new GitOpsSettings(repository, fleet, flux, rancher, g.HostFilesChosen, chart, ReadOnly.Copy(servers), g.Source);
    }

    /// <summary>The chart's version is the lab's Calico release (checked by GITOPS152); only the repository is the chart's own.</summary>
    /// <remarks>Reports GITOPS402 (RepositoryUrlInvalid).</remarks>
    private TigeraOperatorChart BuildTigeraOperator(GitOpsBuilder g, CalicoVersion version)
    {
        var repository = g.OperatorRepository;
        if (!Uri.TryCreate(repository.Value, UriKind.Absolute, out var repo) || repo.Scheme is not ("https" or "http") ||
            repo.Host.Length == 0 || repository.Value.Any(char.IsWhiteSpace))
        {
            _errors.Add(RepositoryUrlInvalid, $"{GitOpsPath}/tigeraOperator/repository",
                $"'{repository.Value}' is not a Helm repository URL; use an https:// URL such as \"{TigeraOperatorChart.DefaultRepository}\".",
                repository.Source);
        }

        return new TigeraOperatorChart(repository.Value.TrimEnd('/'), version);
    }

    /// <summary>Without Rancher: the named servers, or the lab's first node. With Rancher: none (Rancher writes the servers' files).</summary>
    /// <remarks>Reports GITOPS422 (K3sServerWithRancher), GITOPS421 (K3sServerUnknown).</remarks>
    private IReadOnlyList<string> BuildK3sServers(GitOpsBuilder g, IReadOnlyList<Node> nodes, bool rancher)
    {
        if (rancher)
        {
            foreach (var server in g.Servers)
            {
                _errors.Add(K3sServerWithRancher, $"{GitOpsPath}/k3sServer",
                    $"node '{server.Value}' is named a K3s server, but Rancher provisions this cluster and writes the servers' config and manifests itself " +
                    "(machineGlobalConfig, additionalManifest); remove .K3sServer(...) or remove .RancherCluster(...).", server.Source);
            }

            return [];
        }

        foreach (var server in g.Servers.Where(s => nodes.All(n => n.Name != s.Value)))
        {
            _errors.Add(K3sServerUnknown, $"{GitOpsPath}/k3sServer",
                $"'{server.Value}' is not a node of the lab (nodes: {string.Join(", ", nodes.Select(n => $"'{n.Name}'"))}); " +
                NameSuggestion.Fix(server.Value, nodes.Select(n => n.Name), "name the node that runs 'k3s server'."),
                server.Source);
        }

        return g.Servers.Count > 0
            ? g.Servers.Select(s => s.Value).Distinct(StringComparer.Ordinal).ToArray()
            : nodes.Take(1).Select(n => n.Name).ToArray();
    }

    /// <remarks>Reports GITOPS401 (GitOpsRepositoryMissing).</remarks>
    private GitRepositorySettings? BuildRepository(GitOpsBuilder g)
    {
        if (g.RepositoryUrl is not { } url)
        {
            _errors.Add(GitOpsRepositoryMissing, $"{GitOpsPath}/repository",
                "the GitOps section does not say which git repository Fleet/Flux sync; add .Repository(\"https://github.com/you/lab.git\", branch: \"main\").",
                g.Source);
            return null;
        }

        var urlOk = CheckGitUrl(url, $"{GitOpsPath}/repository/url");
        var branchOk = CheckBranch(g.BranchName, $"{GitOpsPath}/repository/branch");
        var path = NormalizeRepositoryPath(g.RepositoryPath, $"{GitOpsPath}/repository/path");
        return urlOk && branchOk && path is not null ? new GitRepositorySettings(url.Value, g.BranchName.Value, path) : null;
    }

    private FleetSettings BuildFleet(FleetBuilder f, ClusterSettings? cluster)
    {
        var name = f.RepoName ?? new(_lab.Name, f.Source);
        CheckDnsName(name.Value, $"{GitOpsPath}/fleet/gitRepoName", name.Source);
        CheckDnsName(f.WorkspaceNamespace.Value, $"{GitOpsPath}/fleet/workspace", f.WorkspaceNamespace.Source);
        var targets = f.Targets.Count > 0 ? f.Targets : cluster is null ? [] : [new Located<string>(cluster.Name, f.Source)];
        foreach (var target in targets)
        {
            CheckDnsName(target.Value, $"{GitOpsPath}/fleet/targetCluster", target.Source);
        }

        CheckSecretName(f.ClientSecretName, $"{GitOpsPath}/fleet/clientSecretName");
        var defaultNamespaces = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (folder, ns) in f.DefaultNamespaces)
        {
            var path = $"{GitOpsPath}/fleet/defaultNamespace/{folder.Value}";
            if (!FleetSettings.PinnableFolders.Contains(folder.Value, StringComparer.Ordinal))
            {
                _errors.Add(FleetDefaultNamespaceFolderUnknown, path,
                    $"'{folder.Value}' is not a bundle whose defaultNamespace can be pinned: name {string.Join(" or ", FleetSettings.PinnableFolders.Select(f => $"\"{f}\""))} " +
                    "(the other bundles' namespaces are fixed by what they hold).", folder.Source);
            }
            else if (CheckDnsName(ns.Value, path, ns.Source))
            {
                defaultNamespaces[folder.Value] = ns.Value;
            }
        }

        return new FleetSettings(name.Value, f.WorkspaceNamespace.Value, ReadOnly.Copy(targets.Select(t => t.Value).Distinct(StringComparer.Ordinal)), f.Source)
        {
            ClientSecretName = f.ClientSecretName?.Value,
            DefaultNamespaces = defaultNamespaces,
            TargetsSource = f.Targets.Count > 0 ? f.Targets[0].Source : f.Source,
            NamespaceSource = f.WorkspaceNamespace.Source.Or(f.Source),
        };
    }

    private FluxSettings BuildFlux(FluxBuilder x)
    {
        var name = x.SourceName ?? new(_lab.Name, x.Source);
        CheckDnsName(name.Value, $"{GitOpsPath}/flux/name", name.Source);
        CheckDnsName(x.TargetNamespace.Value, $"{GitOpsPath}/flux/namespace", x.TargetNamespace.Source);
        CheckInterval(x.FetchEvery, $"{GitOpsPath}/flux/sourceInterval");
        CheckInterval(x.ApplyEvery, $"{GitOpsPath}/flux/reconcileInterval");
        CheckSecretName(x.SecretName, $"{GitOpsPath}/flux/secretRef");
        return new FluxSettings(name.Value, x.TargetNamespace.Value, x.FetchEvery.Value, x.ApplyEvery.Value, x.Source) { SecretName = x.SecretName?.Value };
    }

    /// <remarks>Reports GITOPS407 (IntervalInvalid).</remarks>
    private void CheckInterval(Located<TimeSpan> interval, string path)
    {
        if (interval.Value <= TimeSpan.Zero || interval.Value.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            _errors.Add(IntervalInvalid, path,
                $"{interval.Value} is not a positive whole number of seconds; use e.g. TimeSpan.FromMinutes(10).", interval.Source);
        }
    }

    /// <remarks>Reports GITOPS402 (RepositoryUrlInvalid).</remarks>
    private bool CheckGitUrl(Located<string> url, string path)
    {
        var text = url.Value;
        var ok = !string.IsNullOrWhiteSpace(text) && !text.Any(char.IsWhiteSpace) &&
            ((Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "ssh" && uri.Host.Length > 0 && uri.AbsolutePath.Length > 1) ||
             ScpLikeUrl().IsMatch(text));
        if (!ok)
        {
            _errors.Add(RepositoryUrlInvalid, path,
                $"'{text}' is not a git repository URL; use \"https://github.com/you/lab.git\" or \"ssh://git@github.com/you/lab.git\".", url.Source);
        }

        return ok;
    }

    /// <summary>The rules of <c>git check-ref-format --branch</c> that a typed name can break.</summary>
    /// <remarks>Reports GITOPS403 (BranchInvalid).</remarks>
    private bool CheckBranch(Located<string> branch, string path)
    {
        var b = branch.Value;
        var bad = string.IsNullOrEmpty(b) || b.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '~' or '^' or ':' or '?' or '*' or '[' or '\\') ||
            b.Contains("..", StringComparison.Ordinal) || b.Contains("@{", StringComparison.Ordinal) || b.Contains("//", StringComparison.Ordinal) ||
            b.StartsWith('-') || b.StartsWith('/') || b.EndsWith('/') || b.EndsWith('.') || b.EndsWith(".lock", StringComparison.Ordinal) || b == "@" ||
            b.Split('/').Any(part => part.StartsWith('.'));
        if (bad)
        {
            _errors.Add(BranchInvalid, path, $"'{b}' is not a valid git branch name; use a name such as \"main\" (no spaces, '..', '~', '^', ':', '?', '*', '[' or '\\').", branch.Source);
        }

        return !bad;
    }

    /// <summary>"manifests", "clusters/home/manifests" or "." (the root); returned without "./" or a trailing '/'.</summary>
    /// <remarks>Reports GITOPS404 (RepositoryPathInvalid).</remarks>
    private string? NormalizeRepositoryPath(Located<string> path, string modelPath)
    {
        var text = path.Value.Trim();
        while (text.StartsWith("./", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        text = text.TrimEnd('/');
        if (text is "" or ".")
        {
            return ".";
        }

        if (text.StartsWith('/') || text.Split('/').Any(s => s is "" or "." or ".." || !PathSegment().IsMatch(s)))
        {
            _errors.Add(RepositoryPathInvalid, modelPath,
                $"'{path.Value}' is not a folder path inside the repository; give it relative to the repository root with letters, digits, '.', '_' and '-' only, e.g. \"manifests\" (\".\" for the root).",
                path.Source);
            return null;
        }

        return text;
    }

    [GeneratedRegex(@"^(?<user>[A-Za-z0-9._-]+)@(?<host>[A-Za-z0-9.-]+):(?<path>[^\s/][^\s]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ScpLikeUrl();

    [GeneratedRegex(@"^v[0-9]+\.[0-9]+\.[0-9]+\+k3s[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex K3sVersion();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PathSegment();
}
