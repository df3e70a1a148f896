using System.Net;

namespace GitOps.Topology;

/// <summary>
/// BGP peering of the cluster with the lab's router(s): calico-node on every node speaks eBGP from its node
/// address to each router, advertising the pod pool's blocks (and the service CIDR when
/// <see cref="AdvertiseServiceCidr"/>), so the router knows the way back to every pod without NAT.
/// Emitted as Calico's <c>BGPConfiguration</c> <c>default</c> and one <c>BGPPeer</c> per router (calico-bgp/),
/// and, with host files, an FRR configuration per router (hosts/&lt;router&gt;/frr.conf). See docs/bgp.md.
/// </summary>
/// <param name="AsNumber">The cluster's AS: every node speaks as this AS (<c>BGPConfiguration.spec.asNumber</c>).</param>
/// <param name="NodeToNodeMesh">Whether the nodes also peer with each other (Calico's full iBGP mesh; Calico's default true).</param>
/// <param name="AdvertiseServiceCidr">Whether the nodes advertise the service CIDR too (<c>serviceClusterIPs</c>), so LAN hosts reach ClusterIPs.</param>
/// <param name="Routers">The routers every node peers with; at least one.</param>
/// <param name="Source">The <c>.Bgp(b =&gt; ...)</c> call in the user's code.</param>
public sealed record BgpPeering(
    uint AsNumber,
    bool NodeToNodeMesh,
    bool AdvertiseServiceCidr,
    IReadOnlyList<BgpRouter> Routers,
    SourceLocation Source)
{
    /// <summary>
    /// Calico's own default AS (api/pkg/apis/projectcalico/v3/bgpconfig.go: "ASNumber ... [Default: 64512]"),
    /// the first 16-bit private ASN (RFC 6996).
    /// </summary>
    public const uint DefaultClusterAsNumber = 64512;

    /// <summary>The router's default AS: the next private ASN, so the cluster–router sessions are eBGP.</summary>
    public const uint DefaultRouterAsNumber = 64513;
}

/// <summary>One router the nodes peer with.</summary>
/// <param name="Name">DNS-1123 label: the BGPPeer's name and the host-files folder (hosts/&lt;name&gt;/frr.conf).</param>
/// <param name="Address">The router's address on the node network (default: the node network's gateway).</param>
/// <param name="AsNumber">The router's AS; never the cluster's (the generated sessions are eBGP).</param>
/// <param name="Source">The <c>.Router(...)</c> call in the user's code.</param>
public sealed record BgpRouter(string Name, IPAddress Address, uint AsNumber, SourceLocation Source);
