using System.Globalization;
using System.Net;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>BGP peering with the router(s) and the rule that the pod pool has a way back (GITOPS160–GITOPS166).</summary>
internal sealed partial class LabAssembler
{
    /// <summary>Calico's CRDs declare <c>asNumber</c> as <c>format: int32</c> (libcalico-go/config/crd, v3.32.1).</summary>
    internal const uint MaxCalicoAsNumber = int.MaxValue;

    /// <remarks>Reports GITOPS164 (BgpPeeringWithoutBgp), GITOPS113 (MissingElement), GITOPS166 (BgpAddressFamilyUnsupported), GITOPS165 (BgpRouterConflict), GITOPS162 (BgpSameAsNumber), GITOPS161 (BgpRouterOutsideNodeNetwork).</remarks>
    private CalicoSettings? WithPeering(CalicoSettings? calico, ClusterSettings? cluster, IReadOnlyList<Node> nodes)
    {
        if (_lab.CalicoChoice is not { } c || calico is null)
        {
            return calico;
        }

        calico = calico with { RouterHasStaticRoutes = c.StaticRoutes.Value };
        if (c.Peering is not { } b)
        {
            CheckBgpForPoolRoutes(calico, c);
            return calico;
        }

        const string path = "lab/calico/bgp";
        if (c.BgpChoice == false)
        {
            _errors.Add(BgpPeeringWithoutBgp, path, "routers to peer with are declared but Calico's BGP is disabled (.Bgp(false)); remove .Bgp(false) or the routers.", b.Source);
        }

        var clusterAs = b.ClusterAsNumber;
        CheckAsNumber(clusterAs, $"{path}/asNumber", "the cluster", b.Source);
        if (b.Routers.Count == 0)
        {
            _errors.Add(MissingElement, $"{path}/routers", "BGP peering has no router; add .Router(\"router\") to peer every node with the node network's gateway.", b.Source);
        }

        var pool = calico.Pool.Cidr;
        if (!IpMath.IsIPv4(pool.BaseAddress))
        {
            _errors.Add(BgpAddressFamilyUnsupported, $"{path}", $"the pod pool {pool} is IPv6; the generated BGP peering (Calico objects and FRR configuration) is IPv4 only. Use an IPv4 pool, or configure IPv6 peering by hand.", b.Source);
        }

        var routers = new List<BgpRouter>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var addresses = new Dictionary<IPAddress, string>();
        foreach (var r in b.Routers)
        {
            var rpath = $"{path}/routers/{r.Name}";
            if (!CheckDnsName(r.Name, rpath, r.Source))
            {
                continue;
            }

            if (!names.Add(r.Name))
            {
                _errors.Add(BgpRouterConflict, rpath, $"the router name '{r.Name}' is used twice; give each router its own name.", r.Source);
                continue;
            }

            if (nodes.Any(n => n.Name == r.Name))
            {
                _errors.Add(BgpRouterConflict, rpath, $"the router '{r.Name}' has the name of a node; both would write hosts/{r.Name}/. Name the router differently, e.g. \"router\".", r.Source);
            }

            CheckAsNumber(r.RouterAsNumber, $"{rpath}/asNumber", $"router '{r.Name}'", r.Source);
            if (r.RouterAsNumber.Value == clusterAs.Value)
            {
                var at = r.RouterAsNumber.Source == default ? r.Source : r.RouterAsNumber.Source;
                _errors.Add(BgpSameAsNumber, $"{rpath}/asNumber", $"router '{r.Name}' has the cluster's AS {Asn(clusterAs.Value)}; the generated sessions are eBGP (iBGP would need the router to be a route reflector). Give the router another private ASN, e.g. .AsNumber({Asn(clusterAs.Value == BgpPeering.DefaultRouterAsNumber ? BgpPeering.DefaultClusterAsNumber : BgpPeering.DefaultRouterAsNumber)}).", at);
            }

            if (cluster is null)
            {
                continue;
            }

            var nodeNetwork = cluster.NodeNetwork;
            var address = r.AddressText is { } text ? ParseAddress(text, $"{rpath}/address") : nodeNetwork.Gateway;
            if (address is null)
            {
                continue;
            }

            var addressSource = r.AddressText?.Source ?? r.Source;
            if (!IpMath.IsIPv4(address))
            {
                _errors.Add(BgpAddressFamilyUnsupported, $"{rpath}/address", $"router address {address} is IPv6; the generated BGP peering is IPv4 only. Use the router's IPv4 address on '{nodeNetwork.Name}', e.g. {nodeNetwork.Gateway}.", addressSource);
                continue;
            }

            if (!IsHostOf(nodeNetwork.Subnet, address))
            {
                _errors.Add(BgpRouterOutsideNodeNetwork, $"{rpath}/address", $"router address {address} is not a host address in the node network '{nodeNetwork.Name}' ({nodeNetwork.Subnet}); the nodes peer from their addresses there and the router accepts sessions only from that subnet. Use the router's address on '{nodeNetwork.Name}', e.g. its gateway {nodeNetwork.Gateway}.", addressSource);
                continue;
            }

            if (addresses.TryGetValue(address, out var other))
            {
                _errors.Add(BgpRouterConflict, $"{rpath}/address", $"router '{r.Name}' has the address {address} of router '{other}'; one BGPPeer per router address. Remove one router or fix its address.", addressSource);
                continue;
            }

            addresses[address] = r.Name;
            routers.Add(new BgpRouter(r.Name, address, r.RouterAsNumber.Value, r.Source));
        }

        return calico with { Peering = new BgpPeering(clusterAs.Value, b.Mesh, b.ServiceCidr, ReadOnly.Copy(routers), b.Source) };
    }

    /// <summary>
    /// BGP off with a pool whose routes between nodes BIRD programs: tigera/operator
    /// pkg/controller/installation/validation.go refuses it ("with BIRD cluster routing mode, unencapsulated IP pools
    /// require that BGP is enabled", and the same for IPIP), so the operator would not install Calico.
    /// </summary>
    /// <remarks>Reports GITOPS167 (BgpRequiredByPool).</remarks>
    private void CheckBgpForPoolRoutes(CalicoSettings calico, CalicoBuilder c)
    {
        if (calico.Bgp || calico.Pool.Encapsulation is IPPoolEncapsulation.VXLAN or IPPoolEncapsulation.VXLANCrossSubnet)
        {
            return;
        }

        _errors.Add(BgpRequiredByPool, "lab/calico/bgp",
            $"Calico's BGP is disabled (.Bgp(false)) but the pool {calico.Pool.Cidr} uses encapsulation {calico.Pool.Encapsulation}, whose routes between nodes BIRD (Calico's BGP) programs; the tigera operator refuses this Installation. " +
            "Remove .Bgp(false), or use .Encapsulate(IPPoolEncapsulation.VXLAN), whose routes Felix programs without BGP.", c.Source);
    }

    /// <summary>Rule GITOPS163: a pool without NAT needs the router to know its routes (BGP peer or the user's static routes).</summary>
    /// <remarks>Reports GITOPS163 (PodPoolUnroutable).</remarks>
    private void CheckPodPoolRoutable(Lab lab)
    {
        var calico = lab.Calico;
        CheckIPv6PoolRoutable(lab);
        if (calico.Pool.NatOutgoing || calico.RouterHasStaticRoutes || calico.Peering is { Routers.Count: > 0 } && calico.Bgp)
        {
            return;
        }

        var poolSource = _lab.CalicoChoice!.PoolCidr!.Value.Source;
        var gateway = lab.Cluster.NodeNetwork.Gateway;
        _errors.Add(PodPoolUnroutable, "lab/calico/ipPool", $"the pod pool {calico.Pool.Cidr} has natOutgoing disabled and the cluster peers with no router, so traffic from pods leaves with pod addresses and no reply finds its way back. " +
            $"Fix one of: peer with the router, .Bgp(b => b.Router(\"router\")) (BGP to {gateway}, FRR config in hosts/router/); enable NAT, .NatOutgoingTraffic(); or, if the router has static routes to {calico.Pool.Cidr} via the nodes, .RouterHasStaticRoutes().", poolSource);
    }

    /// <summary>
    /// GITOPS163 for the IPv6 pool of a dual-stack lab: the generated peering (Calico's BGPPeer and the router's FRR
    /// configuration) carries the IPv4 pool only (GITOPS166), so without NAT or the user's static routes the router has
    /// no way back to the IPv6 pod addresses.
    /// </summary>
    /// <remarks>Reports GITOPS163 (PodPoolUnroutable).</remarks>
    private void CheckIPv6PoolRoutable(Lab lab)
    {
        var calico = lab.Calico;
        if (!calico.DualStack || calico.RouterHasStaticRoutes || calico.Pools[1].NatOutgoing)
        {
            return;
        }

        var pool = calico.Pools[1].Cidr;
        _errors.Add(PodPoolUnroutable, "lab/calico/ipv6Pool", $"the IPv6 pod pool {pool} has natOutgoing disabled, and the generated BGP peering carries the IPv4 pool only, so IPv6 traffic from pods leaves with pod addresses and no reply finds its way back. " +
            $"Fix one of: enable NAT, .NatOutgoingTraffic() (Calico NATs each pool to the node's address of its family); or, if the router has static routes to {pool} via the nodes' IPv6 addresses, .RouterHasStaticRoutes().", _lab.CalicoChoice!.SecondV6!.Cidr.Source);
    }

    /// <remarks>Reports GITOPS160 (BgpAsNumberInvalid).</remarks>
    private void CheckAsNumber(Located<uint> asn, string path, string owner, SourceLocation fallback)
    {
        var value = asn.Value;
        var problem = value switch
        {
            0 => "AS 0 is reserved (RFC 7607)",
            23456 => "AS 23456 is AS_TRANS, reserved for 4-byte AS transition (RFC 6793)",
            >= 64496 and <= 64511 => $"AS {Asn(value)} is reserved for documentation (RFC 5398)",
            65535 => "AS 65535 is reserved (RFC 7300)",
            >= 65536 and <= 65551 => $"AS {Asn(value)} is reserved for documentation (RFC 5398)",
            > MaxCalicoAsNumber => $"AS {Asn(value)} does not fit Calico's asNumber (its CRDs declare int32, at most {Asn(MaxCalicoAsNumber)}), which also rules out the 4-byte private range 4200000000–4294967294",
            _ => null,
        };
        if (problem is not null)
        {
            _errors.Add(BgpAsNumberInvalid, path, $"{owner}: {problem}; use a private ASN from 64512–65534 (RFC 6996), e.g. {Asn(BgpPeering.DefaultClusterAsNumber)} for the cluster and {Asn(BgpPeering.DefaultRouterAsNumber)} for the router.", asn.Source == default ? fallback : asn.Source);
        }
    }

    private static bool IsHostOf(IPNetwork subnet, IPAddress address) =>
        subnet.Contains(address) && !address.Equals(subnet.BaseAddress) &&
        !(subnet.PrefixLength <= 30 && address.Equals(IpMath.LastAddress(subnet)));

    private static string Asn(uint value) => value.ToString(CultureInfo.InvariantCulture);
}
