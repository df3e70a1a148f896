using GitOps.Topology;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>
/// Attachments one workload joins share the pod's routing table (GITOPS125-127). The blog's lab plus an IoT network
/// (10.30.0.0/24 on bridge cni1, host-local) and attachment <c>default/iot</c>.
/// </summary>
public sealed class PodRouteRuleTests
{
    private const string Workload = "lab/workloads/smarthome/homeassistant";

    private static LabChange Iot(Action<RouteFixBuilder>? routeFix = null, Action<WorkloadBuilder>? joinIot = null, Action<AttachmentBuilder>? iot = null) =>
        PodRouteMistakes.Iot(routeFix, joinIot, iot);

    [Fact]
    public void Multicast_and_broadcast_on_two_attachments_of_one_workload_is_rejected_naming_both()
    {
        var d = Expect.Error(Iot(joinIot: w => w.Attach("default/iot")),
            MulticastOnTwoAttachments, $"{Workload}/attachments/default/iot",
            value: "joins attachments 'default/layer2-bridge' and 'default/iot', and route-fix on both routes multicast (224.0.0.0/4, ff00::/8) and limited broadcast (255.255.255.255/32)",
            fix: ".RouteFix(r => r.Multicast(false).Broadcast(false)) on attachment 'default/iot' (or on 'default/layer2-bridge')");
        Assert.Equal("GITOPS125", d.Code);
    }

    [Fact]
    public void Only_broadcast_on_two_attachments_asks_to_turn_off_only_broadcast() =>
        Expect.Error(Iot(r => r.Multicast(false), w => w.Attach("default/iot")),
            MulticastOnTwoAttachments, $"{Workload}/attachments/default/iot",
            value: "route-fix on both routes limited broadcast (255.255.255.255/32) out", fix: ".RouteFix(r => r.Broadcast(false)) on attachment 'default/iot'");

    [Fact]
    public void Multicast_and_broadcast_off_on_one_attachment_is_accepted()
    {
        var lab = BlogLab.Build(Iot(r => r.Multicast(false).Broadcast(false), w => w.Attach("default/iot")));
        var workload = Assert.Single(lab.Workloads);
        Assert.Equal(["default/layer2-bridge", "default/iot"], workload.Attachments.Select(a => a.QualifiedName));
    }

    [Fact]
    public void Two_attachments_with_route_fix_in_different_workloads_are_accepted() =>
        Assert.Equal(2, BlogLab.Build(Iot(r => r.Route("192.168.2.0/24", "10.30.0.1")) with
        {
            Add = Iot(r => r.Route("192.168.2.0/24", "10.30.0.1")).Add + (lab => lab.Workload("smarthome/zigbee2mqtt", w => w.Image("ghcr.io/koenkk/zigbee2mqtt:2.6.3").Attach("default/iot"))),
        }).Workloads.Count);

    [Fact]
    public void Without_route_fix_on_one_attachment_nothing_is_shared() =>
        Assert.Single(BlogLab.Build(Iot(joinIot: w => w.Attach("default/iot"), iot: a => a.RouteFix(false))).Workloads);

    [Fact]
    public void Extra_route_over_the_subnet_another_attachment_is_on_is_rejected() =>
        Expect.Error(Iot(r => r.Multicast(false).Broadcast(false).Route("192.168.2.0/24", via: "10.30.0.1"), w => w.Attach("default/iot")),
            ExtraRouteOverAttachedSubnet, "lab/attachments/default/iot/routeFix/routes/192.168.2.0/24",
            value: "route 192.168.2.0/24 via 10.30.0.1 of attachment 'default/iot' covers network 'lan' (192.168.2.0/24), which workload 'smarthome/homeassistant' is on directly through attachment 'default/layer2-bridge'",
            fix: "Remove .Route(\"192.168.2.0/24\") from attachment 'default/iot', or do not join both attachments from one workload.");

    [Fact]
    public void Extra_route_inside_the_subnet_another_attachment_is_on_is_rejected() =>
        Expect.Error(Iot(r => r.Multicast(false).Broadcast(false).Route("192.168.2.128/25", via: "10.30.0.1"), w => w.Attach("default/iot")),
            ExtraRouteOverAttachedSubnet, "lab/attachments/default/iot/routeFix/routes/192.168.2.128/25",
            value: "covers part of network 'lan' (192.168.2.0/24)", fix: "Remove .Route(\"192.168.2.128/25\")");

    [Fact]
    public void Extra_route_of_the_first_attachment_over_the_seconds_subnet_is_rejected_too() =>
        Expect.Error(Iot(r => r.Multicast(false).Broadcast(false), w => w.Attach("default/iot")) with { Attachment = a => a.RouteFix(r => r.Route("10.30.0.0/24", "192.168.2.1")) },
            ExtraRouteOverAttachedSubnet, "lab/attachments/default/layer2-bridge/routeFix/routes/10.30.0.0/24",
            value: "route 10.30.0.0/24 via 192.168.2.1 of attachment 'default/layer2-bridge' covers network 'iot'", fix: "Remove .Route(\"10.30.0.0/24\")");

    [Fact]
    public void A_wider_extra_route_is_accepted_because_the_subnet_route_stays_more_specific() =>
        Assert.Single(BlogLab.Build(Iot(r => r.Multicast(false).Broadcast(false).Route("192.168.0.0/16", "10.30.0.1"), w => w.Attach("default/iot"))).Workloads);

    [Fact]
    public void The_same_extra_route_on_both_attachments_is_rejected() =>
        Expect.Error(Iot(r => r.Multicast(false).Broadcast(false).Route("10.40.0.0/24", "10.30.0.1"), w => w.Attach("default/iot")) with { Attachment = a => a.RouteFix(r => r.Route("10.40.0.0/24", "192.168.2.1")) },
            SameDestinationOnTwoAttachments, "lab/attachments/default/iot/routeFix/routes/10.40.0.0/24",
            value: "route 10.40.0.0/24 of attachment 'default/iot' is also a route of attachment 'default/layer2-bridge'", fix: "Remove it from one of the two attachments.");

    [Fact]
    public void The_same_attachment_twice_is_rejected() =>
        Expect.Error(new() { Workload = w => w.Attach("default/layer2-bridge") },
            SameDestinationOnTwoAttachments, $"{Workload}/attachments/default/layer2-bridge",
            value: "joins attachment 'default/layer2-bridge' twice", fix: "Attach the workload to that network once (remove .Attach(\"default/layer2-bridge\")).");

    /// <summary>Issue 14: without route-fix the routes do not clash, but both interfaces ask for the one address (GITOPS136).</summary>
    [Fact]
    public void The_same_attachment_twice_without_route_fix_is_GITOPS136() =>
        Assert.Equal(AttachmentAttachedTwice, Assert.Single(Expect.Errors(new() { Attachment = a => a.RouteFix(false), Workload = w => w.Attach("default/layer2-bridge") })).Code);

    [Fact]
    public void Two_attachments_on_the_same_network_are_rejected() =>
        Expect.Error(new() { Add = lab => lab.Attachment("default/lan-static", a => a.Network("lan").Bridge("cni0").StaticAddress("192.168.2.50/24").RouteFix(false)), Workload = w => w.Attach("default/lan-static") },
            SameDestinationOnTwoAttachments, $"{Workload}/attachments/default/lan-static",
            value: "joins attachments 'default/layer2-bridge' and 'default/lan-static', both on 192.168.2.0/24 (network 'lan')", fix: "remove .Attach(\"default/lan-static\")");
}

/// <summary>The blog's lab plus an IoT network and attachment, for the GITOPS125-127 rules.</summary>
internal static class PodRouteMistakes
{
    /// <summary>The blog's lab with <c>default/iot</c> (route-fix configured by <paramref name="routeFix"/>); Home Assistant joins it too when <paramref name="joinIot"/>.</summary>
    public static LabChange Iot(Action<RouteFixBuilder>? routeFix = null, Action<WorkloadBuilder>? joinIot = null, Action<AttachmentBuilder>? iot = null) => new()
    {
        Node = n => n.Interface("eth2", "iot", i => i.Bridge("cni1").Mac("00:15:5d:02:cb:0b")),
        Add = lab => lab
            .Network("iot", n => n.Vlan(30).Subnet("10.30.0.0/24").Gateway("10.30.0.1").HostAddressing(Addressing.Dhcp))
            .Attachment("default/iot", a =>
            {
                a.Network("iot").Bridge("cni1").HostLocalRange("10.30.0.100", "10.30.0.199").RouteFix(routeFix);
                iot?.Invoke(a);
            }),
        Workload = joinIot,
    };

    public static LabChange BothCarryMulticast => Iot(joinIot: w => w.Attach("default/iot"));

    public static LabChange IotRouteOverTheLan => Iot(r => r.Multicast(false).Broadcast(false).Route("192.168.2.0/24", "10.30.0.1"), w => w.Attach("default/iot"));
}
