using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Reading the cluster: name, service CIDR, CNI directories, node network; and the node agent's images and paths.</summary>
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

        _sources.Add("lab/cluster/serviceCidr", c.ServiceCidrText.Source, c.Source);
        _sources.AddText("lab/cluster/cniConfDir", c.ConfDir, c.Source);
        _sources.AddText("lab/cluster/cniBinDir", c.BinDir, c.Source);
        CheckDnsName(c.Name, "lab/cluster/name", c.Source);
        var serviceCidr = ParseCidr(c.ServiceCidrText, "lab/cluster/serviceCidr");
        CheckAbsolutePath(c.ConfDir, "lab/cluster/cniConfDir");
        CheckAbsolutePath(c.BinDir, "lab/cluster/cniBinDir");
        if (c.NodeNetworkName is not { } nodeNetworkName)
        {
            _errors.Add(MissingElement, "lab/cluster/nodeNetwork", "the cluster does not say which network carries the node addresses; add .NodeNetwork(\"k8s\") (the Kubernetes VLAN).", c.Source);
            return null;
        }

        var nodeNetwork = ResolveNetwork(networks, nodeNetworkName.Value, "lab/cluster/nodeNetwork", nodeNetworkName.Source);
        if (serviceCidr is null || nodeNetwork is null)
        {
            return null;
        }

        return new ClusterSettings(c.Name, serviceCidr.Value, c.ConfDir.Value.TrimEnd('/'), c.BinDir.Value.TrimEnd('/'), nodeNetwork, c.Source);
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
