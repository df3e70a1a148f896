namespace GitOps.Diagnostics;

/// <summary>GITOPS160–GITOPS169: BGP peering of the cluster with the router (model rules; docs/bgp.md).</summary>
public static partial class DiagnosticCodes
{
    /// <summary>An AS number Calico or BGP cannot use: 0, 23456 (AS_TRANS), 65535, a documentation ASN, or above Calico's int32 limit.</summary>
    public const string BgpAsNumberInvalid = "GITOPS160";

    /// <summary>A router address that is not a host address inside the node network's subnet.</summary>
    public const string BgpRouterOutsideNodeNetwork = "GITOPS161";

    /// <summary>The router's AS equals the cluster's: the generated sessions are eBGP (iBGP would need a route reflector).</summary>
    public const string BgpSameAsNumber = "GITOPS162";

    /// <summary>The pod pool has natOutgoing disabled, and no BGP peer and no static routes tell the router the way back.</summary>
    public const string PodPoolUnroutable = "GITOPS163";

    /// <summary>Routers to peer with are declared while Calico's BGP is disabled.</summary>
    public const string BgpPeeringWithoutBgp = "GITOPS164";

    /// <summary>Two routers share a name or an address, or a router has a node's name (both would write hosts/&lt;name&gt;/).</summary>
    public const string BgpRouterConflict = "GITOPS165";

    /// <summary>BGP peering is generated for IPv4 only: an IPv6 pod pool, node network or router address.</summary>
    public const string BgpAddressFamilyUnsupported = "GITOPS166";

    /// <summary>
    /// BGP is turned off (<c>.Bgp(false)</c>) but the pool is unencapsulated or IPIP, whose routes between nodes BIRD
    /// programs; the tigera operator refuses such an Installation (pkg/controller/installation/validation.go).
    /// </summary>
    public const string BgpRequiredByPool = "GITOPS167";
}
