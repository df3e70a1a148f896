using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>
/// Describes the cluster's BGP peering with the lab's router(s):
/// <c>b => b.AsNumber(64512).Router("router", r => r.AsNumber(64513))</c>.
/// Defaults: cluster AS 64512 (Calico's), node-to-node mesh on (Calico's), service CIDR not advertised.
/// </summary>
public sealed class BgpBuilder
{
    private readonly List<BgpRouterBuilder> _routers = [];

    internal BgpBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
    internal Located<uint> ClusterAsNumber { get; private set; } = new(BgpPeering.DefaultClusterAsNumber, default);
    internal bool Mesh { get; private set; } = true;
    internal bool ServiceCidr { get; private set; }
    internal IReadOnlyList<BgpRouterBuilder> Routers => _routers;

    /// <summary>
    /// The cluster's AS number, spoken by every node. Default 64512. Use a private ASN: 64512–65534
    /// (RFC 6996). Calico stores AS numbers as 32-bit signed integers (its CRDs' <c>format: int32</c>), so
    /// 1–2147483647 fit; 0, 23456 (AS_TRANS), 64496–64511 and 65536–65551 (documentation) and 65535
    /// (reserved) are errors (GITOPS160), as is the router's AS (GITOPS162).
    /// </summary>
    public BgpBuilder AsNumber(uint asNumber, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ClusterAsNumber = new(asNumber, new(file, line));
        return this;
    }

    /// <summary>
    /// Calico's full node-to-node iBGP mesh (default on): nodes learn each other's pod blocks directly.
    /// Off: a node reaches another node's pods through its default route, the router (which learned them).
    /// </summary>
    public BgpBuilder NodeToNodeMesh(bool enabled = true)
    {
        Mesh = enabled;
        return this;
    }

    /// <summary>
    /// Also advertise the cluster's service CIDR (Calico <c>serviceClusterIPs</c>) from every node, so LAN hosts
    /// reach ClusterIPs through the router (ECMP over the nodes). Default off. The router's import filter then
    /// accepts the service CIDR too.
    /// </summary>
    public BgpBuilder AdvertiseServiceCidr(bool enabled = true)
    {
        ServiceCidr = enabled;
        return this;
    }

    /// <summary>
    /// A router every node peers with. <paramref name="name"/> is a DNS-1123 label (the BGPPeer's name and
    /// the folder hosts/&lt;name&gt;/ of its FRR configuration), not a node's name. Defaults: the node network's
    /// gateway as address, AS 64513.
    /// </summary>
    public BgpBuilder Router(string name, Action<BgpRouterBuilder>? configure = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var builder = new BgpRouterBuilder(name, new(file, line));
        configure?.Invoke(builder);
        _routers.Add(builder);
        return this;
    }
}

/// <summary>One router: <c>r => r.Address("192.168.3.1").AsNumber(64513)</c>.</summary>
public sealed class BgpRouterBuilder
{
    internal BgpRouterBuilder(string name, SourceLocation source)
    {
        Name = name;
        Source = source;
    }

    internal string Name { get; }
    internal SourceLocation Source { get; }
    internal Located<string>? AddressText { get; private set; }
    internal Located<uint> RouterAsNumber { get; private set; } = new(BgpPeering.DefaultRouterAsNumber, default);

    /// <summary>
    /// The router's address the nodes connect to: a host address inside the node network's subnet (GITOPS161).
    /// Default: the node network's gateway (the blog's 192.168.3.1 on VLAN 20).
    /// </summary>
    public BgpRouterBuilder Address(string address, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        AddressText = new(address, new(file, line));
        return this;
    }

    /// <summary>The router's AS number. Default 64513. Same ranges as <see cref="BgpBuilder.AsNumber"/>; must differ from the cluster's.</summary>
    public BgpRouterBuilder AsNumber(uint asNumber, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        RouterAsNumber = new(asNumber, new(file, line));
        return this;
    }
}
