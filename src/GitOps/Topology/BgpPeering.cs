using System.Net;

namespace GitOps.Topology;

/// <summary>
/// BGP peering of the cluster with the lab's router(s): calico-node on every node speaks eBGP from its node
/// address to each router, advertising the pod pool's blocks (and the service CIDR when
/// <see cref="AdvertiseServiceCidr"/>), so the router knows the way back to every pod without NAT.
/// Emitted as Calico's <c>BGPConfiguration</c> <c>default</c> and one <c>BGPPeer</c> per router (calico-bgp/),
/// and, with host files, an FRR configuration per router (hosts/&lt;router&gt;/frr.conf). See docs/bgp.md.
/// </summary>
internal sealed record BgpPeering
{
    internal BgpPeering(uint AsNumber, bool NodeToNodeMesh, bool AdvertiseServiceCidr, IReadOnlyList<BgpRouter> Routers, SourceLocation Source)
    {
        this.AsNumber = AsNumber;
        this.NodeToNodeMesh = NodeToNodeMesh;
        this.AdvertiseServiceCidr = AdvertiseServiceCidr;
        this.Routers = Routers;
        this.Source = Source;
    }

    /// <summary>The cluster's AS: every node speaks as this AS (<c>BGPConfiguration.spec.asNumber</c>).</summary>
    public uint AsNumber { get; internal init; }

    /// <summary>Whether the nodes also peer with each other (Calico's full iBGP mesh; Calico's default true).</summary>
    public bool NodeToNodeMesh { get; internal init; }

    /// <summary>Whether the nodes advertise the service CIDR too (<c>serviceClusterIPs</c>), so LAN hosts reach ClusterIPs.</summary>
    public bool AdvertiseServiceCidr { get; internal init; }

    /// <summary>The routers every node peers with; at least one.</summary>
    public IReadOnlyList<BgpRouter> Routers { get; internal init; }

    /// <summary>The <c>.Bgp(b =&gt; ...)</c> call in the user's code.</summary>
    public SourceLocation Source { get; internal init; }

    /// <summary>
    /// Calico's own default AS (api/pkg/apis/projectcalico/v3/bgpconfig.go: "ASNumber ... [Default: 64512]"),
    /// the first 16-bit private ASN (RFC 6996).
    /// </summary>
    public const uint DefaultClusterAsNumber = 64512;

    /// <summary>The router's default AS: the next private ASN, so the cluster–router sessions are eBGP.</summary>
    public const uint DefaultRouterAsNumber = 64513;
}

/// <summary>One router the nodes peer with.</summary>
internal sealed record BgpRouter
{
    internal BgpRouter(string Name, IPAddress Address, uint AsNumber, SourceLocation Source)
    {
        this.Name = Name;
        this.Address = Address;
        this.AsNumber = AsNumber;
        this.Source = Source;
    }

    /// <summary>DNS-1123 label: the BGPPeer's name and the host-files folder (hosts/&lt;name&gt;/frr.conf).</summary>
    public string Name { get; internal init; }

    /// <summary>The router's address on the node network (default: the node network's gateway).</summary>
    public IPAddress Address { get; internal init; }

    /// <summary>The router's AS; never the cluster's (the generated sessions are eBGP).</summary>
    public uint AsNumber { get; internal init; }

    /// <summary>The <c>.Router(...)</c> call in the user's code.</summary>
    public SourceLocation Source { get; internal init; }
}

