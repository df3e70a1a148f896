using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>A pool without NAT needs the router to know its routes (BGP peer or the user's static routes).</summary>
/// <remarks>Reports GITOPS163 (PodPoolUnroutable).</remarks>
internal sealed class PodPoolRoutableRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        var calico = lab.Calico;
        if (calico.Pool.NatOutgoing || calico.RouterHasStaticRoutes || calico.Peering is { Routers.Count: > 0 } && calico.Bgp)
        {
            yield break;
        }

        var gateway = lab.Cluster.NodeNetwork.Gateway;
        yield return ModelErrors.Error(PodPoolUnroutable, "lab/calico/ipPool", $"the pod pool {calico.Pool.Cidr} has natOutgoing disabled and the cluster peers with no router, so traffic from pods leaves with pod addresses and no reply finds its way back. " +
            $"Fix one of: peer with the router, .Bgp(b => b.Router(\"router\")) (BGP to {gateway}, FRR config in hosts/router/); enable NAT, .NatOutgoingTraffic(); or, if the router has static routes to {calico.Pool.Cidr} via the nodes, .RouterHasStaticRoutes().", sources["lab/calico/ipPool/cidr"]);
    }
}
