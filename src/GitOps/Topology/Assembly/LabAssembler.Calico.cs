using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Reading Calico: the IP pools (one per family, dual stack: docs/dual-stack.md), block size, rollout, control-plane selector, MTU, the IPv6 node address detection (what they must fit across the lab: <see cref="CalicoMtuRule"/>, <see cref="CalicoCniDirsRule"/>, <see cref="NodeAddressV6RegexRule"/>).</summary>
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

        if (c.Primary is not { } primary)
        {
            _errors.Add(MissingElement, "lab/calico/ipPool", "Calico has no IP pool; add .IPPool(\"<pod CIDR>\", blockSize: 26) with a range none of the lab's networks use (K3s's own default is 10.42.0.0/16).", c.Source);
            return null;
        }

        _sources.Add("lab/calico/ipPool/cidr", primary.Cidr.Source);
        if (c.SecondV6 is { } secondV6)
        {
            _sources.Add("lab/calico/ipv6Pool/cidr", secondV6.Cidr.Source);
        }

        // A detection left at its default is reported where dual stack makes it matter: the IPv4 one is switched to
        // Interface on an IPv6 node network (WithNodeAddressV6), both at the .IPv6Pool(...) call.
        var dualStackAt = c.SecondV6?.Cidr.Source ?? c.Source;
        _sources.Add("lab/calico/nodeAddressDetection", c.DetectionSource, dualStackAt);
        _sources.Add("lab/calico/nodeAddressDetectionV6", c.DetectionV6?.Source ?? default, dualStackAt);
        var pools = BuildPools(c);
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
    /// The IPv6 node address detection of a dual-stack lab. <c>Subnet</c> (<c>cidrs</c>) and <c>Gateway</c>
    /// (<c>canReach</c>) need an IPv6 prefix and gateway of the node network, which the model has only when the node
    /// network's subnet is IPv6; <c>Interface</c> needs only the interface names, which carry both families. The
    /// operator checks each family alike (tigera/operator pkg/controller/installation/validation.go,
    /// validateNodeAddressDetection), so every method it takes for IPv4 is offered for IPv6.
    /// </summary>
    /// <remarks>Reports GITOPS193 (NodeAddressFamilyUnknown).</remarks>
    private CalicoSettings? WithNodeAddressV6(CalicoSettings? calico, ClusterSettings? cluster)
    {
        var choice = _lab.CalicoChoice?.DetectionV6;
        if (calico is null || cluster is null)
        {
            return calico;
        }

        if (!calico.DualStack)
        {
            if (choice is { } unused)
            {
                _errors.Add(NodeAddressFamilyUnknown, "lab/calico/nodeAddressDetectionV6",
                    $".DetectNodeAddressV6(NodeAddress.{unused.Value}) chooses how calico-node finds each node's IPv6 address in a dual-stack cluster, but the lab has one pool ({calico.Pool.Cidr}), so nothing would use it. " +
                    "Add .IPv6Pool(\"fd00:42::/56\") for dual stack, or remove .DetectNodeAddressV6(...).", unused.Source);
            }

            return calico;
        }

        var nodeNetworkV6 = !IpMath.IsIPv4(cluster.NodeNetwork.Subnet.BaseAddress);

        // The IPv4 detection likewise: its Subnet/Gateway default needs an IPv4 node network; on an IPv6 one a
        // dual-stack lab detects IPv4 by interface name unless the user chose otherwise.
        var v4Method = calico.AddressDetection;
        if (nodeNetworkV6 && v4Method != NodeAddress.Interface)
        {
            if (_lab.CalicoChoice!.DetectionSource != default)
            {
                _errors.Add(NodeAddressFamilyUnknown, "lab/calico/nodeAddressDetection",
                    $"NodeAddress.{v4Method} for IPv4 needs the node network's IPv4 {(v4Method == NodeAddress.Subnet ? "prefix" : "gateway")}, but network '{cluster.NodeNetwork.Name}' has the IPv6 subnet {cluster.NodeNetwork.Subnet} and the model knows one subnet per network. " +
                    "Use .DetectNodeAddress(NodeAddress.Interface): the node network's interface names carry both families.", _lab.CalicoChoice.DetectionSource);
                return null;
            }

            v4Method = NodeAddress.Interface;
        }

        var method = choice?.Value ?? (nodeNetworkV6 ? NodeAddress.Subnet : NodeAddress.Interface);
        if (method != NodeAddress.Interface && !nodeNetworkV6 && choice is { } set)
        {
            _errors.Add(NodeAddressFamilyUnknown, "lab/calico/nodeAddressDetectionV6",
                $"NodeAddress.{method} for IPv6 needs the node network's IPv6 {(method == NodeAddress.Subnet ? "prefix" : "gateway")}, but network '{cluster.NodeNetwork.Name}' has the IPv4 subnet {cluster.NodeNetwork.Subnet} and the model knows one subnet per network. " +
                "Use .DetectNodeAddressV6(NodeAddress.Interface) (the default): the node network's interface names carry both families.", set.Source);
            return null;
        }

        return calico with { AddressDetection = v4Method, AddressDetectionV6 = method };
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
