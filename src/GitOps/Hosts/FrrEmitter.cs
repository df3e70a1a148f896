using System.Globalization;
using System.Net;
using System.Text;
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
/// routemap.html / filter.html. Checked by loading it into FRR's bgpd in the namespace test (tests/RouteFix.IntegrationTests/BgpPeeringTests).
/// </summary>
internal static class FrrEmitter
{
    /// <summary>The file name Debian's frr reads (/etc/frr/frr.conf).</summary>
    public const string FileName = "frr.conf";

    /// <summary>hosts/&lt;router&gt;/frr.conf for each router, by name; nothing without peering.</summary>
    public static IEnumerable<ManifestFile> Emit(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        if (lab.Calico.Peering is not { } peering || !lab.Calico.Bgp)
        {
            yield break;
        }

        foreach (var router in peering.Routers.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            yield return new ManifestFile($"{HostNetworkdEmitter.HostsFolder}/{router.Name}/{FileName}", [new FrrConfig(lab, peering, router)]) { Source = router.Source };
        }
    }

    /// <summary>The prefixes the router accepts from the nodes, each with the longest length it takes (always /32: see <see cref="Render"/>).</summary>
    public static IReadOnlyList<IPNetwork> AcceptedPrefixes(Lab lab, BgpPeering peering)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(peering);
        return peering.AdvertiseServiceCidr ? [lab.Calico.Pool.Cidr, lab.Cluster.ServiceCidr] : [lab.Calico.Pool.Cidr];
    }

    /// <summary>
    /// The configuration text. Prefix lists take each accepted prefix with <c>le 32</c>, not <c>le</c> the block
    /// size: calico-node exports a node's own blocks (bird_aggr.cfg.template, <c>calico_aggr</c>) but also /32s
    /// inside the pool for addresses a node borrowed from another node's block (bird_ipam.cfg.template,
    /// <c>calico_export_to_bgp_peers</c>: <c>if (net ~ pool) then { accept; }</c>), and /32 ClusterIPs of
    /// <c>externalTrafficPolicy: Local</c> services; a router that dropped those would send their traffic to the
    /// block's owner, which blackholes it. Anything outside these prefixes (a default route, the LAN) is refused.
    /// </summary>
    public static string Render(Lab lab, BgpPeering peering, BgpRouter router)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(peering);
        ArgumentNullException.ThrowIfNull(router);
        var nodeNetwork = lab.Cluster.NodeNetwork;
        var names = Names(lab);
        var accepted = AcceptedPrefixes(lab, peering);
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        Line($"! {router.Name}: BGP with the cluster '{lab.Cluster.Name}', written by LabNetwork.GitOps from the lab model '{lab.Name}'.");
        Line("! Where it goes (Debian's frr package): set bgpd=yes in /etc/frr/daemons, save this file as");
        Line("! /etc/frr/frr.conf (or enter its lines with vtysh into an existing configuration), then");
        Line("! `systemctl restart frr`. IPv4 forwarding must be on (net.ipv4.ip_forward=1), as on any router.");
        Line($"! What it does: accepts BGP sessions from any address in {nodeNetwork.Subnet} (network '{nodeNetwork.Name}') as AS {Asn(peering.AsNumber)},");
        Line($"! takes from them only {string.Join(" and ", accepted.Select(Describe(lab)))},");
        Line("! installs those routes via the nodes, and sends the nodes nothing (they keep their own default route).");
        Line("frr defaults traditional");
        Line("!");
        var seq = 10;
        foreach (var prefix in accepted)
        {
            Line($"ip prefix-list {names.PrefixList} seq {seq.ToString(CultureInfo.InvariantCulture)} permit {prefix} le {MaxLength(prefix)}");
            seq += 10;
        }

        Line("!");
        Line($"route-map {names.Import} permit 10");
        Line($" match ip address prefix-list {names.PrefixList}");
        Line("exit");
        Line("!");
        Line($"route-map {names.Export} deny 10");
        Line("exit");
        Line("!");
        Line($"router bgp {Asn(router.AsNumber)}");
        Line($" bgp router-id {router.Address}");
        Line($" neighbor {names.PeerGroup} peer-group");
        Line($" neighbor {names.PeerGroup} remote-as {Asn(peering.AsNumber)}");
        Line($" neighbor {names.PeerGroup} description Kubernetes nodes of {lab.Cluster.Name} (calico-node)");
        Line($" bgp listen range {nodeNetwork.Subnet} peer-group {names.PeerGroup}");
        Line(" !");
        Line(" address-family ipv4 unicast");
        Line($"  neighbor {names.PeerGroup} route-map {names.Import} in");
        Line($"  neighbor {names.PeerGroup} route-map {names.Export} out");
        Line(" exit-address-family");
        Line("exit");
        Line("!");
        return text.ToString();
    }

    /// <summary>The names of the FRR objects, from the cluster's name (a DNS label, so always a valid FRR word).</summary>
    public static (string PeerGroup, string PrefixList, string Import, string Export) Names(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var cluster = lab.Cluster.Name;
        return ($"{cluster}-nodes", $"{cluster}-from-cluster", $"{cluster}-import", $"{cluster}-export");
    }

    private static string MaxLength(IPNetwork prefix) => (prefix.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128).ToString(CultureInfo.InvariantCulture);

    private static Func<IPNetwork, string> Describe(Lab lab) => prefix => prefix.Equals(lab.Calico.Pool.Cidr)
        ? $"the pod pool {prefix} (blocks /{lab.Calico.Pool.BlockSize.ToString(CultureInfo.InvariantCulture)}, /32s of borrowed addresses)"
        : $"the service CIDR {prefix}";

    private static string Asn(uint value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One router's frr.conf as a typed document: what <see cref="FrrEmitter.Render"/> writes, rendered with the other files.</summary>
internal sealed record FrrConfig(Lab Lab, BgpPeering Peering, BgpRouter Router) : ITextFileDocument
{
    /// <inheritdoc/>
    public string RenderText() => FrrEmitter.Render(Lab, Peering, Router);
}
