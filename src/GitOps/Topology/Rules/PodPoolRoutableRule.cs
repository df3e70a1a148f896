using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>A pool without NAT needs the router to know its routes (BGP peer or the user's static routes); a dual-stack IPv6 pool, which the generated peering does not carry, needs NAT or static routes.</summary>
/// <remarks>Reports GITOPS163 (PodPoolUnroutable).</remarks>
internal sealed class PodPoolRoutableRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        var calico = lab.Calico;

        // Dual stack: the generated peering (Calico's BGPPeer and the router's FRR configuration) carries the IPv4 pool
        // only (GITOPS166), so without NAT or the user's static routes the router has no way back to the IPv6 pod addresses.
        if (calico.DualStack && !calico.RouterHasStaticRoutes && !calico.Pools[1].NatOutgoing)
        {
            var v6 = calico.Pools[1].Cidr;
            yield return ModelErrors.Error(PodPoolUnroutable, "lab/calico/ipv6Pool", $"the IPv6 pod pool {v6} has natOutgoing disabled, and the generated BGP peering carries the IPv4 pool only, so IPv6 traffic from pods leaves with pod addresses and no reply finds its way back. " +
                $"Fix one of: enable NAT, .NatOutgoingTraffic() (Calico NATs each pool to the node's address of its family; it applies to the IPv4 pool {calico.Pools[0].Cidr} too); or, if the router has static routes to {v6} via the nodes' IPv6 addresses, .RouterHasStaticRoutes().", sources["lab/calico/ipv6Pool/cidr"]);
        }

        if (calico.Pool.NatOutgoing || calico.RouterHasStaticRoutes || calico.Peering is { Routers.Count: > 0 } && calico.Bgp)
        {
            yield break;
        }

        var gateway = lab.Cluster.NodeNetwork.Gateway;
        yield return ModelErrors.Error(PodPoolUnroutable, "lab/calico/ipPool", $"the pod pool {calico.Pool.Cidr} has natOutgoing disabled and the cluster peers with no router, so traffic from pods leaves with pod addresses and no reply finds its way back. " +
            $"Fix one of: peer with the router, .Bgp(b => b.Router(\"router\")) (BGP to {gateway}, FRR config in hosts/router/); enable NAT, .NatOutgoingTraffic(); or, if the router has static routes to {calico.Pool.Cidr} via the nodes, .RouterHasStaticRoutes().", sources["lab/calico/ipPool/cidr"]);
    }
}
