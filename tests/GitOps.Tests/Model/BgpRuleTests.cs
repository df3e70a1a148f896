using GitOps.Tests.Support;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>
/// BGP peering with the router (GITOPS160–GITOPS166) and the rule that a pod pool without NAT has a way back
/// (GITOPS163). The blog's lab peers with its router "router" (AS 64512 ↔ 64513, the k8s gateway 192.168.3.1).
/// </summary>
public sealed class BgpRuleTests
{
    [Fact]
    public void Pool_without_nat_without_peer_or_static_routes_is_rejected_naming_the_pool_and_every_fix()
    {
        var d = Expect.Error(new() { Add = b => b.Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26)) },
            PodPoolUnroutable, "lab/calico/ipPool", value: "the pod pool 192.168.7.0/24 has natOutgoing disabled", fix: ".Bgp(b => b.Router(\"router\")) (BGP to 192.168.3.1");
        Assert.Contains(".NatOutgoingTraffic()", d.Message, StringComparison.Ordinal);
        Assert.Contains(".RouterHasStaticRoutes()", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pool_without_nat_with_bgp_disabled_is_rejected() =>
        Expect.Error(new() { Add = b => b.Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(false).Encapsulate(Topology.IPPoolEncapsulation.VXLAN)) },
            PodPoolUnroutable, "lab/calico/ipPool", value: "192.168.7.0/24", fix: ".NatOutgoingTraffic()");

    [Fact]
    public void Pool_without_nat_is_accepted_when_the_router_has_static_routes()
    {
        var lab = BlogLab.Build(new() { Add = b => b.Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).RouterHasStaticRoutes()) });
        Assert.True(lab.Calico.RouterHasStaticRoutes);
        Assert.Null(lab.Calico.Peering);
        Assert.DoesNotContain(LabGenerator.GenerateSet(lab).Files, f => f.RelativePath.StartsWith("calico-bgp/", StringComparison.Ordinal) || f.RelativePath.EndsWith("frr.conf", StringComparison.Ordinal));
    }

    /// <summary>Issue 17: a VXLAN+NAT lab that peers with nobody gets bgp: Disabled (Felix programs VXLAN routes).</summary>
    [Fact]
    public void A_vxlan_pool_with_no_peer_gets_bgp_disabled_by_default()
    {
        var lab = BlogLab.Build(new() { Add = b => b.Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Encapsulate(Topology.IPPoolEncapsulation.VXLAN).NatOutgoingTraffic()) });
        Assert.False(lab.Calico.Bgp);
        Assert.Equal("Disabled", GitOps.Calico.CalicoEmitter.Build(lab).Spec.CalicoNetwork.Bgp);
    }

    [Theory]
    [InlineData(Topology.IPPoolEncapsulation.None)]
    [InlineData(Topology.IPPoolEncapsulation.IPIP)]
    public void A_pool_whose_routes_bird_programs_keeps_bgp_without_a_peer(Topology.IPPoolEncapsulation encapsulation) =>
        Assert.True(BlogLab.Build(new() { Add = b => b.Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Encapsulate(encapsulation).NatOutgoingTraffic()) }).Calico.Bgp);

    [Fact]
    public void A_vxlan_pool_that_peers_keeps_bgp() =>
        Assert.True(BlogLab.Build(new() { Calico = c => c.Encapsulate(Topology.IPPoolEncapsulation.VXLAN) }).Calico.Bgp);

    [Fact]
    public void Bgp_off_for_an_unencapsulated_pool_is_GITOPS167_as_the_operator_refuses_it() =>
        Expect.Error(new() { Add = b => b.Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(false).NatOutgoingTraffic()) },
            BgpRequiredByPool, "lab/calico/bgp", value: "the pool 192.168.7.0/24 uses encapsulation None", fix: "Remove .Bgp(false)");

    [Fact]
    public void Pool_with_nat_is_accepted_without_peering() =>
        Assert.True(BlogLab.Build(new() { Add = b => b.Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).NatOutgoingTraffic()) }).Calico.Pool.NatOutgoing);

    [Theory]
    [InlineData(0u, "AS 0 is reserved")]
    [InlineData(23456u, "AS_TRANS")]
    [InlineData(64500u, "documentation (RFC 5398)")]
    [InlineData(65535u, "AS 65535 is reserved")]
    [InlineData(65540u, "documentation (RFC 5398)")]
    [InlineData(4200000000u, "does not fit Calico's asNumber")]
    public void Cluster_as_number_unusable_is_rejected(uint asn, string problem) =>
        Expect.Error(new() { Calico = c => c.Bgp(b => b.AsNumber(asn).Router("router")) },
            BgpAsNumberInvalid, "lab/calico/bgp/asNumber", value: problem, fix: "use a private ASN from 64512–65534");

    [Fact]
    public void Router_as_number_unusable_is_rejected_at_the_router() =>
        Expect.Error(new() { Calico = c => c.Bgp(b => b.Router("router", r => r.AsNumber(65535))) },
            BgpAsNumberInvalid, "lab/calico/bgp/routers/router/asNumber", value: "router 'router': AS 65535 is reserved", fix: "64513 for the router");

    [Fact]
    public void Router_with_the_clusters_as_is_rejected() =>
        Expect.Error(new() { Calico = c => c.Bgp(b => b.AsNumber(64513).Router("router")) },
            BgpSameAsNumber, "lab/calico/bgp/routers/router/asNumber", value: "has the cluster's AS 64513", fix: ".AsNumber(64512)");

    [Fact]
    public void Router_outside_the_node_network_is_rejected() =>
        Expect.Error(new() { Calico = c => c.Bgp(b => b.Router("router", r => r.Address("192.168.2.1"))) },
            BgpRouterOutsideNodeNetwork, "lab/calico/bgp/routers/router/address", value: "router address 192.168.2.1 is not a host address in the node network 'k8s' (192.168.3.0/24)", fix: "e.g. its gateway 192.168.3.1");

    [Fact]
    public void A_router_that_takes_a_wrong_gateway_is_not_reported_again_at_the_router()
    {
        // Try-out 7: a gateway outside the node network gave GITOPS103 at the network and a GITOPS161 at the router that
        // suggested that same gateway as the fix.
        var errors = Expect.Errors(new() { K8s = n => n.Gateway("192.168.4.1") });

        Assert.Contains(errors, e => e.Code == GatewayOutsideSubnet);
        Assert.DoesNotContain(errors, e => e.Code == BgpRouterOutsideNodeNetwork);
    }

    [Fact]
    public void A_router_address_outside_a_node_network_whose_gateway_is_wrong_suggests_no_gateway()
    {
        var errors = Expect.Errors(new() { K8s = n => n.Gateway("192.168.4.1"), Calico = c => c.Bgp(b => b.Router("router", r => r.Address("192.168.2.1"))) });

        var router = Assert.Single(errors, e => e.Code == BgpRouterOutsideNodeNetwork);
        Assert.DoesNotContain("192.168.4.1", router.Message, StringComparison.Ordinal);
        Assert.EndsWith("Use the router's address on 'k8s'.", router.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.168.3.0")]
    [InlineData("192.168.3.255")]
    public void Router_on_the_node_networks_network_or_broadcast_address_is_rejected(string address) =>
        Expect.Error(new() { Calico = c => c.Bgp(b => b.Router("router", r => r.Address(address))) },
            BgpRouterOutsideNodeNetwork, "lab/calico/bgp/routers/router/address", value: address, fix: "192.168.3.1");

    [Fact]
    public void Router_address_not_an_address_is_rejected() =>
        Expect.Error(new() { Calico = c => c.Bgp(b => b.Router("router", r => r.Address("eth1"))) },
            InvalidAddress, "lab/calico/bgp/routers/router/address", value: "'eth1' is not an IP address", fix: "192.168.2.1");

    [Fact]
    public void Router_address_IPv6_is_rejected() =>
        Expect.Error(new() { Calico = c => c.Bgp(b => b.Router("router", r => r.Address("fd00:3::1"))) },
            BgpAddressFamilyUnsupported, "lab/calico/bgp/routers/router/address", value: "router address fd00:3::1 is IPv6", fix: "e.g. 192.168.3.1");

    [Fact]
    public void Peering_with_bgp_disabled_is_rejected() =>
        Expect.Error(new() { Calico = c => c.Bgp(false) },
            BgpPeeringWithoutBgp, "lab/calico/bgp", value: "Calico's BGP is disabled", fix: "remove .Bgp(false) or the routers", Origin.BlogLab);

    [Fact]
    public void Router_named_like_a_node_is_rejected() =>
        Expect.Error(new() { Calico = c => c.Bgp(b => b.Router("k8s-1")) },
            BgpRouterConflict, "lab/calico/bgp/routers/k8s-1", value: "has the name of a node; both would write hosts/k8s-1/", fix: "Name the router differently");

    [Fact]
    public void Two_routers_with_one_address_is_rejected() =>
        Expect.Error(new() { Calico = c => c.Bgp(b => b.Router("router").Router("backup", r => r.Address("192.168.3.1"))) },
            BgpRouterConflict, "lab/calico/bgp/routers/backup/address", value: "the address 192.168.3.1 of router 'router'", fix: "fix its address");

    [Fact]
    public void Two_routers_with_one_name_is_rejected() =>
        Expect.Error(new() { Calico = c => c.Bgp(b => b.Router("router").Router("router", r => r.Address("192.168.3.2"))) },
            BgpRouterConflict, "lab/calico/bgp/routers/router", value: "'router' is used twice", fix: "its own name");

    [Fact]
    public void Router_name_not_a_dns_label_is_rejected() =>
        Expect.Error(new() { Calico = c => c.Bgp(b => b.Router("Router")) },
            InvalidName, "lab/calico/bgp/routers/Router", value: "'Router' is not a valid Kubernetes name", fix: "lower-case");

    [Fact]
    public void Peering_without_routers_is_rejected() =>
        Expect.Error(new() { Calico = c => c.Bgp(b => b.AsNumber(64512)) },
            MissingElement, "lab/calico/bgp/routers", value: "BGP peering has no router", fix: ".Router(\"router\")");

    [Fact]
    public void Defaults_are_calicos_as_the_next_private_as_and_the_node_networks_gateway()
    {
        var lab = BlogLab.OneNode();
        var peering = Assert.IsType<Topology.BgpPeering>(lab.Calico.Peering);
        Assert.Equal(64512u, peering.AsNumber);
        Assert.True(peering.NodeToNodeMesh);
        Assert.False(peering.AdvertiseServiceCidr);
        var router = Assert.Single(peering.Routers);
        Assert.Equal(("router", "192.168.3.1", 64513u), (router.Name, router.Address.ToString(), router.AsNumber));
    }

    [Fact]
    public void Four_byte_as_numbers_within_calicos_range_are_accepted()
    {
        var lab = BlogLab.OneNode(calico: c => c.Bgp(b => b.AsNumber(131072).Router("router", r => r.AsNumber(2147483647))));
        Assert.Equal((131072u, 2147483647u), (lab.Calico.Peering!.AsNumber, lab.Calico.Peering.Routers[0].AsNumber));
        Assert.NotEmpty(LabGenerator.GenerateSet(lab).Files); // and the objects validate against Calico's int32 asNumber
    }
}
