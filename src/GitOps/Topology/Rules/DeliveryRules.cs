using System.Text.RegularExpressions;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>The GitOps section: repository, Fleet, Flux, the Rancher cluster and the host files.</summary>
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

        if (g.HostFilesChosen)
        {
            CheckHostFiles(nodes);
        }

        var chart = BuildTigeraOperator(g, calicoVersion);
        var servers = BuildK3sServers(g, nodes, rancher is not null);
        return repository is null ? null : new GitOpsSettings(repository, fleet, flux, rancher, g.HostFilesChosen, chart, ReadOnly.Copy(servers), g.Source);
    }

    /// <summary>
    /// With a GitOps section the library writes K3s's server config (Rancher's machineGlobalConfig or the host files),
    /// and with it <c>cluster-cidr</c> = the pool(s) and a derived node mask per pool (<see cref="NodePodCidr"/>).
    /// kube-controller-manager gives each node one CIDR of that size from the pool; when no size gives every declared
    /// node one, a node would be left without a pod CIDR and log <c>CIDRNotAvailable</c> forever (k3s-io/k3s#7662).
    /// </summary>
    /// <remarks>Reports GITOPS423 (PodPoolTooSmallForNodes).</remarks>
    private void CheckNodePodCidrs(Lab lab)
    {
        if (lab.GitOps is null)
        {
            return;
        }

        for (var i = 0; i < lab.Calico.Pools.Count; i++)
        {
            var pool = lab.Calico.Pools[i];
            if (NodePodCidr.MaskSize(pool.Cidr, pool.BlockSize, lab.Nodes.Count) is not null)
            {
                continue;
            }

            var ipv4 = IpMath.IsIPv4(pool.Cidr.BaseAddress);
            var needed = 0;
            while ((1L << needed) < lab.Nodes.Count)
            {
                needed++;
            }

            var call = i == 0 ? ".IPPool(...)" : ".IPv6Pool(...)";
            var fix = ipv4
                ? $"give {call} a /{(32 - needed).ToString(System.Globalization.CultureInfo.InvariantCulture)} or larger (one address or more per node; the mask is then derived), or declare fewer nodes"
                : $"kube-controller-manager splits an IPv6 cluster CIDR into at most 2^{NodePodCidr.MaxIPv6MaskDifference.ToString(System.Globalization.CultureInfo.InvariantCulture)} node CIDRs (clusterSubnetMaxDiff); declare fewer nodes";
            var nodes = string.Join(", ", lab.Nodes.Select(n => $"'{n.Name}'"));
            _errors.Add(PodPoolTooSmallForNodes, i == 0 ? "lab/calico/ipPool/cidr" : "lab/calico/ipv6Pool/cidr",
                $"the pod pool {pool.Cidr} is K3s's cluster-cidr, from which kube-controller-manager gives every node its own pod CIDR, " +
                $"but it cannot hold one for each of the lab's {lab.Nodes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} nodes ({nodes}); {fix}.",
                _lab.CalicoChoice!.Pools[i].Cidr.Source);
        }
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

        return new FleetSettings(name.Value, f.WorkspaceNamespace.Value, ReadOnly.Copy(targets.Select(t => t.Value).Distinct(StringComparer.Ordinal)), f.Source);
    }

    private FluxSettings BuildFlux(FluxBuilder x)
    {
        var name = x.SourceName ?? new(_lab.Name, x.Source);
        CheckDnsName(name.Value, $"{GitOpsPath}/flux/name", name.Source);
        CheckDnsName(x.TargetNamespace.Value, $"{GitOpsPath}/flux/namespace", x.TargetNamespace.Source);
        CheckInterval(x.FetchEvery, $"{GitOpsPath}/flux/sourceInterval");
        CheckInterval(x.ApplyEvery, $"{GitOpsPath}/flux/reconcileInterval");
        return new FluxSettings(name.Value, x.TargetNamespace.Value, x.FetchEvery.Value, x.ApplyEvery.Value, x.Source);
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

    /// <summary>
    /// What the systemd-networkd files need from each node: one uplink per bridge; a MAC for each bridge whose network
    /// hosts take DHCP addresses on (its own, or, for a VLAN sub-interface, its parent's); no static addressing; unique MACs.
    /// </summary>
    /// <remarks>Reports GITOPS410 (HostBridgeUplinkAmbiguous), GITOPS409 (HostBridgeMacMissing), GITOPS411 (HostStaticAddressingUnsupported), GITOPS412 (MacAddressDuplicate).</remarks>
    private void CheckHostFiles(IReadOnlyList<Node> nodes)
    {
        foreach (var node in nodes)
        {
            foreach (var bridge in node.Interfaces.Where(i => i.Bridge is not null).GroupBy(i => i.Bridge!, StringComparer.Ordinal))
            {
                var uplinks = bridge.ToArray();
                if (uplinks.Length > 1)
                {
                    _errors.Add(HostBridgeUplinkAmbiguous, $"lab/nodes/{node.Name}/interfaces/{uplinks[1].Name}/bridge",
                        $"bridge '{bridge.Key}' on node '{node.Name}' has uplinks {string.Join(" and ", uplinks.Select(u => $"'{u.Name}'"))}; " +
                        "the host files give the bridge its uplink's MAC, so keep one uplink per bridge.", uplinks[1].Source);
                }
                else if (uplinks[0].Network.Addressing != Addressing.None && InheritedMac.UplinkMac(node, uplinks[0]) is null && !MacWasWritten(node, uplinks[0]))
                {
                    // A VLAN sub-interface carries its parent's MAC (net/8021q/vlan_dev.c, vlan_dev_init), so a MAC on
                    // the parent is enough; the MAC asked for is the device's own, never a value from another lab.
                    var uplink = uplinks[0];
                    var owner = MacOwner(node, uplink);
                    var ownerNic = node.Interfaces.FirstOrDefault(i => i.Name == owner) ?? uplink;
                    var inherits = owner != uplink.Name ? $" ('{uplink.Name}' is a VLAN of '{owner}' and carries its MAC)" : "";
                    _errors.Add(HostBridgeMacMissing, $"lab/nodes/{node.Name}/interfaces/{owner}/mac",
                        $"'{uplink.Name}' is the uplink of bridge '{bridge.Key}' on node '{node.Name}' but no MAC is known for it{inherits}; the bridge takes it over " +
                        $"(MACAddress=) so the DHCP server of the '{uplink.Network.Name}' network keeps the node's lease. " +
                        $"Add .Mac(\"…\") to .Interface(\"{owner}\", …) with the link/ether address that 'ip link show {owner}' prints on node '{node.Name}'" +
                        $", or make '{uplink.Network.Name}' pods-only with .HostAddressing(Addressing.None) if the node takes no address there.",
                        ownerNic.Source);
                }
            }

            foreach (var nic in node.Interfaces.Where(i => i.Network.Addressing == Addressing.Static))
            {
                _errors.Add(HostStaticAddressingUnsupported, $"lab/nodes/{node.Name}/interfaces/{nic.Name}",
                    $"network '{nic.Network.Name}' uses static addressing, and the model has no per-node address for '{nic.Name}' to write into the host files; " +
                    $"use .HostAddressing(Addressing.Dhcp) on network '{nic.Network.Name}' (with a reservation on the router), .HostAddressing(Addressing.None) if the nodes only switch it for pods, or leave out .HostFiles().", nic.Source);
            }
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (node, nic) in nodes.SelectMany(n => n.Interfaces.Where(i => i.Mac is not null).Select(i => (n, i))))
        {
            var mac = string.Join(':', nic.Mac!.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
            var where = $"{node.Name}/{nic.Name}";
            // A VLAN sub-interface carries its parent's MAC: the same MAC on one device's VLANs is no slip.
            var owner = $"{node.Name}/{MacOwner(node, nic)}";
            if (!seen.TryAdd(mac, where) && !owners[mac].Equals(owner, StringComparison.Ordinal))
            {
                _errors.Add(MacAddressDuplicate, $"lab/nodes/{node.Name}/interfaces/{nic.Name}/mac",
                    $"MAC {mac} is also given to {seen[mac]}; every interface has its own MAC (ip link show {nic.Name} on the node).", nic.Source);
            }

            owners.TryAdd(mac, owner);
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

    /// <summary>A MAC that was written but is invalid is already reported (GITOPS114); do not also call it missing.</summary>
    private bool MacWasWritten(Node node, NodeInterface uplink) =>
        _lab.Nodes.First(n => n.Name == node.Name).Interfaces.First(i => i.Name == uplink.Name).MacText is not null;
}
