using GitOps.Cni;
using GitOps.Tests.Support;
using GitOps.Topology;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>
/// Issue 17: macvlan and ipvlan attachments. The conflist they emit (master = the nodes' plain interface on the
/// network, the plugins' mode names) and each rule's bad input (coded error at the user's call). The chains run
/// through the real plugins in tests/RouteFix.IntegrationTests/MacvlanIpvlanChainTests.cs.
/// </summary>
public sealed class MacvlanIpvlanRuleTests
{
    private const string Iot = "lab/attachments/default/iot";

    /// <summary>Network iot (VLAN 30) on a plain eth2 of k8s-1 and a plain <paramref name="secondName"/> of k8s-2, and attachment default/iot.</summary>
    internal static LabChange IotOnPlainInterfaces(Action<AttachmentBuilder> attachment, string secondName = "eth2") => new()
    {
        Omit = LabSection.GitOps,
        Node = n => n.Interface("eth2", "iot"),
        SecondNode = n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a")).Interface("eth1", "k8s").Interface(secondName, "iot"),
        Add = b =>
        {
            WorkingNetworkRuleTests.Iot()(b);
            b.Attachment("default/iot", a => attachment(a.Network("iot")));
        },
    };

    private static string Conflist(LabChange change, string name = "default/iot")
    {
        var lab = BlogLab.Build(change);
        return LayerTwoConflist.Build(lab, lab.Attachments.Single(a => a.QualifiedName == name)).ToJson();
    }

    [Fact]
    public void Macvlan_attachment_emits_macvlan_on_the_nodes_interface_then_route_fix() =>
        Assert.Equal(
            """
            {
              "cniVersion": "0.4.0",
              "name": "iot",
              "plugins": [
                {
                  "type": "macvlan",
                  "master": "eth2",
                  "mode": "bridge",
                  "ipam": {
                    "type": "dhcp"
                  }
                },
                {
                  "type": "route-fix",
                  "multicast": true,
                  "broadcast": true,
                  "removeDefaultRoute": true
                }
              ]
            }

            """.ReplaceLineEndings("\n"),
            Conflist(IotOnPlainInterfaces(a => a.Macvlan(m => m.Mode(MacvlanMode.Bridge)).Dhcp().RouteFix(true))));

    [Theory]
    [InlineData(MacvlanMode.Private, "private")]
    [InlineData(MacvlanMode.Vepa, "vepa")]
    [InlineData(MacvlanMode.Passthru, "passthru")]
    public void Macvlan_modes_use_the_plugins_names(MacvlanMode mode, string expected) =>
        Assert.Contains($"\"mode\": \"{expected}\"", Conflist(IotOnPlainInterfaces(a => a.Macvlan(m => m.Mode(mode)).Dhcp())), StringComparison.Ordinal);

    [Fact]
    public void Ipvlan_attachment_emits_ipvlan_l2_by_default_with_its_ipam() =>
        Assert.Contains(
            """
                {
                  "type": "ipvlan",
                  "master": "eth2",
                  "mode": "l2",
                  "ipam": {
                    "type": "static",
                    "addresses": [
                      {
                        "address": "192.168.30.50/24"
                      }
                    ]
                  }
                },
            """.ReplaceLineEndings("\n"),
            Conflist(IotOnPlainInterfaces(a => a.Ipvlan().StaticAddress("192.168.30.50/24"))), StringComparison.Ordinal);

    [Fact]
    public void Ipvlan_l3s_without_broadcast_routes_is_accepted() =>
        Assert.Contains("\"mode\": \"l3s\"", Conflist(IotOnPlainInterfaces(a => a.Ipvlan(i => i.Mode(IpvlanMode.L3S)).StaticAddress("192.168.30.50/24").RouteFix(r => r.Multicast(false).Broadcast(false)))), StringComparison.Ordinal);

    [Fact]
    public void The_last_of_bridge_macvlan_ipvlan_wins() =>
        Assert.Contains("\"type\": \"bridge\"", Conflist(new LabChange { Attachment = a => a.Macvlan().Bridge("cni0") }, "default/layer2-bridge"), StringComparison.Ordinal);

    [Fact]
    public void A_workload_on_a_macvlan_attachment_runs_only_where_the_master_is()
    {
        var change = IotOnPlainInterfaces(a => a.Macvlan().Dhcp().RouteFix(false)) with { SecondNode = n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a")).Interface("eth1", "k8s") };
        var lab = BlogLab.Build(change with { Workload = w => w.Attach("default/iot") });
        Assert.Equal(["k8s-1"], WorkloadPlacement.NodesFor(lab, lab.Workloads.Single()).Select(n => n.Name));
    }

    [Fact]
    public void The_node_agent_installs_the_macvlan_or_ipvlan_plugin_instead_of_bridge()
    {
        Assert.Equal(["bridge", "dhcp", "macvlan"], GitOps.NodeAgent.NodeAgentEmitter.RequiredPlugins(BlogLab.Build(IotOnPlainInterfaces(a => a.Macvlan().Dhcp()))));
        Assert.Equal(["bridge", "dhcp", "ipvlan", "static"], GitOps.NodeAgent.NodeAgentEmitter.RequiredPlugins(BlogLab.Build(IotOnPlainInterfaces(a => a.Ipvlan().StaticAddress("192.168.30.50/24")))));
    }

    [Fact]
    public void Macvlan_on_a_network_the_nodes_reach_only_through_a_bridge_port_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Macvlan() },
            MasterIsBridgePort, "lab/attachments/default/layer2-bridge/master",
            value: "only through bridge ports (k8s-1: eth0 in cni0, k8s-2: eth0 in cni0)", fix: "Use .Bridge(\"cni0\") for this attachment");

    [Fact]
    public void Ipvlan_on_a_bridge_port_is_rejected_too() =>
        Expect.Error(new() { Attachment = a => a.Ipvlan() },
            MasterIsBridgePort, "lab/attachments/default/layer2-bridge/master",
            value: "the kernel refuses a macvlan/ipvlan child of a bridge port (EBUSY)", fix: "declare the interface without .Bridge(...)");

    [Fact]
    public void Macvlan_on_a_network_no_node_has_is_rejected() =>
        Expect.Error(new() { Add = WorkingNetworkRuleTests.Iot(), Attachment = a => a.Network("iot").Macvlan() },
            UnknownReference, "lab/attachments/default/layer2-bridge/master",
            value: "no node has an interface on network 'iot'", fix: ".Interface(\"eth2\", \"iot\")");

    [Fact]
    public void Macvlan_master_named_differently_on_two_nodes_is_rejected() =>
        Expect.Error(IotOnPlainInterfaces(a => a.Macvlan().Dhcp(), secondName: "enp2s0"),
            MasterNamesDiffer, $"{Iot}/master",
            value: "differently (k8s-1: eth2, k8s-2: enp2s0)", fix: "[Link] Name=eth2");

    [Fact]
    public void Ipvlan_l3_with_dhcp_is_rejected() =>
        Expect.Error(IotOnPlainInterfaces(a => a.Ipvlan(i => i.Mode(IpvlanMode.L3)).Dhcp().RouteFix(false)),
            IpvlanL3WithDhcp, $"{Iot}/ipam",
            value: "ipvlan mode l3 carries no broadcast", fix: ".Ipvlan(i => i.Mode(IpvlanMode.L2))");

    [Fact]
    public void Ipvlan_l3s_with_route_fix_broadcast_routes_is_rejected() =>
        Expect.Error(IotOnPlainInterfaces(a => a.Ipvlan(i => i.Mode(IpvlanMode.L3S)).StaticAddress("192.168.30.50/24")),
            IpvlanL3WithBroadcastRoutes, $"{Iot}/routeFix",
            value: "ipvlan mode l3s carries no multicast or broadcast", fix: ".RouteFix(r => r.Multicast(false).Broadcast(false))");
}
