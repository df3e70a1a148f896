namespace GitOps.Diagnostics;

/// <summary>Dual stack (issue 17): GITOPS190–GITOPS195 (docs/dual-stack.md).</summary>
public static partial class DiagnosticCodes
{
    /// <summary>
    /// GITOPS190: Two Calico pools, or two service CIDRs, of one address family. The pools are K3s's
    /// <c>cluster-cidr</c>, which kube-controller-manager refuses unless it holds at most one CIDR per family
    /// (kubernetes/kubernetes cmd/kube-controller-manager/app/core.go, validateCIDRs: "not configured as dual stack (at
    /// least one from each IPFamily", "more than max allowed of 2"); the service CIDRs are kube-apiserver's
    /// <c>service-cluster-ip-range</c>, whose two entries "must be of different IP family" (kubernetes/kubernetes
    /// pkg/controlplane/apiserver/options/validation.go, validateClusterIPFlags).
    /// </summary>
    public const string AddressFamilyTwice = "GITOPS190";

    /// <summary>
    /// GITOPS191: The service CIDRs' families differ from the pools' (one stack against two, or another primary family):
    /// K3s's agent refuses to start ("cluster-cidr: … and service-cidr: …, must share the same IP version (IPv4, IPv6 or
    /// dual-stack)", k3s-io/k3s pkg/agent/run.go, run).
    /// </summary>
    public const string ServiceCidrFamilyMismatch = "GITOPS191";

    /// <summary>
    /// GITOPS192: An IPv6 pool with IPIP encapsulation: the tigera operator refuses the Installation ("IPIP encapsulation
    /// is not supported by IPv6 pools", tigera/operator pkg/controller/installation/validation.go, validateCustomResource).
    /// </summary>
    public const string IPv6PoolIpip = "GITOPS192";

    /// <summary>
    /// GITOPS193: An IPv6 node address detection the lab cannot derive: <c>DetectNodeAddressV6</c> without an IPv4 and an
    /// IPv6 pool, or <c>Subnet</c>/<c>Gateway</c> for a family the node network's subnet is not (the model knows one
    /// subnet per network, so it has no prefix or gateway of the other family to write).
    /// </summary>
    public const string NodeAddressFamilyUnknown = "GITOPS193";

    /// <summary>
    /// GITOPS194: A <c>.Dhcp()</c> attachment on a network whose subnet is IPv6: the dhcp IPAM plugin is a DHCPv4 client
    /// only (containernetworking/plugins plugins/ipam/dhcp/lease.go imports github.com/insomniacslk/dhcp/dhcpv4 and
    /// nothing of DHCPv6), so the pod would get no address on that network.
    /// </summary>
    public const string DhcpIPv6Unsupported = "GITOPS194";

    /// <summary>
    /// GITOPS195: <c>.StaticIPv6Address(…)</c> the model cannot place: without <c>.StaticAddress(…)</c> of the network's
    /// IPv4 subnet, on a network whose subnet is IPv6 (give the address to <c>.StaticAddress</c> then), or an address
    /// that is not an IPv6 host address with a prefix.
    /// </summary>
    public const string StaticIPv6AddressMisplaced = "GITOPS195";
}
