using System.Globalization;
using System.Net;
using GitOps.Output;
using GitOps.Topology;

namespace GitOps.Hosts;

/// <summary>
/// The router side of the BGP peering: one FRR configuration per router, <c>hosts/&lt;router&gt;/frr.conf</c>,
/// for Debian's <c>frr</c> (8.4 in bookworm). The node network is a dynamic-neighbour range (<c>bgp listen
/// range</c> + a peer-group with the cluster's AS), so nodes with DHCP addresses peer without being listed;
/// the import route-map accepts only the pod pool (and the service CIDR when advertised) and the export
/// route-map sends the nodes nothing (they keep their own default route). Command reference:
/// docs.frrouting.org/en/stable-8.4/bgp.html ("Dynamic Neighbors": <c>bgp listen range A.B.C.D/M peer-group PGNAME</c>;
/// "Peer Groups"; "Route Maps"; "IP Prefix Lists": <c>ip prefix-list NAME seq N permit PREFIX le LEN</c>) and
/// routemap.html / filter.html. The file is a typed <see cref="FrrConfig"/>, written by <see cref="FrrRenderer"/>. Checked by loading it into FRR's bgpd in the namespace test (tests/RouteFix.IntegrationTests/BgpPeeringTests).
/// </summary>
internal static class FrrEmitter
{
    /// <summary>The file name Debian's frr reads (/etc/frr/frr.conf).</summary>
    public const string FileName = "frr.conf";

    /// <summary>hosts/&lt;router&gt;/frr.conf for each router, by name; nothing without peering.</summary>
    public static IEnumerable<DeliveryFile> Emit(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        if (lab.Calico.Peering is not { } peering || !lab.Calico.Bgp)
        {
            yield break;
        }

        foreach (var router in peering.Routers.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            yield return new DeliveryFile(DeliveryFolder.Hosts, $"{router.Name}/{FileName}", [Build(lab, peering, router)]) { Source = router.Source };
        }
    }

    /// <summary>The prefixes the router accepts from the nodes, each with the longest length it takes (always /32: see <see cref="Build"/>).</summary>
    public static IReadOnlyList<IPNetwork> AcceptedPrefixes(Lab lab, BgpPeering peering)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(peering);
        return peering.AdvertiseServiceCidr ? [lab.Calico.Pool.Cidr, lab.Cluster.ServiceCidr] : [lab.Calico.Pool.Cidr];
    }

    /// <summary>
    /// The configuration as a typed document. Prefix lists take each accepted prefix with <c>le 32</c>, not <c>le</c> the block
    /// size: calico-node exports a node's own blocks (bird_aggr.cfg.template, <c>calico_aggr</c>) but also /32s
    /// inside the pool for addresses a node borrowed from another node's block (bird_ipam.cfg.template,
    /// <c>calico_export_to_bgp_peers</c>: <c>if (net ~ pool) then { accept; }</c>), and /32 ClusterIPs of
    /// <c>externalTrafficPolicy: Local</c> services; a router that dropped those would send their traffic to the
    /// block's owner, which blackholes it. Anything outside these prefixes (a default route, the LAN) is refused.
    /// </summary>
    public static FrrConfig Build(Lab lab, BgpPeering peering, BgpRouter router)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(peering);
        ArgumentNullException.ThrowIfNull(router);
        var nodeNetwork = lab.Cluster.NodeNetwork;
        var names = Names(lab);
        var accepted = AcceptedPrefixes(lab, peering);
        return new FrrConfig(
            Header:
            [
                $"{router.Name}: BGP with the cluster '{lab.Cluster.Name}', written by LabNetwork.GitOps from the lab model '{lab.Name}'.",
                "Where it goes (Debian's frr package): set bgpd=yes in /etc/frr/daemons, save this file as",
                "/etc/frr/frr.conf (or enter its lines with vtysh into an existing configuration), then",
                "`systemctl restart frr`. IPv4 forwarding must be on (net.ipv4.ip_forward=1), as on any router.",
                $"What it does: accepts BGP sessions from any address in {nodeNetwork.Subnet} (network '{nodeNetwork.Name}') as AS {Asn(peering.AsNumber)},",
                $"takes from them only {string.Join(" and ", accepted.Select(Describe(lab)))},",
                "installs those routes via the nodes, and sends the nodes nothing (they keep their own default route).",
            ],
            Defaults: "traditional",
            PrefixList: [.. accepted.Select((prefix, i) => new FrrPrefixListEntry(names.PrefixList, 10 * (i + 1), prefix, MaxLength(prefix)))],
            RouteMaps:
            [
                new FrrRouteMap(names.Import, Permit: true, Order: 10, MatchPrefixList: names.PrefixList),
                new FrrRouteMap(names.Export, Permit: false, Order: 10, MatchPrefixList: null),
            ],
            Router: new FrrBgpRouter(
                router.AsNumber,
                router.Address,
                new FrrPeerGroup(names.PeerGroup, peering.AsNumber, $"Kubernetes nodes of {lab.Cluster.Name} (calico-node)", names.Import, names.Export),
                nodeNetwork.Subnet));
    }

    /// <summary>The names of the FRR objects, from the cluster's name (a DNS label, so always a valid FRR word).</summary>
    public static (string PeerGroup, string PrefixList, string Import, string Export) Names(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var cluster = lab.Cluster.Name;
        return ($"{cluster}-nodes", $"{cluster}-from-cluster", $"{cluster}-import", $"{cluster}-export");
    }

    private static int MaxLength(IPNetwork prefix) => prefix.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;

    private static Func<IPNetwork, string> Describe(Lab lab) => prefix => prefix.Equals(lab.Calico.Pool.Cidr)
        ? $"the pod pool {prefix} (blocks /{lab.Calico.Pool.BlockSize.ToString(CultureInfo.InvariantCulture)}, /32s of borrowed addresses)"
        : $"the service CIDR {prefix}";

    private static string Asn(uint value) => value.ToString(CultureInfo.InvariantCulture);
}
