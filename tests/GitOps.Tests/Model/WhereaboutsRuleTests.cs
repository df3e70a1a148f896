using GitOps.Topology;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>Whereabouts IPAM rules (issue 17); the facts each rests on are cited in src/GitOps/Topology/Assembly/LabAssembler.Whereabouts.cs and Rules/WhereaboutsSpan.cs.</summary>
public sealed class WhereaboutsRuleTests
{
    private const string Path = "lab/attachments/default/layer2-bridge";

    [Fact]
    public void Whereabouts_range_inside_the_network_builds()
    {
        var lab = BlogLab.Build(new() { Attachment = a => a.Whereabouts("192.168.2.128/26", w => w.RangeStart("192.168.2.130").RangeEnd("192.168.2.180").Exclude("192.168.2.150/31").Exclude("192.168.2.160").NetworkName("lan-pods")) });
        var ipam = Assert.IsType<WhereaboutsIpamOptions>(Assert.Single(lab.Attachments).Ipam);
        Assert.Equal("192.168.2.128/26", ipam.Range.ToString());
        Assert.Equal(["192.168.2.150/31", "192.168.2.160/32"], ipam.Exclude.Select(e => e.ToString()));
        Assert.Equal("lan-pods", ipam.NetworkName);
    }

    [Fact]
    public void Whereabouts_range_outside_the_network_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Whereabouts("192.168.3.0/26") },
            AddressOutsideSubnet, $"{Path}/ipam/range", value: "range 192.168.3.0/26 is not inside network 'lan' (192.168.2.0/24)",
            fix: "Pick a range inside 192.168.2.0/24, e.g. 192.168.2.128/25."); // the half without the router (.1): no GITOPS134 next

    [Fact]
    public void Whereabouts_range_wider_than_the_network_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Whereabouts("192.168.0.0/16") },
            AddressOutsideSubnet, $"{Path}/ipam/range", value: "192.168.0.0/16 is not inside network 'lan'", fix: "Pick a range inside");

    [Fact]
    public void Whereabouts_range_with_host_bits_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Whereabouts("192.168.2.130/26") },
            HostBitsSet, $"{Path}/ipam/range", value: "'192.168.2.130/26' has host bits set", fix: "\"192.168.2.128/26\"");

    [Fact]
    public void Whereabouts_exclusion_outside_the_range_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Whereabouts("192.168.2.128/26", w => w.Exclude("192.168.2.10/32")) },
            WhereaboutsOutsideRange, $"{Path}/ipam/exclude", value: "exclusion 192.168.2.10/32 is not inside the range 192.168.2.128/26", fix: "Exclude addresses inside 192.168.2.128/26");

    [Fact]
    public void Whereabouts_exclusion_wider_than_the_range_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Whereabouts("192.168.2.128/26", w => w.Exclude("192.168.2.128/25")) },
            WhereaboutsOutsideRange, $"{Path}/ipam/exclude", value: "192.168.2.128/25", fix: "or remove it");

    [Fact]
    public void Whereabouts_range_start_outside_the_range_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Whereabouts("192.168.2.128/26", w => w.RangeStart("192.168.2.100")) },
            WhereaboutsOutsideRange, $"{Path}/ipam/range_start", value: "range_start 192.168.2.100 is not inside the range 192.168.2.128/26", fix: "silently ignores it");

    [Fact]
    public void Whereabouts_range_end_outside_the_range_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Whereabouts("192.168.2.128/26", w => w.RangeEnd("192.168.2.200")) },
            WhereaboutsOutsideRange, $"{Path}/ipam/range_end", value: "range_end 192.168.2.200", fix: "Pick an address inside 192.168.2.128/26");

    [Fact]
    public void Whereabouts_range_start_after_range_end_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Whereabouts("192.168.2.128/26", w => w.RangeEnd("192.168.2.140").RangeStart("192.168.2.150")) },
            InvalidValue, $"{Path}/ipam/range_start", value: "range_start 192.168.2.150 is after range_end 192.168.2.140", fix: "swap them");

    [Fact]
    public void Whereabouts_gateway_outside_the_network_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Whereabouts("192.168.2.128/26", w => w.Gateway("10.0.0.1")) },
            GatewayOutsideSubnet, $"{Path}/ipam/gateway", value: "gateway 10.0.0.1", fix: "e.g. 192.168.2.1");

    [Fact]
    public void Whereabouts_network_name_that_is_not_a_dns_label_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Whereabouts("192.168.2.128/26", w => w.NetworkName("LAN_Pods")) },
            InvalidName, $"{Path}/ipam/network_name", value: "LAN_Pods", fix: "");

    [Fact]
    public void Whereabouts_span_holding_the_router_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Whereabouts("192.168.2.0/25") },
            AddressIsGateway, $"{Path}/ipam/range", value: "may hand out 192.168.2.1, the gateway of network 'lan'", fix: ".Exclude(\"192.168.2.1\")");

    [Fact]
    public void Whereabouts_span_holding_the_router_builds_when_the_router_is_excluded() =>
        Assert.IsType<WhereaboutsIpamOptions>(Assert.Single(BlogLab.Build(new() { Attachment = a => a.Whereabouts("192.168.2.0/25", w => w.Exclude("192.168.2.0/30")) }).Attachments).Ipam);

    [Fact]
    public void Whereabouts_ranges_overlapping_with_different_network_names_are_rejected() =>
        Expect.Error(new() { Attachment = a => a.Whereabouts("192.168.2.128/26", w => w.NetworkName("one")), Add = b => b.Attachment("default/second", a => a.Network("lan").Bridge("cni0").Whereabouts("192.168.2.128/25", w => w.NetworkName("two"))) },
            WhereaboutsPoolsOverlap, "lab/attachments/default/second/ipam/network_name", value: "192.168.2.128/25 (network_name 'two') overlaps 192.168.2.128/26 of 'default/layer2-bridge'", fix: "Give them the same network_name (or none), or disjoint ranges");

    [Fact]
    public void Whereabouts_ranges_overlapping_in_one_pool_namespace_build()
    {
        // Same (empty) network_name: one IPPool per range and cluster-wide overlapping-range reservations, so no address twice.
        var lab = BlogLab.Build(new()
        {
            Attachment = a => a.Whereabouts("192.168.2.128/26"),
            Add = b => b.Attachment("default/second", a => a.Network("lan").Bridge("cni0").Whereabouts("192.168.2.128/25")),
        });
        Assert.Equal(2, lab.Attachments.Count(a => a.Ipam is WhereaboutsIpamOptions));
    }

    [Fact]
    public void Static_address_inside_a_whereabouts_span_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Whereabouts("192.168.2.128/26"), Add = b => b.Attachment("default/fixed", a => a.Network("lan").Bridge("cni0").StaticAddress("192.168.2.140/24")) },
            PodAddressShared, "lab/attachments/default/fixed/ipam/address", value: "192.168.2.140 is inside the whereabouts span 192.168.2.129-192.168.2.190", fix: "add .Exclude(\"192.168.2.140\")");

    [Fact]
    public void Host_local_range_overlapping_a_whereabouts_span_is_rejected()
    {
        var errors = Expect.Errors(new()
        {
            Attachment = a => a.Whereabouts("192.168.2.128/26"),
            Add = b => b.Attachment("default/local", a => a.Network("lan").Bridge("cni0").HostLocalRange("192.168.2.100", "192.168.2.130")),
        });
        var shared = Assert.Single(errors, d => d.Code == PodAddressShared);
        Assert.Equal("lab/attachments/default/layer2-bridge/ipam/range", shared.Path);
        Assert.Contains("overlaps the host-local range 192.168.2.100-192.168.2.130 of 'default/local'", shared.Message, StringComparison.Ordinal);
    }
}
