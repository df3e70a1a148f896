using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Calico rules: the IP pool, block size, rollout, control-plane selector, MTU, and the CNI directories a release can move.</summary>
internal sealed partial class LabAssembler
{
    /// <remarks>Reports GITOPS113 (MissingElement), GITOPS108 (BlockSizeOutOfRange), GITOPS121 (InvalidValue).</remarks>
    private CalicoSettings? BuildCalico()
    {
        if (_lab.CalicoChoice is not { } c)
        {
            _errors.Add(MissingElement, "lab/calico", "the lab has no Calico primary network; add .Calico(c => c.IpPool(\"192.168.7.0/24\", blockSize: 26).Bgp(b => b.Router(\"router\"))) (the router learns the pod blocks over BGP; see GITOPS163 for NAT instead).", _lab.Source);
            return null;
        }

        if (c.PoolCidr is not { } poolText)
        {
            _errors.Add(MissingElement, "lab/calico/ipPool", "Calico has no IP pool; add .IpPool(\"192.168.7.0/24\", blockSize: 26).", c.Source);
            return null;
        }

        var pool = ParseCidr(poolText, "lab/calico/ipPool/cidr");
        var blockSize = c.PoolBlockSize;
        if (pool is { } p)
        {
            var maxBits = IpMath.IsIPv4(p.BaseAddress) ? 32 : 128;
            var min = IpMath.IsIPv4(p.BaseAddress) ? 20 : 116;
            if (blockSize.Value < min || blockSize.Value > maxBits)
            {
                _errors.Add(BlockSizeOutOfRange, "lab/calico/ipPool/blockSize", $"block size {blockSize.Value} is out of range; Calico accepts {min} to {maxBits} for this pool (26 is the default).", blockSize.Source);
            }
            else if (blockSize.Value < p.PrefixLength)
            {
                _errors.Add(BlockSizeOutOfRange, "lab/calico/ipPool/blockSize", $"block size /{blockSize.Value} is larger than the pool {p} itself; use a block size of at least {p.PrefixLength}.", blockSize.Source);
            }
        }

        if (c.RollingMaxUnavailable.Value < 1)
        {
            _errors.Add(InvalidValue, "lab/calico/maxUnavailable", $"maxUnavailable {c.RollingMaxUnavailable.Value} would never update a node; use 1 or more.", c.RollingMaxUnavailable.Source);
        }

        foreach (var (label, value) in c.ControlPlaneSelector)
        {
            if (string.IsNullOrWhiteSpace(label))
            {
                _errors.Add(InvalidValue, "lab/calico/controlPlaneNodeSelector", $"the node selector label '{label}' is empty; use e.g. node-role.kubernetes.io/control-plane.", c.ControlPlaneSelectorSource == default ? c.Source : c.ControlPlaneSelectorSource);
            }
        }

        var version = CheckCalicoVersion(c);
        if (c.MtuValue is { } mtu)
        {
            CheckMtu(mtu, "lab/calico/mtu");
        }

        return pool is null
            ? null
            : new CalicoSettings(new IpPool(pool.Value, blockSize.Value, c.Encapsulation, c.NatOutgoing), c.BgpEnabled, c.Dataplane, c.Detection, ReadOnly.Copy(c.ControlPlaneSelector), c.RollingMaxUnavailable.Value, c.Source)
            {
                Version = version,
                Mtu = c.MtuValue?.Value,
                ContainerIpForwarding = c.IpForwarding,
            };
    }

    /// <summary>
    /// CNI dirs other than the defaults must reach the Installation (<c>spec.cni.binDir</c>/<c>confDir</c>), or
    /// calico-node installs Calico's plugins and conflist where kubelet and Multus do not look. Those fields
    /// first exist in tigera/operator v1.40.0, the operator of Calico v3.31.0 (v3.30.x ships v1.38.x; the
    /// fields came with tigera/operator PR #3882 in v1.39.0, which no Calico release chart uses).
    /// </summary>
    /// <remarks>Reports GITOPS155 (CalicoFeatureNeedsNewerVersion).</remarks>
    private void CheckCalicoCniDirs(Lab lab)
    {
        if (lab.Calico.Version >= CalicoVersion.WithCniDirectories)
        {
            return;
        }

        var cluster = _lab.ClusterChoice!;
        foreach (var (dir, fallback, path) in new[]
        {
            (cluster.BinDir, ClusterSettings.DefaultCniBinDir, "lab/cluster/cniBinDir"),
            (cluster.ConfDir, ClusterSettings.DefaultCniConfDir, "lab/cluster/cniConfDir"),
        })
        {
            if (dir.Value.TrimEnd('/') != fallback)
            {
                _errors.Add(CalicoFeatureNeedsNewerVersion, path, $"'{dir.Value}' differs from {fallback}, where Calico {lab.Calico.Version} installs its CNI files; the Installation can move them only from Calico {CalicoVersion.WithCniDirectories} (spec.cni.binDir/confDir, tigera/operator v1.40.0); use Calico {CalicoVersion.WithCniDirectories} or later, or keep {fallback}.", dir.Source);
            }
        }
    }
}
