using GitOps.Fleet;
using GitOps.Output;
using GitOps.Topology;
using k8s.Models;

namespace GitOps.Rancher;

/// <summary>The provisioning Cluster, named like the lab's cluster, in rancher/ (applied once on the Rancher cluster, never synced).</summary>
public static class RancherClusterEmitter
{
    public static IEnumerable<ManifestFile> Emit(Lab lab, RancherClusterSettings rancher)
    {
        yield return new ManifestFile($"{FleetEmitter.RancherFolder}/cluster-{lab.Cluster.Name}.yaml", [Build(lab, rancher)]);
    }

    public static ProvisioningCluster Build(Lab lab, RancherClusterSettings rancher) => new()
    {
        Metadata = new V1ObjectMeta { Name = lab.Cluster.Name, NamespaceProperty = rancher.Namespace },
        Spec = new ProvisioningClusterSpec
        {
            KubernetesVersion = rancher.KubernetesVersion,
            AgentEnvVars = [new AgentEnvVar { Name = K3sInstallFlags.InstallExecVariable, Value = string.Join(' ', K3sInstallFlags.For(lab)) }],
            RkeConfig = new RkeConfig(),
        },
    };
}
