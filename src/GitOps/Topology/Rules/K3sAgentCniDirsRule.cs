using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// K3s sets containerd's CNI dirs to its own (<c>&lt;data-dir&gt;/agent/etc/cni/net.d</c>, the dir of its bundled
/// <c>host-local</c>) only when flannel runs (k3s-io/k3s pkg/agent/config/config.go: the CNIBinDir/CNIConfDir
/// assignments sit inside <c>if !nodeConfig.NoFlannel</c>; pkg/agent/templates writes containerd's cni section only
/// then). This lab runs K3s with <c>flannel-backend: none</c>, so containerd reads /etc/cni/net.d and /opt/cni/bin and
/// never the agent dirs: Calico's conflist and Multus's config written there are never used.
/// </summary>
/// <remarks>Reports GITOPS144 (K3sAgentCniDirWithoutFlannel).</remarks>
internal sealed class K3sAgentCniDirsRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        // The model's only distribution is K3s (issue 19 removed the one-value KubernetesDistribution).
        foreach (var (prefix, fallback, path) in new[]
        {
            ("/var/lib/rancher/k3s/agent/etc/cni", ClusterSettings.DefaultCniConfDir, "lab/cluster/cniConfDir"),
            ("/var/lib/rancher/k3s/data/", ClusterSettings.DefaultCniBinDir, "lab/cluster/cniBinDir"),
        })
        {
            var dir = sources.Text(path);
            if (dir.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return ModelErrors.Error(K3sAgentCniDirWithoutFlannel, path,
                    $"'{dir}' is K3s's own CNI dir, which containerd reads only while flannel runs; this lab runs K3s with flannel-backend: none, so containerd reads {fallback} and nothing written to '{dir}' is used. " +
                    $"Leave the dir at its default {fallback} (remove the call).", sources[path]);
            }
        }
    }
}
