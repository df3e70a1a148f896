using System.Text.RegularExpressions;
using GitOps.Output;
using GitOps.Topology;
using k8s.Models;

namespace GitOps.Calico;

/// <summary>The operator <c>Installation</c> named <c>default</c>, derived from the lab's Calico settings and node interfaces.</summary>
public static class CalicoEmitter
{
    /// <summary>The name the operator gives its own default IPv4 pool.</summary>
    public const string PoolName = "default-ipv4-ippool";

    public static IEnumerable<ManifestFile> Emit(Lab lab)
    {
        yield return new ManifestFile("calico/installation-default.yaml", [Build(lab)]);
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
                    IpPools =
                    [
                        new InstallationIpPool
                        {
                            Name = PoolName,
                            Cidr = calico.Pool.Cidr.ToString(),
                            BlockSize = calico.Pool.BlockSize,
                            Encapsulation = calico.Pool.Encapsulation.ToString(),
                            NatOutgoing = calico.Pool.NatOutgoing ? "Enabled" : "Disabled",
                        },
                    ],
                    LinuxDataplane = calico.Dataplane.ToString(),
                    NodeAddressAutodetectionV4 = AddressDetection(lab),
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
    /// <c>interface</c> is matched as an unanchored regex by calico-node, so <c>eth1</c> would also match
    /// <c>veth1234</c>: anchor it. Interface names of every node on the node network are combined.
    /// </summary>
    internal static NodeAddressAutodetection AddressDetection(Lab lab)
    {
        if (lab.Calico.AddressDetection == NodeAddressDetection.CanReachGateway)
        {
            return new NodeAddressAutodetection { CanReach = lab.Cluster.NodeNetwork.Gateway.ToString() };
        }

        var names = lab.Nodes
            .SelectMany(n => n.Interfaces)
            .Where(i => i.Network == lab.Cluster.NodeNetwork && i.Bridge is null)
            .Select(i => i.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(Regex.Escape)
            .ToArray();
        var pattern = names.Length == 1 ? $"^{names[0]}$" : $"^({string.Join('|', names)})$";
        return new NodeAddressAutodetection { Interface = pattern };
    }
}
