using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>
/// Describes Calico. Defaults are the blog's: BGP on, no encapsulation, no NAT, iptables, block
/// size 26, node address by the interface on the node network.
/// </summary>
public sealed class CalicoBuilder
{
    private readonly SortedDictionary<string, string> _selector = new(CalicoSettings.DefaultControlPlaneNodeSelector.ToDictionary(), StringComparer.Ordinal);

    internal CalicoBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
    internal Located<string>? PoolCidr { get; private set; }
    internal Located<int> PoolBlockSize { get; private set; } = new(26, default);
    internal IpPoolEncapsulation Encapsulation { get; private set; } = IpPoolEncapsulation.None;
    internal bool NatOutgoing { get; private set; }
    internal bool BgpEnabled { get; private set; } = true;
    internal Topology.LinuxDataplane Dataplane { get; private set; } = Topology.LinuxDataplane.Iptables;
    internal NodeAddressDetection Detection { get; private set; } = NodeAddressDetection.Interface;
    internal Located<int> RollingMaxUnavailable { get; private set; } = new(1, default);
    internal IReadOnlyDictionary<string, string> ControlPlaneSelector => _selector;
    internal BgpBuilder? Peering { get; private set; }
    internal Located<bool> StaticRoutes { get; private set; } = new(false, default);

    /// <summary>The pod address pool and the size of the blocks Calico hands to each node.</summary>
    public CalicoBuilder IpPool(string cidr, int blockSize = 26, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        PoolCidr = new(cidr, new(file, line));
        PoolBlockSize = new(blockSize, new(file, line));
        return this;
    }

    public CalicoBuilder Encapsulate(IpPoolEncapsulation encapsulation)
    {
        Encapsulation = encapsulation;
        return this;
    }

    public CalicoBuilder NatOutgoingTraffic(bool enabled = true)
    {
        NatOutgoing = enabled;
        return this;
    }

    /// <summary>Calico's BGP (default on). Without a router to peer with, see <see cref="Bgp(Action{BgpBuilder}, string, int)"/>.</summary>
    public CalicoBuilder Bgp(bool enabled = true)
    {
        BgpEnabled = enabled;
        return this;
    }

    /// <summary>
    /// BGP on, peering with the lab's router(s) so the router knows the pod blocks:
    /// <c>.Bgp(b =&gt; b.Router("router"))</c> peers every node with the node network's gateway, AS 64512 ↔ 64513.
    /// Emits Calico's BGPConfiguration and BGPPeer objects (calico-bgp/) and the router's FRR configuration
    /// (hosts/&lt;router&gt;/frr.conf, with host files). Errors: GITOPS160–GITOPS166 (docs/bgp.md).
    /// </summary>
    public CalicoBuilder Bgp(Action<BgpBuilder> configure, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(configure);
        BgpEnabled = true;
        Peering = new BgpBuilder(new(file, line));
        configure(Peering);
        return this;
    }

    /// <summary>
    /// Says the router has static routes to the pod pool through the nodes (you maintain them), so a pool
    /// without NAT and without BGP peering still gets replies. Without this, NAT off and no peering is GITOPS163.
    /// </summary>
    public CalicoBuilder RouterHasStaticRoutes(bool value = true, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        StaticRoutes = new(value, new(file, line));
        return this;
    }

    public CalicoBuilder LinuxDataplane(Topology.LinuxDataplane dataplane)
    {
        Dataplane = dataplane;
        return this;
    }

    /// <summary>Detect node addresses by the route to the node network's gateway instead of by interface name.</summary>
    public CalicoBuilder DetectNodeAddressByGateway()
    {
        Detection = NodeAddressDetection.CanReachGateway;
        return this;
    }

    public CalicoBuilder DetectNodeAddressByInterface()
    {
        Detection = NodeAddressDetection.Interface;
        return this;
    }

    public CalicoBuilder ControlPlaneNodeSelector(string label, string value)
    {
        _selector.Clear();
        _selector[label] = value;
        return this;
    }

    public CalicoBuilder MaxUnavailable(int nodes, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        RollingMaxUnavailable = new(nodes, new(file, line));
        return this;
    }
}
