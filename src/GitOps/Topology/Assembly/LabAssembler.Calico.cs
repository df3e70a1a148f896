using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Reading Calico: the IP pool, block size, rollout, control-plane selector, MTU (what they must fit across the lab: <see cref="CalicoMtuRule"/>, <see cref="CalicoCniDirsRule"/>).</summary>
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

        _sources.Add("lab/calico/ipPool/cidr", poolText.Source);
        _sources.Add("lab/calico/nodeAddressDetection", c.DetectionSource);
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
                _errors.Add(InvalidValue, "lab/calico/controlPlaneNodeSelector", $"the node selector label '{label}' is empty; use e.g. node-role.kubernetes.io/control-plane.", c.ControlPlaneSelectorSource.Or(c.Source));
            }
        }

        var version = CheckCalicoVersion(c);
        if (c.MtuValue is { } mtu)
        {
            _sources.Add("lab/calico/mtu", mtu.Source);
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
}
