using System.Globalization;
using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// With a GitOps section the library writes K3s's server config (Rancher's machineGlobalConfig or the host files),
/// and with it <c>cluster-cidr</c> = the pool and a derived <c>node-cidr-mask-size</c> (<see cref="NodePodCidr"/>).
/// kube-controller-manager gives each node one CIDR of that size from the pool; when no size gives every declared
/// node one, a node would be left without a pod CIDR and log <c>CIDRNotAvailable</c> forever (k3s-io/k3s#7662).
/// </summary>
/// <remarks>Reports GITOPS423 (PodPoolTooSmallForNodes).</remarks>
internal sealed class NodePodCidrRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        if (lab.GitOps is null)
        {
            yield break;
        }

        var pool = lab.Calico.Pool;
        if (NodePodCidr.MaskSize(pool.Cidr, pool.BlockSize, lab.Nodes.Count) is not null)
        {
            yield break;
        }

        var ipv4 = IpMath.IsIPv4(pool.Cidr.BaseAddress);
        var needed = 0;
        while ((1L << needed) < lab.Nodes.Count)
        {
            needed++;
        }

        var fix = ipv4
            ? $"give .IPPool(...) a /{(32 - needed).ToString(CultureInfo.InvariantCulture)} or larger (one address or more per node; the mask is then derived), or declare fewer nodes"
            : $"kube-controller-manager splits an IPv6 cluster CIDR into at most 2^{NodePodCidr.MaxIPv6MaskDifference.ToString(CultureInfo.InvariantCulture)} node CIDRs (clusterSubnetMaxDiff); declare fewer nodes";
        var nodes = string.Join(", ", lab.Nodes.Select(n => $"'{n.Name}'"));
        yield return ModelErrors.Error(PodPoolTooSmallForNodes, "lab/calico/ipPool/cidr",
            $"the pod pool {pool.Cidr} is K3s's cluster-cidr, from which kube-controller-manager gives every node its own pod CIDR, " +
            $"but it cannot hold one for each of the lab's {lab.Nodes.Count.ToString(CultureInfo.InvariantCulture)} nodes ({nodes}); {fix}.",
            sources["lab/calico/ipPool/cidr"]);
    }
}
