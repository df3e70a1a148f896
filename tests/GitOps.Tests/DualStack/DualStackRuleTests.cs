using GitOps.Tests.Model;
using GitOps.Tests.Support;
using GitOps.Topology;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.DualStack;

/// <summary>Dual-stack model rules (GITOPS190–195, and the dual-stack cases of GITOPS108/163); each fact is cited in src/GitOps/Topology/Rules.</summary>
public sealed class DualStackRuleTests
{
    private const string Attachment = "lab/attachments/default/layer2-bridge";

    [Fact]
    public void Dual_stack_lab_builds_with_both_pools_in_order_and_the_IPv6_defaults()
    {
        var lab = DualStackLabs.Build();
        Assert.True(lab.Calico.DualStack);
        Assert.Equal(["192.168.7.0/24/26", "fd00:42::/56/122"], lab.Calico.Pools.Select(p => $"{p.Cidr}/{p.BlockSize}"));
        Assert.Equal(NodeAddress.Interface, lab.Calico.AddressDetectionV6);
        Assert.Equal(["10.43.0.0/16", "fd00:43::/112"], lab.Cluster.ServiceCidrs.Select(s => s.ToString()));
        var ipam = Assert.IsType<StaticIpamOptions>(Assert.Single(lab.Attachments).Ipam);
        Assert.Equal("fd00:2::50/64", $"{ipam.IPv6Address}/{ipam.IPv6PrefixLength}");
        Assert.True(Assert.Single(lab.Attachments).IPv6);
    }

    [Fact]
    public void A_single_stack_lab_is_unchanged_by_the_dual_stack_model()
    {
        var lab = BlogLab.Build();
        Assert.False(lab.Calico.DualStack);
        Assert.Null(lab.Calico.AddressDetectionV6);
        Assert.Equal(["10.43.0.0/16"], lab.Cluster.ServiceCidrs.Select(s => s.ToString()));
    }

    [Fact]
    public void A_single_stack_IPv6_pool_gets_K3s_IPv6_service_default()
    {
        var lab = BlogLab.OneNode(extra: b => b.Calico(c => c.IPPool("fd00:7::/112", blockSize: 122).RouterHasStaticRoutes()));
        Assert.Equal(["fd00:43::/112"], lab.Cluster.ServiceCidrs.Select(s => s.ToString()));
    }

    [Fact]
    public void An_IPv4_CIDR_as_the_IPv6_pool_is_a_second_IPv4_pool() =>
        Expect.Error(new() { Calico = c => c.IPv6Pool("10.99.0.0/16", blockSize: 26).NatOutgoingTraffic() },
            AddressFamilyTwice, "lab/calico/ipv6Pool/cidr", value: "the pool 10.99.0.0/16 is a second IPv4 pool beside 192.168.7.0/24", fix: "Give .IPv6Pool(...) an IPv6 CIDR");

    [Fact]
    public void An_IPv6_primary_pool_beside_the_IPv6_pool_is_a_second_IPv6_pool()
    {
        var errors = Expect.Errors(new() { Calico = c => c.IPPool("fd00:7::/56", blockSize: 122).IPv6Pool("fd00:42::/56").NatOutgoingTraffic() });
        var twice = Assert.Single(errors, d => d.Code == AddressFamilyTwice);
        Assert.Equal("lab/calico/ipv6Pool/cidr", twice.Path);
        Assert.Contains("For dual stack give .IPPool(...) the IPv4 pool", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_IPv4_IPv6_service_CIDR_is_refused() =>
        Expect.Error(new() { Calico = c => c.IPv6Pool("fd00:42::/56").NatOutgoingTraffic(), Cluster = c => c.IPv6ServiceCidr("10.96.0.0/12") },
            AddressFamilyTwice, "lab/cluster/ipv6ServiceCidr", value: "the IPv6 service CIDR 10.96.0.0/12 is IPv4", fix: "\"fd00:43::/112\"");

    [Fact]
    public void An_IPv6_service_CIDR_without_an_IPv6_pool_is_refused_as_K3s_does() =>
        Expect.Error(new() { Cluster = c => c.IPv6ServiceCidr("fd00:43::/112") },
            ServiceCidrFamilyMismatch, "lab/cluster/ipv6ServiceCidr", value: "the pods' cluster-cidr (the Calico pool) is single-stack", fix: "Add .IPv6Pool(\"fd00:42::/56\")");

    [Fact]
    public void A_service_CIDR_of_the_other_family_is_refused_as_K3s_does() =>
        Expect.Error(new() { Cluster = c => c.ServiceCidr("fd00:43::/112") },
            ServiceCidrFamilyMismatch, "lab/cluster/serviceCidr", value: "the service CIDR fd00:43::/112 is IPv6 but the primary Calico pool 192.168.7.0/24 is IPv4", fix: ".ServiceCidr(\"10.43.0.0/16\")");

    [Fact]
    public void An_explicit_IPv6_service_CIDR_is_used() =>
        Assert.Equal(["10.43.0.0/16", "fd00:96::/108"], BlogLab.Build(DualStackLabs.Change with { Cluster = c => c.IPv6ServiceCidr("fd00:96::/108") }).Cluster.ServiceCidrs.Select(s => s.ToString()));

    [Fact]
    public void An_IPv6_pool_with_IPIP_is_refused_as_the_operator_does() =>
        Expect.Error(new() { Calico = c => c.IPv6Pool("fd00:42::/56").Encapsulate(IPPoolEncapsulation.IPIP).NatOutgoingTraffic() },
            IPv6PoolIpip, "lab/calico/encapsulation", value: "the pool fd00:42::/56 is IPv6 and the encapsulation is IPIP", fix: ".Encapsulate(IPPoolEncapsulation.VXLAN)");

    [Fact]
    public void An_IPv6_block_size_outside_116_to_128_is_refused() =>
        Expect.Error(new() { Calico = c => c.IPv6Pool("fd00:42::/56", blockSize: 112).NatOutgoingTraffic() },
            BlockSizeOutOfRange, "lab/calico/ipv6Pool/blockSize", value: "block size 112 is out of range; Calico accepts 116 to 128", fix: "122 is Calico's IPv6 default");

    [Fact]
    public void An_IPv6_pool_without_NAT_or_static_routes_is_unroutable() =>
        Expect.Error(new() { Calico = c => c.IPv6Pool("fd00:42::/56") },
            PodPoolUnroutable, "lab/calico/ipv6Pool", value: "the IPv6 pod pool fd00:42::/56 has natOutgoing disabled", fix: ".NatOutgoingTraffic()");

    [Fact]
    public void IPv6_detection_without_dual_stack_is_refused() =>
        Expect.Error(new() { Calico = c => c.DetectNodeAddressV6(NodeAddress.Interface) },
            NodeAddressFamilyUnknown, "lab/calico/nodeAddressDetectionV6", value: "the lab has one pool (192.168.7.0/24)", fix: "remove .DetectNodeAddressV6(...)");

    [Fact]
    public void IPv6_detection_by_subnet_on_an_IPv4_node_network_is_refused() =>
        Expect.Error(new() { Calico = c => c.IPv6Pool("fd00:42::/56").NatOutgoingTraffic().DetectNodeAddressV6(NodeAddress.Subnet) },
            NodeAddressFamilyUnknown, "lab/calico/nodeAddressDetectionV6", value: "network 'k8s' has the IPv4 subnet 192.168.3.0/24", fix: ".DetectNodeAddressV6(NodeAddress.Interface)");

    [Fact]
    public void IPv6_detection_by_interface_is_checked_like_IPv4s() =>
        Expect.Error(new() { Calico = c => c.IPv6Pool("fd00:42::/56").NatOutgoingTraffic().DetectNodeAddressV6(NodeAddress.Interface), Add = b => b.Node("k8s-3", n => n.Interface("eno1", "k8s").Interface("eth1", "lan")) },
            NodeAddressRegexAmbiguous, "lab/calico/nodeAddressDetectionV6", value: "also matches 'eth1' on node 'k8s-3'", fix: "Name the node network's interfaces so that no other device matches");

    [Fact]
    public void Dhcp_on_an_IPv6_network_is_refused_as_the_plugin_is_DHCPv4_only() =>
        Expect.Error(new() { Node = n => n.Interface("eth2", "lan6", i => i.Bridge("br6")), Add = b => b.Network("lan6", n => n.Vlan(60).Subnet("fd00:6::/64").Gateway("fd00:6::1").HostAddressing(Addressing.None)).Attachment("default/lan6", a => a.Network("lan6").Bridge("br6").Dhcp()) },
            DhcpIPv6Unsupported, "lab/attachments/default/lan6/ipam", value: "the dhcp IPAM plugin is a DHCPv4 client only", fix: ".StaticAddress(\"fd00:6::50/64\")");

    [Fact]
    public void A_static_IPv6_address_on_an_IPv6_network_builds()
    {
        var lab = BlogLab.Build(new() { Node = n => n.Interface("eth2", "lan6", i => i.Bridge("br6")), Add = b => b.Network("lan6", n => n.Vlan(60).Subnet("fd00:6::/64").Gateway("fd00:6::1").HostAddressing(Addressing.None)).Attachment("default/lan6", a => a.Network("lan6").Bridge("br6").StaticAddress("fd00:6::50/64", "fd00:6::1")) });
        var ipam = Assert.IsType<StaticIpamOptions>(lab.Attachments.Single(a => a.Name == "lan6").Ipam);
        Assert.Equal("fd00:6::50", ipam.Address.ToString());
        Assert.Null(ipam.IPv6Address);
    }

    [Fact]
    public void A_static_IPv6_address_without_a_static_IPv4_one_is_refused() =>
        Expect.Error(new() { Attachment = a => a.StaticIPv6Address("fd00:2::50/64") },
            StaticIPv6AddressMisplaced, $"{Attachment}/ipam/ipv6Address", value: "the attachment's addresses come from .Dhcp(...)", fix: ".IPv6() declares SLAAC addresses instead");

    [Fact]
    public void An_IPv4_address_as_the_static_IPv6_one_is_refused() =>
        Expect.Error(new() { Attachment = a => a.StaticAddress("192.168.2.50/24").StaticIPv6Address("192.168.2.51/24") },
            StaticIPv6AddressMisplaced, $"{Attachment}/ipam/ipv6Address", value: "'192.168.2.51/24' is not an IPv6 host address with a prefix", fix: "\"fd00:2::50/64\"");

    [Fact]
    public void A_static_IPv6_address_on_an_IPv6_network_goes_to_StaticAddress() =>
        Expect.Error(new() { Node = n => n.Interface("eth2", "lan6", i => i.Bridge("br6")), Add = b => b.Network("lan6", n => n.Vlan(60).Subnet("fd00:6::/64").Gateway("fd00:6::1").HostAddressing(Addressing.None)).Attachment("default/lan6", a => a.Network("lan6").Bridge("br6").StaticAddress("fd00:6::50/64").StaticIPv6Address("fd00:6::51/64")) },
            StaticIPv6AddressMisplaced, "lab/attachments/default/lan6/ipam/ipv6Address", value: "network 'lan6' is IPv6 (fd00:6::/64)", fix: "Give the address to .StaticAddress(\"fd00:6::51/64\")");

    [Fact]
    public void Dhcp_with_SLAAC_declared_builds()
    {
        var lab = BlogLab.Build(new() { Attachment = a => a.IPv6() });
        Assert.IsType<DhcpIpamOptions>(Assert.Single(lab.Attachments).Ipam);
        Assert.True(Assert.Single(lab.Attachments).IPv6);
    }

    [Fact]
    public void A_whereabouts_IPv6_range_on_an_IPv6_network_builds_and_is_written()
    {
        var lab = BlogLab.Build(new() { Node = n => n.Interface("eth2", "lan6", i => i.Bridge("br6")), Add = b => b.Network("lan6", n => n.Vlan(60).Subnet("fd00:6::/64").Gateway("fd00:6::1").HostAddressing(Addressing.None)).Attachment("default/lan6", a => a.Network("lan6").Bridge("br6").Whereabouts("fd00:6::100/120", w => w.Exclude("fd00:6::100/127").Gateway("fd00:6::1"))) });
        var attachment = lab.Attachments.Single(a => a.Name == "lan6");
        var ipam = System.Text.Json.Nodes.JsonNode.Parse(GitOps.Cni.LayerTwoConflist.Build(lab, attachment).ToJson())!["plugins"]![0]!["ipam"]!;
        Assert.Equal("whereabouts", (string?)ipam["type"]);
        // The subnet, narrowed to the /120's first and last usable address (docs/whereabouts.md: the pod gets the /64).
        Assert.Equal("fd00:6::/64", (string?)ipam["range"]);
        Assert.Equal("fd00:6::101", (string?)ipam["range_start"]);
        Assert.Equal("fd00:6::1fe", (string?)ipam["range_end"]);
        Assert.Equal("fd00:6::1", (string?)ipam["gateway"]);
    }

    [Fact]
    public void On_an_IPv6_node_network_IPv6_is_detected_by_subnet_and_IPv4_by_interface()
    {
        var lab = BlogLab.Build(new() { K8s = n => n.Subnet("fd00:3::/64").Gateway("fd00:3::1"), Omit = LabSection.Calico, Add = b => b.Calico(c => c.IPPool("192.168.7.0/24").IPv6Pool("fd00:42::/56").NatOutgoingTraffic()) });
        Assert.Equal(NodeAddress.Interface, lab.Calico.AddressDetection);
        Assert.Equal(NodeAddress.Subnet, lab.Calico.AddressDetectionV6);
        var network = GitOps.Calico.CalicoEmitter.Build(lab).Spec.CalicoNetwork;
        Assert.Equal("^eth1$", network.NodeAddressAutodetectionV4!.Interface);
        Assert.Equal(["fd00:3::/64"], network.NodeAddressAutodetectionV6!.Cidrs!);
    }

    [Fact]
    public void IPv4_detection_by_subnet_on_an_IPv6_node_network_is_refused() =>
        Expect.Error(new() { K8s = n => n.Subnet("fd00:3::/64").Gateway("fd00:3::1"), Omit = LabSection.Calico, Add = b => b.Calico(c => c.IPPool("192.168.7.0/24").IPv6Pool("fd00:42::/56").NatOutgoingTraffic().DetectNodeAddress(NodeAddress.Subnet)) },
            NodeAddressFamilyUnknown, "lab/calico/nodeAddressDetection", value: "network 'k8s' has the IPv6 subnet fd00:3::/64", fix: ".DetectNodeAddress(NodeAddress.Interface)");

    // Rules over the built lab report dual-stack values where the assembler recorded them in the SourceMap.

    [Fact]
    public void An_IPv6_service_CIDR_inside_the_IPv6_pool_overlaps_at_its_call() =>
        Expect.Error(new() { Calico = c => c.IPv6Pool("fd00:42::/56").NatOutgoingTraffic(), Cluster = k => k.IPv6ServiceCidr("fd00:42::/112") },
            SubnetOverlap, "lab/cluster/ipv6ServiceCidr", value: "fd00:42::/112 (IPv6 service CIDR) overlaps fd00:42::/56 (Calico IPv6 pod pool)", fix: "need their own address range");

    [Fact]
    public void The_default_IPv6_service_CIDR_inside_the_IPv6_pool_overlaps_at_the_cluster() =>
        Expect.Error(new() { Calico = c => c.IPv6Pool("fd00:43::/56").NatOutgoingTraffic() },
            SubnetOverlap, "lab/cluster/ipv6ServiceCidr", value: "fd00:43::/112 (IPv6 service CIDR) overlaps fd00:43::/56 (Calico IPv6 pod pool)", fix: "need their own address range", Origin.BlogLab);

    [Fact]
    public void An_IPv6_pool_over_an_IPv6_network_overlaps_at_the_pool_s_call() =>
        Expect.Error(new() { K8s = n => n.Subnet("fd00:3::/64").Gateway("fd00:3::1"), Omit = LabSection.Calico, Add = b => b.Calico(c => c.IPPool("192.168.7.0/24").IPv6Pool("fd00:3::/56").NatOutgoingTraffic()) },
            SubnetOverlap, "lab/calico/ipv6Pool/cidr", value: "fd00:3::/56 (Calico IPv6 pod pool) overlaps fd00:3::/64 (network 'k8s')", fix: "need their own address range");

    [Fact]
    public void IPv4_detection_by_interface_on_an_IPv6_node_network_is_reported_at_the_IPv6_pool() =>
        Expect.Error(new() { K8s = n => n.Subnet("fd00:3::/64").Gateway("fd00:3::1"), Omit = LabSection.Calico, Add = b => b.Calico(c => c.IPPool("192.168.7.0/24").IPv6Pool("fd00:42::/56").NatOutgoingTraffic()).Node("k8s-3", n => n.Interface("eno1", "k8s").Interface("eth1", "lan")) },
            NodeAddressRegexAmbiguous, "lab/calico/nodeAddressDetection", value: "also matches 'eth1' on node 'k8s-3'", fix: "Remove .DetectNodeAddress(NodeAddress.Interface)");

    [Fact]
    public void IPv6_detection_by_interface_left_at_its_default_is_reported_at_the_IPv6_pool() =>
        Expect.Error(new() { Calico = c => c.IPv6Pool("fd00:42::/56").NatOutgoingTraffic(), Add = b => b.Node("k8s-3", n => n.Interface("eno1", "k8s").Interface("eth1", "lan")) },
            NodeAddressRegexAmbiguous, "lab/calico/nodeAddressDetectionV6", value: "also matches 'eth1' on node 'k8s-3'", fix: "Name the node network's interfaces so that no other device matches");
}
