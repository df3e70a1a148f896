using GitOps.Calico;
using GitOps.Cni;
using GitOps.Topology;

namespace GitOps.Multus;

/// <summary>
/// The thin plugin's own config: Calico as the primary delegate, as in the blog, with the plugin chain and
/// the calico plugin's MTU, IP forwarding and IPAM derived from <see cref="CalicoCniSettings"/> (the same
/// values the Installation carries), so the delegate matches what the chosen Calico version installs and
/// renders on the node. The thick plugin needs none of this: multus-daemon reads Calico's own conflist.
/// </summary>
internal static class MultusCniConfig
{
    /// <summary>The delegate's conflist name (the blog's).</summary>
    public const string PrimaryNetworkName = "calico-network";

    public static MultusConfig Build(Lab lab)
    {
        var confDir = lab.Cluster.CniConfDir;
        var cni = CalicoCniSettings.From(lab.Calico);
        var calico = new PluginChain
        {
            Name = PrimaryNetworkName,
            CniVersion = lab.Multus.CniVersion,
            Plugins =
            [
                new CalicoPlugin
                {
                    Mtu = cni.Mtu,
                    Ipam = new CalicoIpam { AssignIPv4 = Flag(cni.AssignIPv4), AssignIPv6 = Flag(cni.AssignIPv6) },
                    ContainerSettings = new CalicoContainerSettings(cni.AllowIpForwarding),
                    Kubernetes = new CalicoKubernetes(lab.Cluster.KubernetesApiRoot, $"{confDir}/calico-kubeconfig"),
                },
                .. cni.ChainPlugins.Select(Chained),
            ],
        };
        return new MultusConfig
        {
            CniVersion = lab.Multus.CniVersion,
            Delegates = [calico],
            Kubeconfig = lab.Multus.KubeconfigPath!,
        };
    }

    private static CniPlugin Chained(string type) => type switch
    {
        "bandwidth" => new BandwidthPlugin(),
        "portmap" => new PortmapPlugin(),
        _ => throw new InvalidOperationException($"no typed config for the chained plugin '{type}'"),
    };

    private static string Flag(bool value) => value ? "true" : "false";
}
