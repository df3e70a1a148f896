using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Reading the cluster: name, service CIDR(s) (one per pool family, dual stack: docs/dual-stack.md), CNI directories, node network; and the node agent's images and paths.</summary>
internal sealed partial class LabAssembler
{
    /// <remarks>Reports GITOPS113 (MissingElement).</remarks>
    private ClusterSettings? BuildCluster(Dictionary<string, Network> networks)
    {
        if (_lab.ClusterChoice is not { } c)
        {
            _errors.Add(MissingElement, "lab/cluster", "the lab has no cluster; add .Cluster(\"name\", c => c.NodeNetwork(\"k8s\")).", _lab.Source);
            return null;
        }

        _sources.Add("lab/cluster/serviceCidr", c.ServiceCidrText?.Source ?? default, c.Source);
        _sources.Add("lab/cluster/ipv6ServiceCidr", c.IPv6ServiceCidrText?.Source ?? default, c.Source);
        _sources.AddText("lab/cluster/cniConfDir", c.ConfDir, c.Source);
        _sources.AddText("lab/cluster/cniBinDir", c.BinDir, c.Source);
        CheckDnsName(c.Name, "lab/cluster/name", c.Source);
        var serviceCidrs = BuildServiceCidrs(c);
        CheckAbsolutePath(c.ConfDir, "lab/cluster/cniConfDir");
        CheckAbsolutePath(c.BinDir, "lab/cluster/cniBinDir");
        if (c.NodeNetworkName is not { } nodeNetworkName)
        {
            _errors.Add(MissingElement, "lab/cluster/nodeNetwork", "the cluster does not say which network carries the node addresses; add .NodeNetwork(\"k8s\") (the Kubernetes VLAN).", c.Source);
            return null;
        }

        var nodeNetwork = ResolveNetwork(networks, nodeNetworkName.Value, c.NodeNetworkIssuer, "lab/cluster/nodeNetwork", nodeNetworkName.Source);
        if (serviceCidrs is null || nodeNetwork is null)
        {
            return null;
        }

        return new ClusterSettings(c.Name, serviceCidrs, c.ConfDir.Value.TrimEnd('/'), c.BinDir.Value.TrimEnd('/'), nodeNetwork, c.Source);
    }

    /// <summary>
    /// The service CIDRs, one per pool family in the pools' order (the families come from the pool texts; the pools
    /// themselves are checked by the Calico rules). K3s's agent refuses a service-cidr whose families, or first family,
    /// differ from cluster-cidr's ("must share the same IP version (IPv4, IPv6 or dual-stack)", k3s-io/k3s
    /// pkg/agent/run.go, run): GITOPS191. An unset one is K3s's default for its family (pkg/util/net.go,
    /// GetDefaultAddresses). Null when one does not parse.
    /// </summary>
    /// <remarks>Reports GITOPS101 (InvalidCidr), GITOPS190 (AddressFamilyTwice), GITOPS191 (ServiceCidrFamilyMismatch).</remarks>
    private IReadOnlyList<System.Net.IPNetwork>? BuildServiceCidrs(ClusterBuilder c)
    {
        var calico = _lab.CalicoChoice;
        var primaryV6 = calico?.Primary is { } primary && primary.Cidr.Value.Contains(':');
        var dual = calico?.SecondV6 is not null;
        var at = c.ServiceCidrText?.Source ?? c.Source;
        var first = ParseCidr(c.ServiceCidrText ?? new(primaryV6 ? ClusterSettings.DefaultIPv6ServiceCidr : ClusterSettings.DefaultServiceCidr, at), "lab/cluster/serviceCidr");
        System.Net.IPNetwork? second = null;
        if (c.IPv6ServiceCidrText is { } v6Text)
        {
            second = ParseCidr(v6Text, "lab/cluster/ipv6ServiceCidr");
            if (second is { } s && IpMath.IsIPv4(s.BaseAddress))
            {
                _errors.Add(AddressFamilyTwice, "lab/cluster/ipv6ServiceCidr", $"the IPv6 service CIDR {s} is IPv4, like the primary one; kube-apiserver requires the two entries of service-cluster-ip-range to be \"of different IP family\" (validateClusterIPFlags). Give .IPv6ServiceCidr(...) an IPv6 CIDR such as \"{ClusterSettings.DefaultIPv6ServiceCidr}\".", v6Text.Source);
                return null;
            }

            if (!dual)
            {
                _errors.Add(ServiceCidrFamilyMismatch, "lab/cluster/ipv6ServiceCidr",
                    $"the IPv6 service CIDR {v6Text.Value} makes K3s's service-cidr dual-stack, but the pods' cluster-cidr (the Calico pool) is single-stack; K3s's agent refuses that (\"must share the same IP version\", pkg/agent/run.go). " +
                    "Add .IPv6Pool(\"fd00:42::/56\") to .Calico(...) for dual stack, or remove .IPv6ServiceCidr(...).", v6Text.Source);
            }
        }
        else if (dual)
        {
            second = ParseCidr(new(ClusterSettings.DefaultIPv6ServiceCidr, c.Source), "lab/cluster/ipv6ServiceCidr");
        }

        if (first is { } f && calico?.Primary is not null && IpMath.IsIPv4(f.BaseAddress) == primaryV6)
        {
            var family = primaryV6 ? "IPv6" : "IPv4";
            _errors.Add(ServiceCidrFamilyMismatch, "lab/cluster/serviceCidr",
                $"the service CIDR {f} is IPv{(primaryV6 ? 4 : 6)} but the primary Calico pool {calico.Primary.Cidr.Value} is {family}; K3s's agent refuses a service-cidr whose IP version differs from cluster-cidr's (\"must share the same IP version\", pkg/agent/run.go). " +
                $"Use an {family} service CIDR, e.g. .ServiceCidr(\"{(primaryV6 ? ClusterSettings.DefaultIPv6ServiceCidr : ClusterSettings.DefaultServiceCidr)}\"), or leave .ServiceCidr(...) out for K3s's default.", at);
        }

        if (first is null || (c.IPv6ServiceCidrText is not null && second is null))
        {
            return null;
        }

        return ReadOnly.Copy(second is { } v6 && dual ? [first.Value, v6] : new[] { first.Value });
    }

    /// <summary>The node agent's values, each reported at the call that set it (at <c>Lab.Create</c> for a default, which is valid).</summary>
    /// <remarks>Reports GITOPS100 (InvalidName), GITOPS118 (InvalidImage), GITOPS120 (InvalidPath).</remarks>
    private void CheckNodeAgent(NodeAgentBuilder agent)
    {
        CheckDnsName(agent.NamespaceName.Value, "lab/nodeAgent/namespace", At(agent.NamespaceName));
        foreach (var (image, path) in new[] { (agent.RouteFix, "routeFixImage"), (agent.Plugins, "pluginsImage"), (agent.Pause, "pauseImage") })
        {
            CheckImage(new(image.Value, At(image)), $"lab/nodeAgent/{path}");
        }

        CheckAbsolutePath(new(agent.PluginsDir.Value, At(agent.PluginsDir)), "lab/nodeAgent/pluginsSourceDir");
    }

    private SourceLocation At(Located<string> value) => value.Source.Or(_lab.Source);
}
