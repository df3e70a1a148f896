using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Address plan rules that need the whole lab: overlapping ranges, and each node on the node network.</summary>
internal sealed partial class LabAssembler
{
    /// <summary>Rules that need the whole lab: address plan overlaps and the node network's interfaces.</summary>
    /// <remarks>Reports GITOPS107 (SubnetOverlap), GITOPS113 (MissingElement).</remarks>
    private void CheckCrossRules(Lab lab)
    {
        CheckCalicoCniDirs(lab);
        CheckK3sAgentCniDirs(lab);
        CheckCalicoMtu(lab);

        // Each range points at the call that set it (a default service CIDR at the cluster).
        var cluster = _lab.ClusterChoice!;
        var poolChoices = _lab.CalicoChoice!.Pools;
        var serviceSources = new[] { cluster.ServiceCidrText?.Source ?? default, cluster.IPv6ServiceCidrText?.Source ?? default };
        var plan = lab.Networks.Select(n => (Name: $"network '{n.Name}'", Path: $"lab/networks/{n.Name}/subnet", Subnet: n.Subnet,
                Source: _lab.Networks.First(b => b.Name == n.Name).SubnetText!.Value.Source))
            .Concat(lab.Calico.Pools.Select((p, i) => (Name: i == 0 ? "Calico pod pool" : "Calico IPv6 pod pool", Path: i == 0 ? "lab/calico/ipPool/cidr" : "lab/calico/ipv6Pool/cidr", Subnet: p.Cidr, Source: poolChoices[i].Cidr.Source)))
            .Concat(lab.Cluster.ServiceCidrs.Select((s, i) => (Name: i == 0 ? "service CIDR" : "IPv6 service CIDR", Path: i == 0 ? "lab/cluster/serviceCidr" : "lab/cluster/ipv6ServiceCidr", Subnet: s,
                Source: serviceSources[i] == default ? lab.Cluster.Source : serviceSources[i])))
            .ToArray();
        for (var i = 0; i < plan.Length; i++)
        {
            for (var j = i + 1; j < plan.Length; j++)
            {
                if (IpMath.Overlaps(plan[i].Subnet, plan[j].Subnet))
                {
                    _errors.Add(SubnetOverlap, plan[j].Path, $"{plan[j].Subnet} ({plan[j].Name}) overlaps {plan[i].Subnet} ({plan[i].Name}); every network, the pod pool and the service CIDR need their own address range.", plan[j].Source);
                }
            }
        }

        CheckPodPoolRoutable(lab);
        CheckNodePodCidrs(lab);
        foreach (var node in lab.Nodes)
        {
            if (!node.Interfaces.Any(i => i.Network == lab.Cluster.NodeNetwork && i.Bridge is null))
            {
                _errors.Add(MissingElement, $"lab/nodes/{node.Name}/interfaces", $"node '{node.Name}' has no interface on the node network '{lab.Cluster.NodeNetwork.Name}'; Calico needs one to find the node address. Add .Interface(\"eth1\", \"{lab.Cluster.NodeNetwork.Name}\").", node.Source);
            }
        }
    }
}
