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
            _errors.Add(MissingElement, "lab/calico", "the lab has no Calico primary network; add .Calico(c => c.IPPool(\"<pod CIDR>\", blockSize: 26).Bgp(b => b.Router(\"<router>\"))) with a range none of the lab's networks use (K3s's own default is 10.42.0.0/16); the router learns the pod blocks over BGP (see GITOPS163 for NAT instead).", _lab.Source);
            return null;
        }

        if (c.PoolCidr is not { } poolText)
        {
            _errors.Add(MissingElement, "lab/calico/ipPool", "Calico has no IP pool; add .IPPool(\"<pod CIDR>\", blockSize: 26) with a range none of the lab's networks use (K3s's own default is 10.42.0.0/16).", c.Source);
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
            : new CalicoSettings(new IPPool(pool.Value, blockSize.Value, c.Encapsulation, c.NatOutgoing), c.BgpChoice ?? DefaultBgp(c), c.Dataplane, c.Detection, ReadOnly.Copy(c.ControlPlaneSelector), c.RollingMaxUnavailable.Value, c.Source)
            {
                Version = version,
                Mtu = c.MtuValue?.Value,
                ContainerIpForwarding = c.IpForwarding,
            };
    }

    /// <summary>
    /// BGP when the lab does not say: off for a VXLAN pool that peers with no router (Felix programs VXLAN routes
    /// itself, tigera/operator validation.go accepts VXLAN pools with BGP disabled, and nothing else speaks BGP), on
    /// otherwise: an unencapsulated or IPIP pool needs BIRD for its routes between nodes (the operator refuses them
    /// with BGP disabled in its default BIRD cluster routing mode), and a peering needs BGP by definition. The
    /// operator's own default is Enabled for the Calico CNI (core_controller.go, "Default BGP enablement").
    /// </summary>
    private static bool DefaultBgp(CalicoBuilder c) =>
        c.Peering is not null || c.Encapsulation is not (IPPoolEncapsulation.VXLAN or IPPoolEncapsulation.VXLANCrossSubnet);

    /// <summary>
    /// The pod MTU Calico is given must leave room for the pool's encapsulation on the node network: at most the node
    /// network's MTU minus Calico's own overheads (projectcalico/calico felix/dataplane/linux/int_dataplane.go:
    /// ipipMTUOverhead 20, vxlanMTUOverhead 50, vxlanV6MTUOverhead 70; docs.tigera.io "Configure MTU to maximize network
    /// performance"). Unset, nothing is written (Installation <c>mtu</c> omitted, conflist <c>mtu: 0</c>) and Calico
    /// detects the MTU from the node's interface and subtracts the same overheads itself.
    /// </summary>
    /// <remarks>Reports GITOPS143 (CalicoMtuAboveNodeNetwork).</remarks>
    private void CheckCalicoMtu(Lab lab)
    {
        if (lab.Calico.Mtu is not { } mtu || _lab.CalicoChoice?.MtuValue is not { } set)
        {
            return;
        }

        var encapsulation = lab.Calico.Pool.Encapsulation;
        var overhead = EncapsulationOverhead(encapsulation, IpMath.IsIPv4(lab.Calico.Pool.Cidr.BaseAddress));
        var nodeNetwork = lab.Cluster.NodeNetwork;
        var max = nodeNetwork.EffectiveMtu - overhead;
        if (mtu > max)
        {
            var why = overhead == 0
                ? "pod packets leave unencapsulated"
                : $"{encapsulation} adds {overhead} bytes to every pod packet between nodes";
            _errors.Add(CalicoMtuAboveNodeNetwork, "lab/calico/mtu",
                $"Calico's pod MTU {mtu} is above {max}, the most the node network '{nodeNetwork.Name}' (MTU {nodeNetwork.EffectiveMtu}) carries: {why}, so full-size packets are dropped or fragmented. " +
                $"Use .Mtu({max}) or less, give network '{nodeNetwork.Name}' .Mtu({mtu + overhead}), or leave .Mtu(...) out and let Calico detect it.", set.Source);
        }
    }

    /// <summary>Bytes Calico subtracts for the pool's encapsulation (felix/dataplane/linux/int_dataplane.go); IPIP is IPv4 only.</summary>
    internal static int EncapsulationOverhead(IPPoolEncapsulation encapsulation, bool ipv4) => encapsulation switch
    {
        IPPoolEncapsulation.IPIP or IPPoolEncapsulation.IPIPCrossSubnet => 20,
        IPPoolEncapsulation.VXLAN or IPPoolEncapsulation.VXLANCrossSubnet => ipv4 ? 50 : 70,
        _ => 0,
    };

    /// <summary>
    /// K3s sets containerd's CNI dirs to its own (<c>&lt;data-dir&gt;/agent/etc/cni/net.d</c>, the dir of its bundled
    /// <c>host-local</c>) only when flannel runs (k3s-io/k3s pkg/agent/config/config.go: the CNIBinDir/CNIConfDir
    /// assignments sit inside <c>if !nodeConfig.NoFlannel</c>; pkg/agent/templates writes containerd's cni section only
    /// then). This lab runs K3s with <c>flannel-backend: none</c>, so containerd reads /etc/cni/net.d and /opt/cni/bin and
    /// never the agent dirs: Calico's conflist and Multus's config written there are never used.
    /// </summary>
    /// <remarks>Reports GITOPS144 (K3sAgentCniDirWithoutFlannel).</remarks>
    private void CheckK3sAgentCniDirs(Lab lab)
    {
        // The model's only distribution is K3s (issue 19 removed the one-value KubernetesDistribution).
        var cluster = _lab.ClusterChoice!;
        foreach (var (dir, prefix, fallback, path) in new[]
        {
            (cluster.ConfDir, "/var/lib/rancher/k3s/agent/etc/cni", ClusterSettings.DefaultCniConfDir, "lab/cluster/cniConfDir"),
            (cluster.BinDir, "/var/lib/rancher/k3s/data/", ClusterSettings.DefaultCniBinDir, "lab/cluster/cniBinDir"),
        })
        {
            if (dir.Value.StartsWith(prefix, StringComparison.Ordinal))
            {
                _errors.Add(K3sAgentCniDirWithoutFlannel, path,
                    $"'{dir.Value}' is K3s's own CNI dir, which containerd reads only while flannel runs; this lab runs K3s with flannel-backend: none, so containerd reads {fallback} and nothing written to '{dir.Value}' is used. " +
                    $"Leave the dir at its default {fallback} (remove the call).", dir.Source);
            }
        }
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
