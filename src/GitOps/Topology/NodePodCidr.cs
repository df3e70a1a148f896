using System.Net;

namespace GitOps.Topology;

/// <summary>
/// The per-node pod CIDR K3s's kube-controller-manager hands out from <c>cluster-cidr</c> (the Calico pool), and the
/// <c>node-cidr-mask-size</c> the library derives so that every declared node gets one.
/// <para>Upstream facts (looked up, not guessed):</para>
/// <list type="bullet">
/// <item>K3s runs kube-controller-manager with <c>allocate-node-cidrs=true</c> and <c>cluster-cidr</c> = its
/// <c>--cluster-cidr</c>, and sets no mask size; <c>kube-controller-manager-arg</c> entries are appended
/// (k3s-io/k3s <c>pkg/daemons/control/server.go</c>, <c>controllerManager</c>: <c>argsMap</c> then
/// <c>config.GetArgs(argsMap, cfg.ExtraControllerArgs)</c>).</item>
/// <item>kube-controller-manager's default node mask is /24 for IPv4 and /64 for IPv6; on a single-stack cluster
/// <c>--node-cidr-mask-size</c> sets it for either family (kubernetes/kubernetes
/// <c>cmd/kube-controller-manager/app/core.go</c>: <c>defaultNodeMaskCIDRIPv4 = 24</c>,
/// <c>defaultNodeMaskCIDRIPv6 = 64</c>, <c>setNodeCIDRMaskSizes</c>).</item>
/// <item>The range allocator carves the cluster CIDR into <c>1 &lt;&lt; (nodeMask - clusterMask)</c> node CIDRs; when they
/// are used up a new node gets none and a <c>CIDRNotAvailable</c> event, again on every retry
/// (<c>pkg/controller/nodeipam/ipam/cidrset/cidr_set.go</c> <c>NewCIDRSet</c>/<c>AllocateNext</c>,
/// <c>range_allocator.go</c> <c>AllocateOrOccupyCIDR</c>). For IPv6 the difference may be at most 16 bits
/// (<c>clusterSubnetMaxDiff = 16</c>, <c>ErrCIDRSetSubNetTooBig</c>).</item>
/// <item>With the K3s default /24 and the pool as cluster-cidr, a /24 pool has room for one node: every later
/// node logs <c>CIDRNotAvailable</c> forever (k3s-io/k3s#7662, projectcalico/calico#7722). Calico IPAM does not
/// read <c>node.spec.podCIDR</c> (tigera/docs#2589), so the pod CIDR is bookkeeping for Calico, but kube-proxy's
/// <c>NodeCIDR</c> local-traffic detection and other tools read it.</item>
/// </list>
/// </summary>
internal static class NodePodCidr
{
    /// <summary>kube-controller-manager's limit on node mask minus cluster mask for IPv6 (<c>clusterSubnetMaxDiff</c>).</summary>
    public const int MaxIPv6MaskDifference = 16;

    /// <summary>
    /// The node mask size: the Calico block size when the pool holds one block per node (each node's pod CIDR then
    /// has the size of the blocks Calico gives it), else the largest CIDR per node that still gives each of
    /// <paramref name="nodes"/> one; null when the pool cannot hold one CIDR per node. For IPv6 the mask is at most
    /// the pool's prefix + 16 (kube-controller-manager refuses more).
    /// </summary>
    public static int? MaskSize(IPNetwork pool, int blockSize, int nodes)
    {
        var bits = IpMath.IsIPv4(pool.BaseAddress) ? 32 : 128;
        var needed = BitsFor(Math.Max(nodes, 1));
        var mask = IpMath.IsIPv4(pool.BaseAddress) ? blockSize : Math.Min(blockSize, pool.PrefixLength + MaxIPv6MaskDifference);
        mask = Math.Max(mask, pool.PrefixLength + needed);
        if (mask > bits || (!IpMath.IsIPv4(pool.BaseAddress) && needed > MaxIPv6MaskDifference))
        {
            return null;
        }

        return mask;
    }

    /// <summary>How many node CIDRs of <paramref name="mask"/> the pool holds (capped at <see cref="int.MaxValue"/>).</summary>
    public static long Capacity(IPNetwork pool, int mask) =>
        mask - pool.PrefixLength >= 31 ? int.MaxValue : 1L << (mask - pool.PrefixLength);

    /// <summary>The smallest n with 2^n ≥ <paramref name="count"/>.</summary>
    private static int BitsFor(int count)
    {
        var n = 0;
        while ((1L << n) < count)
        {
            n++;
        }

        return n;
    }
}
