using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Every network, the Calico pod pool(s) and the service CIDR(s) (two of each in dual stack) have their own address range; each overlap is reported at the later range's call.</summary>
/// <remarks>Reports GITOPS107 (SubnetOverlap).</remarks>
internal sealed class SubnetOverlapRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        var plan = lab.Networks.Select(n => (Name: $"network '{n.Name}'", Path: $"lab/networks/{n.Name}/subnet", Subnet: n.Subnet))
            .Concat(lab.Calico.Pools.Select((p, i) => (Name: i == 0 ? "Calico pod pool" : "Calico IPv6 pod pool", Path: i == 0 ? "lab/calico/ipPool/cidr" : "lab/calico/ipv6Pool/cidr", Subnet: p.Cidr)))
            .Concat(lab.Cluster.ServiceCidrs.Select((s, i) => (Name: i == 0 ? "service CIDR" : "IPv6 service CIDR", Path: i == 0 ? "lab/cluster/serviceCidr" : "lab/cluster/ipv6ServiceCidr", Subnet: s)))
            .ToArray();
        for (var i = 0; i < plan.Length; i++)
        {
            for (var j = i + 1; j < plan.Length; j++)
            {
                if (IpMath.Overlaps(plan[i].Subnet, plan[j].Subnet))
                {
                    yield return ModelErrors.Error(SubnetOverlap, plan[j].Path, $"{plan[j].Subnet} ({plan[j].Name}) overlaps {plan[i].Subnet} ({plan[i].Name}); every network, the pod pool and the service CIDR need their own address range.", sources[plan[j].Path]);
                }
            }
        }
    }
}
