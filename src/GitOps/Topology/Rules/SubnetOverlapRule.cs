using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Every network, the Calico pod pool and the service CIDR have their own address range; each overlap is reported at the later range's call.</summary>
/// <remarks>Reports GITOPS107 (SubnetOverlap).</remarks>
internal sealed class SubnetOverlapRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        var plan = lab.Networks.Select(n => (Name: $"network '{n.Name}'", Path: $"lab/networks/{n.Name}/subnet", Subnet: n.Subnet))
            .Append((Name: "Calico pod pool", Path: "lab/calico/ipPool/cidr", Subnet: lab.Calico.Pool.Cidr))
            .Append((Name: "service CIDR", Path: "lab/cluster/serviceCidr", Subnet: lab.Cluster.ServiceCidr))
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
