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

    /// <summary>
    /// The pod CIDR K3s hands to kube-proxy (<c>--cluster-cidr</c>): the Calico pool, so pool traffic is not masqueraded
    /// as off-cluster. Dual stack: both pools, comma-separated, IPv4 first ("v4,v6", docs.k3s.io "Basic Network Options",
    /// "Dual-stack (IPv4 + IPv6) Networking"); K3s prefers the first family (k3s-io/k3s pkg/cli/server/server.go: "first
    /// defined IPFamily is preferred") and its agent requires service-cidr to list the same families in the same first
    /// family (pkg/agent/run.go, run).
    /// </summary>
    public const string ClusterCidr = "cluster-cidr";

    /// <summary>The Service CIDR (<c>--service-cidr</c>): the model's, from which Calico's <c>k8s_api_root</c> is derived; dual stack "v4,v6" like <see cref="ClusterCidr"/>.</summary>
    public const string ServiceCidr = "service-cidr";

    /// <summary>
    /// Extra kube-controller-manager flags (<c>--kube-controller-manager-arg</c>, a list of <c>flag=value</c>, server
    /// only): <c>node-cidr-mask-size</c> from <see cref="NodePodCidr.MaskSize"/>, so that every declared node gets a pod
    /// CIDR out of the pool (K3s sets no mask size, and kube-controller-manager's /24 default leaves a /24 pool
    /// room for one node).
    /// </summary>
    public const string ControllerManagerArgs = "kube-controller-manager-arg";

    /// <summary>
    /// kube-controller-manager's node mask flags. <c>node-cidr-mask-size</c> on a single-stack cluster; a dual-stack one
    /// refuses it ("usage of --node-cidr-mask-size is not allowed with dual-stack clusters") and takes one per family,
    /// <c>node-cidr-mask-size-ipv4</c> and <c>-ipv6</c> (kubernetes/kubernetes cmd/kube-controller-manager/app/core.go,
    /// setNodeCIDRMaskSizes).
    /// </summary>
    public const string NodeCidrMaskSizeFlag = "node-cidr-mask-size";

    /// <summary>The settings in a fixed order (what both files contain).</summary>
    public static JsonObject For(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(lab.Calico); // the primary network these settings make room for
        return new JsonObject
        {
            [FlannelBackend] = "none",
            [DisableNetworkPolicy] = true,
            [ClusterCidr] = string.Join(',', lab.Calico.Pools.Select(p => p.Cidr.ToString())),
            [ServiceCidr] = string.Join(',', lab.Cluster.ServiceCidrs.Select(s => s.ToString())),
            [ControllerManagerArgs] = new JsonArray(NodeMaskArgs(lab).Select(a => (JsonNode)a).ToArray()),
        };
    }

    /// <summary>
    /// <c>node-cidr-mask-size=N</c> for one pool; for two, <c>node-cidr-mask-size-ipv4=N</c> then
    /// <c>node-cidr-mask-size-ipv6=M</c>, each derived from its own pool like the single-stack one.
    /// </summary>
    public static IReadOnlyList<string> NodeMaskArgs(Lab lab)
    {
        if (!lab.Calico.DualStack)
        {
            return [$"{NodeCidrMaskSizeFlag}={NodeCidrMaskSize(lab, lab.Calico.Pool).ToString(CultureInfo.InvariantCulture)}"];
        }

        return lab.Calico.Pools
            .OrderBy(p => IpMath.IsIPv4(p.Cidr.BaseAddress) ? 4 : 6)
            .Select(p => $"{NodeCidrMaskSizeFlag}-ipv{(IpMath.IsIPv4(p.Cidr.BaseAddress) ? 4 : 6)}={NodeCidrMaskSize(lab, p).ToString(CultureInfo.InvariantCulture)}")
            .ToArray();
    }

    /// <summary>The derived node mask of one pool; the model rule GITOPS423 has refused every lab for which there is none.</summary>
    public static int NodeCidrMaskSize(Lab lab, IPPool pool) =>
        NodePodCidr.MaskSize(pool.Cidr, pool.BlockSize, lab.Nodes.Count)
        ?? throw new InvalidOperationException($"GITOPS423 should have refused the pool {pool.Cidr} for {lab.Nodes.Count} nodes.");
}

/// <summary>A K3s server's <c>config.yaml</c> as a typed document: <see cref="K3sServerConfig.For"/>'s settings, written as YAML by the renderer.</summary>
internal sealed record K3sConfigFile(JsonObject Settings) : Output.IYamlTreeDocument
{
    /// <inheritdoc/>
    public JsonObject YamlTree => Settings;
}
