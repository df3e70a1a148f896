using System.Globalization;
using System.Net;
using System.Text;
using GitOps.Topology;

namespace RouteFix.IntegrationTests.Bgp;

/// <summary>
/// What calico-node's confd writes for BIRD on one node, for the lab's BGP model, in Debian's BIRD 2 syntax.
/// Followed: projectcalico/calico v3.32.1 (0ca9d1b9) confd/etc/calico/confd/templates/bird.cfg.template
/// (router id, kernel/device/direct protocols, <c>bgp_template</c>, one <c>protocol bgp</c> per peer),
/// bird_aggr.cfg.template (the node's blocks as blackhole statics; <c>calico_aggr</c>: a block, or a route inside it
/// with <c>krt_metric</c> below the normal priority 1024, is exported; the rest of the block is not),
/// bird_ipam.cfg.template (<c>calico_export_to_bgp_peers</c>: <c>calico_aggr()</c>, then any route inside an
/// enabled pool; <c>calico_kernel_programming</c>), and the peer settings of confd/pkg/backends/calico/bgp_processor.go
/// (global peer: <c>Global_&lt;ip&gt;</c>, <c>ttl security off; multihop;</c>, source address = node IP
/// (BGPPeer sourceAddress defaults to UseNodeIP), import all, export <c>calico_export_to_bgp_peers(sameAS)</c>;
/// mesh peer: <c>Mesh_&lt;ip&gt;</c>, passive when the peer's IP sorts after ours), checked against the compiled example
/// confd/tests/compiled_templates/explicit_peering/global-external/bird*.cfg.
/// Differences, all syntax: BIRD 2 puts import/export, <c>gateway recursive</c> and <c>add paths</c> in an <c>ipv4</c>
/// channel; Calico's BIRD 1.6 fork's <c>krt_tunnel</c> (IPIP only) is not needed for an unencapsulated pool.
/// </summary>
internal static class CalicoNodeBirdConfig
{
    /// <summary>BGPConfiguration ipv4NormalRoutePriority's default: Felix programs workload routes with this metric.</summary>
    public const int NormalRoutePriority = 1024;

    public static string Render(Lab lab, IPAddress nodeAddress, IReadOnlyList<IPNetwork> blocks, IReadOnlyList<IPAddress> otherNodes, IReadOnlyList<IPNetwork> extraExports)
    {
        var peering = lab.Calico.Peering ?? throw new InvalidOperationException("the lab peers with no router");
        var pool = lab.Calico.Pool.Cidr;
        var asn = peering.AsNumber.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');

        Line($"router id {nodeAddress};");
        Line("function apply_communities() { }");
        Line("");
        Line("# bird_aggr.cfg.template: IP blocks for this host.");
        Line("protocol static {");
        Line("  ipv4;");
        foreach (var block in blocks)
        {
            Line($"  route {block} blackhole;");
        }

        foreach (var extra in extraExports)
        {
            Line($"  route {extra} blackhole; # not Calico: a route outside the pool, which the router must refuse");
        }

        Line("}");
        Line("function calico_aggr() {");
        foreach (var block in blocks)
        {
            Line($"  if ( net = {block} ) then {{ accept; }}");
            Line($"  if ( net ~ {block} && krt_metric < {NormalRoutePriority} ) then {{ accept; }}");
            Line($"  if ( net ~ {block} ) then {{ reject; }}");
        }

        Line("}");
        Line("");
        Line("# bird_ipam.cfg.template");
        Line("function calico_export_to_bgp_peers(bool internal_peer) {");
        Line("  apply_communities();");
        Line("  calico_aggr();");
        Line($"  if (net ~ {pool}) then {{ accept; }}");
        foreach (var extra in extraExports)
        {
            Line($"  if (net ~ {extra}) then {{ accept; }} # not Calico (see the static route)");
        }

        Line("}");
        Line("filter calico_kernel_programming {");
        Line($"  if (net ~ {pool}) then {{ accept; }}");
        Line("  accept;");
        Line("}");
        Line("");
        Line("# bird.cfg.template");
        Line("protocol kernel {");
        Line("  learn;");
        Line("  persist;");
        Line("  scan time 2;");
        Line("  ipv4 { import all; export filter calico_kernel_programming; };");
        Line("  graceful restart;");
        Line("  merge paths on;");
        Line("}");
        Line("protocol device { scan time 2; }");
        Line("protocol direct { ipv4; interface -\"cali*\", -\"kube-ipvs*\", \"*\"; }");
        Line("template bgp bgp_template {");
        Line("  description \"Connection to BGP peer\";");
        Line($"  local as {asn};");
        Line("  ipv4 { gateway recursive; add paths on; };");
        Line("  graceful restart;");
        Line("  connect delay time 2;");
        Line("  connect retry time 5;");
        Line("  error wait time 5,30;");
        Line("}");

        if (peering.NodeToNodeMesh)
        {
            foreach (var other in otherNodes)
            {
                Peer($"Mesh_{Underscored(other)}", other, asn, sameAs: true, ttlSecurityOff: false,
                    passive: string.CompareOrdinal(other.ToString(), nodeAddress.ToString()) > 0);
            }
        }

        foreach (var router in peering.Routers)
        {
            Peer($"Global_{Underscored(router.Address)}", router.Address, router.AsNumber.ToString(CultureInfo.InvariantCulture),
                sameAs: router.AsNumber == peering.AsNumber, ttlSecurityOff: true, passive: false);
        }

        return text.ToString();

        void Peer(string name, IPAddress neighbor, string peerAs, bool sameAs, bool ttlSecurityOff, bool passive)
        {
            Line($"protocol bgp {name} from bgp_template {{");
            if (ttlSecurityOff)
            {
                Line("  multihop;");
            }

            Line($"  neighbor {neighbor} as {peerAs};");
            Line($"  source address {nodeAddress};");
            if (passive)
            {
                Line("  passive on;");
            }

            Line("  ipv4 {");
            Line("    import filter {");
            Line("      if (defined(bgp_local_pref)&&(bgp_local_pref > 2147482623)) then preference = 200;");
            Line("      accept;");
            Line("    };");
            Line("    export filter {");
            Line("      if (defined(source) && source = RTS_BGP && defined(bgp_local_pref)) then {");
            Line("        krt_metric = 2147483647 - bgp_local_pref;");
            Line("      } else {");
            Line($"        if (!defined(krt_metric)) then {{ krt_metric = {NormalRoutePriority}; }}");
            Line("        bgp_local_pref = 2147483647 - krt_metric;");
            Line("      }");
            Line($"      calico_export_to_bgp_peers({(sameAs ? "true" : "false")});");
            Line("      reject;");
            Line("    };");
            Line("  };");
            Line("}");
        }
    }

    private static string Underscored(IPAddress address) => address.ToString().Replace('.', '_');
}
