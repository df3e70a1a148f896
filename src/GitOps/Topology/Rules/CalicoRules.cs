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

        if (c.Primary is null)
        {
            _errors.Add(MissingElement, "lab/calico/ipPool", "Calico has no IP pool; add .IPPool(\"<pod CIDR>\", blockSize: 26) with a range none of the lab's networks use (K3s's own default is 10.42.0.0/16).", c.Source);
            return null;
        }

        var pools = BuildPools(c);
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

        return pools is null
            ? null
            : new CalicoSettings(pools, c.BgpChoice ?? DefaultBgp(c), c.Dataplane, c.Detection, ReadOnly.Copy(c.ControlPlaneSelector), c.RollingMaxUnavailable.Value, c.Source)
            {
                Version = version,
                Mtu = c.MtuValue?.Value,
                ContainerIpForwarding = c.IpForwarding,
            };
    }

    /// <summary>
    /// The pools, <see cref="CalicoBuilder.IPPool"/>'s then <see cref="CalicoBuilder.IPv6Pool"/>'s, each with its family's block size rules (tigera/operator pkg/controller/ippool/
    /// validation.go, ValidatePools: IPv4 20–32, IPv6 116–128, and not larger than the pool; defaults 26 and 122 from
    /// pkg/controller/ippool/defaults.go), at most one per family (GITOPS190: the pools are K3s's cluster-cidr, and
    /// kube-controller-manager's validateCIDRs takes at most one CIDR per family), no IPIP on an IPv6 pool (GITOPS192:
    /// tigera/operator pkg/controller/installation/validation.go, validateCustomResource). Null when one does not parse.
    /// </summary>
    /// <remarks>Reports GITOPS108 (BlockSizeOutOfRange), GITOPS190 (AddressFamilyTwice), GITOPS192 (IPv6PoolIpip).</remarks>
    private IReadOnlyList<IPPool>? BuildPools(CalicoBuilder c)
    {
        var pools = new List<IPPool>();
        var failed = false;
        foreach (var choice in c.Pools)
        {
            var path = choice == c.Primary ? "lab/calico/ipPool" : "lab/calico/ipv6Pool";
            if (ParseCidr(choice.Cidr, $"{path}/cidr") is not { } p)
            {
                failed = true;
                continue;
            }

            var ipv4 = IpMath.IsIPv4(p.BaseAddress);
            var blockSize = choice.BlockSize;
            var maxBits = ipv4 ? 32 : 128;
            var min = ipv4 ? 20 : 116;
            if (blockSize < min || blockSize > maxBits)
            {
                _errors.Add(BlockSizeOutOfRange, $"{path}/blockSize", $"block size {blockSize} is out of range; Calico accepts {min} to {maxBits} for this pool ({(ipv4 ? "26 is the default" : "122 is Calico's IPv6 default")}).", choice.Cidr.Source);
            }
            else if (blockSize < p.PrefixLength)
            {
                _errors.Add(BlockSizeOutOfRange, $"{path}/blockSize", $"block size /{blockSize} is larger than the pool {p} itself; use a block size of at least {p.PrefixLength}.", choice.Cidr.Source);
            }

            if (pools.FirstOrDefault(other => IpMath.IsIPv4(other.Cidr.BaseAddress) == ipv4) is { } first)
            {
                _errors.Add(AddressFamilyTwice, $"{path}/cidr",
                    $"the pool {p} is a second IPv{(ipv4 ? 4 : 6)} pool beside {first.Cidr}; the pools are K3s's cluster-cidr, and kube-controller-manager takes at most one CIDR per address family (core.go, validateCIDRs). " +
                    (ipv4
                        ? $"Give .IPv6Pool(...) an IPv6 CIDR (e.g. \"fd00:42::/56\"), or remove it for a single-stack cluster."
                        : $"For dual stack give .IPPool(...) the IPv4 pool (e.g. \"10.42.0.0/16\") and keep {p} in .IPv6Pool(...); for single-stack IPv6 remove .IPv6Pool(...)."), choice.Cidr.Source);
                continue;
            }

            if (!ipv4 && c.Encapsulation is IPPoolEncapsulation.IPIP or IPPoolEncapsulation.IPIPCrossSubnet)
            {
                _errors.Add(IPv6PoolIpip, "lab/calico/encapsulation",
                    $"the pool {p} is IPv6 and the encapsulation is {c.Encapsulation}; the tigera operator refuses the Installation (\"IPIP encapsulation is not supported by IPv6 pools\", validation.go). " +
                    "Use .Encapsulate(IPPoolEncapsulation.VXLAN) (or VXLANCrossSubnet, or None with BGP) for every pool.", choice.Cidr.Source);
            }

            pools.Add(new IPPool(p, blockSize, c.Encapsulation, c.NatOutgoing));
        }

        return failed ? null : ReadOnly.Copy(pools);
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
