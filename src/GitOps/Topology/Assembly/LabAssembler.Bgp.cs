using System.Globalization;
using System.Net;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Reading BGP peering with the router(s) (GITOPS160–GITOPS166); the pod pool's way back is <see cref="PodPoolRoutableRule"/>.</summary>
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
                var at = r.RouterAsNumber.Source.Or(r.Source);
                _errors.Add(BgpSameAsNumber, $"{rpath}/asNumber", $"router '{r.Name}' has the cluster's AS {Asn(clusterAs.Value)}; the generated sessions are eBGP (iBGP would need the router to be a route reflector). Give the router another private ASN, e.g. .AsNumber({Asn(clusterAs.Value == BgpPeering.DefaultRouterAsNumber ? BgpPeering.DefaultClusterAsNumber : BgpPeering.DefaultRouterAsNumber)}).", at);
            }

            if (cluster is null)
            {
                continue;
            }

            var nodeNetwork = cluster.NodeNetwork;
            if (r.AddressText is null && !IsHostOf(nodeNetwork.Subnet, nodeNetwork.Gateway))
            {
                // The router takes the network's gateway, which is already reported there (GITOPS103); once fixed, it is
                // the router's address (try-out 7: this error suggested the same wrong gateway as the fix).
                continue;
            }

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
                _errors.Add(BgpRouterOutsideNodeNetwork, $"{rpath}/address", $"router address {address} is not a host address in the node network '{nodeNetwork.Name}' ({nodeNetwork.Subnet}); the nodes peer from their addresses there and the router accepts sessions only from that subnet. Use the router's address on '{nodeNetwork.Name}'{(IsHostOf(nodeNetwork.Subnet, nodeNetwork.Gateway) ? $", e.g. its gateway {nodeNetwork.Gateway}" : "")}.", addressSource);
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
            _errors.Add(BgpAsNumberInvalid, path, $"{owner}: {problem}; use a private ASN from 64512–65534 (RFC 6996), e.g. {Asn(BgpPeering.DefaultClusterAsNumber)} for the cluster and {Asn(BgpPeering.DefaultRouterAsNumber)} for the router.", asn.Source.Or(fallback));
        }
    }

    private static bool IsHostOf(IPNetwork subnet, IPAddress address) =>
        subnet.Contains(address) && !address.Equals(subnet.BaseAddress) &&
        !(subnet.PrefixLength <= 30 && address.Equals(IpMath.LastAddress(subnet)));

    private static string Asn(uint value) => value.ToString(CultureInfo.InvariantCulture);
}
