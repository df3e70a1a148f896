using GitOps.Cni;
using GitOps.Topology;

namespace GitOps.Multus;

/// <summary>Multus's own config: Calico (+ bandwidth + portmap) as the primary delegate, as in the blog.</summary>
public static class MultusCniConfig
{
    /// <summary>The delegate's conflist name (the blog's).</summary>
    public const string PrimaryNetworkName = "calico-network";

    public static MultusConfig Build(Lab lab)
    {
        var confDir = lab.Cluster.CniConfDir;
        var calico = new PluginChain
        {
            Name = PrimaryNetworkName,
            CniVersion = lab.Multus.CniVersion,
            Plugins =
            [
                new CalicoPlugin { Kubernetes = new CalicoKubernetes(lab.Cluster.KubernetesApiRoot, $"{confDir}/calico-kubeconfig") },
                new BandwidthPlugin(),
                new PortmapPlugin(),
            ],
        };
        return new MultusConfig
        {
            CniVersion = lab.Multus.CniVersion,
            Delegates = [calico],
            Kubeconfig = lab.Multus.KubeconfigPath!,
        };
    }
}
