using GitOps.Output;
using GitOps.Topology;
using k8s.Models;

namespace GitOps.Calico;

/// <summary>The operator <c>Installation</c> named <c>default</c>, derived from the lab's Calico settings and node interfaces.</summary>
internal static class CalicoEmitter
{
    /// <summary>The name the operator gives its own default IPv4 pool.</summary>
    public const string PoolName = "default-ipv4-ippool";

    /// <summary>The name the operator gives the IPv6 pool of a dual-stack Installation (tigera/operator pkg/controller/ippool/defaults.go, <c>defaultV6PoolName</c>).</summary>
    public const string IPv6PoolName = "default-ipv6-ippool";

    public static IEnumerable<BundleFile> Emit(Lab lab)
    {
        yield return new BundleFile(Bundle.Calico, "installation-default.yaml", [Build(lab)]) { Source = lab.Calico.Source };
    }

    public static Installation Build(Lab lab)
    {
        var calico = lab.Calico;
        var cni = CalicoCniSettings.From(calico);
        return new Installation
        {
            Metadata = new V1ObjectMeta { Name = "default" },
            Spec = new InstallationSpec
            {
                CalicoNetwork = new CalicoNetworkSpec
                {
                    Bgp = calico.Bgp ? "Enabled" : "Disabled",
                    // A single pool keeps the name the library always gave it; a dual-stack pair gets the operator's
                    // per-family names (defaults.go names them so when it defaults a dual-stack pair).
                    IpPools = [.. calico.Pools.Select(pool => new InstallationIpPool
                    {
                        Name = calico.DualStack && !IpMath.IsIPv4(pool.Cidr.BaseAddress) ? IPv6PoolName : PoolName,
                        Cidr = pool.Cidr.ToString(),
                        BlockSize = pool.BlockSize,
                        Encapsulation = pool.Encapsulation.ToString(),
                        NatOutgoing = pool.NatOutgoing ? "Enabled" : "Disabled",
                    })],
                    LinuxDataplane = calico.Dataplane.ToString(),
                    NodeAddressAutodetectionV4 = AddressDetection(lab),
                    NodeAddressAutodetectionV6 = calico.AddressDetectionV6 is { } v6 ? AddressDetection(lab, v6) : null,
                    Mtu = cni.Mtu == 0 ? null : cni.Mtu,
                    ContainerIPForwarding = cni.AllowIpForwarding ? "Enabled" : null,
                },
                Cni = new CniSpec
                {
                    BinDir = lab.Cluster.CniBinDir == ClusterSettings.DefaultCniBinDir ? null : lab.Cluster.CniBinDir,
                    ConfDir = lab.Cluster.CniConfDir == ClusterSettings.DefaultCniConfDir ? null : lab.Cluster.CniConfDir,
                },
                ControlPlaneNodeSelector = new SortedDictionary<string, string>(calico.ControlPlaneNodeSelector.ToDictionary(), StringComparer.Ordinal),
                NodeUpdateStrategy = new NodeUpdateStrategy { RollingUpdate = new RollingUpdate { MaxUnavailable = calico.MaxUnavailable } },
            },
        };
    }

    /// <summary>
    /// <c>cidrs</c> (the default) selects the address inside the node network's subnet on every node, whatever the
    /// interface is called; <c>interface</c> is the anchored regex of <see cref="NodeAddressPattern.For"/>.
    /// </summary>
    internal static NodeAddressAutodetection AddressDetection(Lab lab) => AddressDetection(lab, lab.Calico.AddressDetection);

    /// <summary>
    /// One family's detection. For IPv6 the model allows <c>Subnet</c>/<c>Gateway</c> only when the node network's
    /// subnet is IPv6 (GITOPS193), so the node network's subnet and gateway are always of the family asked for.
    /// </summary>
    internal static NodeAddressAutodetection AddressDetection(Lab lab, NodeAddress method) => method switch
    {
        NodeAddress.Gateway => new NodeAddressAutodetection { CanReach = lab.Cluster.NodeNetwork.Gateway.ToString() },
        NodeAddress.Interface => new NodeAddressAutodetection { Interface = NodeAddressPattern.For(lab.Nodes, lab.Cluster.NodeNetwork) },
        _ => new NodeAddressAutodetection { Cidrs = [lab.Cluster.NodeNetwork.Subnet.ToString()] },
    };
}
