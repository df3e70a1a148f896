using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>
/// Describes Calico. Defaults are the blog's: BGP on, no encapsulation, no NAT, iptables, block
/// size 26, node address by the node network's subnet (Calico's <c>cidrs</c> method).
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
    internal NodeAddressDetection Detection { get; private set; } = NodeAddressDetection.Cidrs;
    internal SourceLocation DetectionSource { get; private set; }
    internal Located<int> RollingMaxUnavailable { get; private set; } = new(1, default);
    internal IReadOnlyDictionary<string, string> ControlPlaneSelector => _selector;

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

    public CalicoBuilder Bgp(bool enabled = true)
    {
        BgpEnabled = enabled;
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

    /// <summary>
    /// Detect node addresses by interface name: <c>interface: ^(eno1|enp3s0)$</c> from the names of the nodes'
    /// interfaces on the node network. Error GITOPS130 when that regex also matches another network's interface
    /// or a bridge on some node (mixed names); the default, <see cref="DetectNodeAddressBySubnet"/>, has no such trap.
    /// </summary>
    public CalicoBuilder DetectNodeAddressByInterface([CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Detection = NodeAddressDetection.Interface;
        DetectionSource = new(file, line);
        return this;
    }

    /// <summary>Detect node addresses by the node network's subnet (<c>cidrs: [192.168.3.0/24]</c>), the default.</summary>
    public CalicoBuilder DetectNodeAddressBySubnet()
    {
        Detection = NodeAddressDetection.Cidrs;
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
