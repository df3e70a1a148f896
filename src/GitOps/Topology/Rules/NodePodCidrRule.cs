using System.Globalization;
using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// With a GitOps section the library writes K3s's server config (Rancher's machineGlobalConfig or the host files),
/// and with it <c>cluster-cidr</c> = the pool(s) and a derived node mask per pool (<see cref="NodePodCidr"/>).
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

        for (var i = 0; i < lab.Calico.Pools.Count; i++)
        {
            var pool = lab.Calico.Pools[i];
            if (NodePodCidr.MaskSize(pool.Cidr, pool.BlockSize, lab.Nodes.Count) is not null)
            {
                continue;
            }

            var ipv4 = IpMath.IsIPv4(pool.Cidr.BaseAddress);
            var needed = 0;
            while ((1L << needed) < lab.Nodes.Count)
            {
                needed++;
            }

            var call = i == 0 ? ".IPPool(...)" : ".IPv6Pool(...)";
            var path = i == 0 ? "lab/calico/ipPool/cidr" : "lab/calico/ipv6Pool/cidr";
            var fix = ipv4
                ? $"give {call} a /{(32 - needed).ToString(CultureInfo.InvariantCulture)} or larger (one address or more per node; the mask is then derived), or declare fewer nodes"
                : $"kube-controller-manager splits an IPv6 cluster CIDR into at most 2^{NodePodCidr.MaxIPv6MaskDifference.ToString(CultureInfo.InvariantCulture)} node CIDRs (clusterSubnetMaxDiff); declare fewer nodes";
            var nodes = string.Join(", ", lab.Nodes.Select(n => $"'{n.Name}'"));
            yield return ModelErrors.Error(PodPoolTooSmallForNodes, path,
                $"the pod pool {pool.Cidr} is K3s's cluster-cidr, from which kube-controller-manager gives every node its own pod CIDR, " +
                $"but it cannot hold one for each of the lab's {lab.Nodes.Count.ToString(CultureInfo.InvariantCulture)} nodes ({nodes}); {fix}.",
                sources[path]);
        }
    }
}
