using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// CNI dirs other than the defaults must reach the Installation (<c>spec.cni.binDir</c>/<c>confDir</c>), or
/// calico-node installs Calico's plugins and conflist where kubelet and Multus do not look. Those fields
/// first exist in tigera/operator v1.40.0, the operator of Calico v3.31.0 (v3.30.x ships v1.38.x; the
/// fields came with tigera/operator PR #3882 in v1.39.0, which no Calico release chart uses).
/// </summary>
/// <remarks>Reports GITOPS155 (CalicoFeatureNeedsNewerVersion).</remarks>
internal sealed class CalicoCniDirsRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        if (lab.Calico.Version >= CalicoVersion.WithCniDirectories)
        {
            yield break;
        }

        foreach (var (fallback, path) in new[] { (ClusterSettings.DefaultCniBinDir, "lab/cluster/cniBinDir"), (ClusterSettings.DefaultCniConfDir, "lab/cluster/cniConfDir") })
        {
            var dir = sources.Text(path);
            if (dir.TrimEnd('/') != fallback)
            {
                yield return ModelErrors.Error(CalicoFeatureNeedsNewerVersion, path, $"'{dir}' differs from {fallback}, where Calico {lab.Calico.Version} installs its CNI files; the Installation can move them only from Calico {CalicoVersion.WithCniDirectories} (spec.cni.binDir/confDir, tigera/operator v1.40.0); use Calico {CalicoVersion.WithCniDirectories} or later, or keep {fallback}.", sources[path]);
            }
        }
    }
}
