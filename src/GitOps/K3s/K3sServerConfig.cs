using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Topology;

namespace GitOps.K3s;

/// <summary>
/// The K3s server settings the lab's network needs, derived from the model, as K3s config-file keys (the CLI flags
/// without <c>--</c>; docs.k3s.io "Configuration File", "Networking Options", "Custom CNI"). One set, written twice:
/// Rancher's <c>spec.rkeConfig.machineGlobalConfig</c> (copied to <c>/etc/rancher/k3s/config.yaml.d/50-rancher.yaml</c>
/// on every machine, server-only keys filtered for agents: rancher/rancher pkg/capr/planner/filter.go) and, without
/// Rancher, <c>/etc/rancher/k3s/config.yaml</c> on each server.
/// </summary>
internal static class K3sServerConfig
{
    /// <summary>No flannel: Calico is the cluster network. With flannel off K3s uses /etc/cni/net.d and /opt/cni/bin.</summary>
    public const string FlannelBackend = "flannel-backend";

    /// <summary>No K3s network-policy controller: Calico enforces NetworkPolicy.</summary>
    public const string DisableNetworkPolicy = "disable-network-policy";

    /// <summary>The pod CIDR K3s hands to kube-proxy (<c>--cluster-cidr</c>): the Calico pool, so pool traffic is not masqueraded as off-cluster.</summary>
    public const string ClusterCidr = "cluster-cidr";

    /// <summary>The Service CIDR (<c>--service-cidr</c>): the model's, from which Calico's <c>k8s_api_root</c> is derived.</summary>
    public const string ServiceCidr = "service-cidr";

    /// <summary>
    /// Extra kube-controller-manager flags (<c>--kube-controller-manager-arg</c>, a list of <c>flag=value</c>, server
    /// only): <c>node-cidr-mask-size</c> from <see cref="NodePodCidr.MaskSize"/>, so that every declared node gets a pod
    /// CIDR out of the pool (K3s sets no mask size, and kube-controller-manager's /24 default leaves a /24 pool
    /// room for one node).
    /// </summary>
    public const string ControllerManagerArgs = "kube-controller-manager-arg";

    /// <summary>The settings in a fixed order (what both files contain).</summary>
    public static JsonObject For(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(lab.Calico); // the primary network these settings make room for
        return new JsonObject
        {
            [FlannelBackend] = "none",
            [DisableNetworkPolicy] = true,
            [ClusterCidr] = lab.Calico.Pool.Cidr.ToString(),
            [ServiceCidr] = lab.Cluster.ServiceCidr.ToString(),
            [ControllerManagerArgs] = new JsonArray($"node-cidr-mask-size={NodeCidrMaskSize(lab).ToString(CultureInfo.InvariantCulture)}"),
        };
    }

    /// <summary>The derived node mask; the model rule GITOPS423 has refused every lab for which there is none.</summary>
    public static int NodeCidrMaskSize(Lab lab) =>
        NodePodCidr.MaskSize(lab.Calico.Pool.Cidr, lab.Calico.Pool.BlockSize, lab.Nodes.Count)
        ?? throw new InvalidOperationException($"GITOPS423 should have refused the pool {lab.Calico.Pool.Cidr} for {lab.Nodes.Count} nodes.");
}

/// <summary>A K3s server's <c>config.yaml</c> as a typed document: <see cref="K3sServerConfig.For"/>'s settings, written as YAML by the renderer.</summary>
internal sealed record K3sConfigFile(JsonObject Settings) : Output.IYamlTreeDocument
{
    /// <inheritdoc/>
    public JsonObject YamlTree => Settings;
}
