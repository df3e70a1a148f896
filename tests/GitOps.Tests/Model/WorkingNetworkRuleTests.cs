using GitOps.Topology;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>
/// Issue 14, the model rules: each input built and wrote a network that would not work; now each is a coded
/// error naming the field, the value and the fix (the output side is in tests/GitOps.Tests/WorkingNetwork).
/// </summary>
public sealed class WorkingNetworkRuleTests
{
    private const string Attachment = "lab/attachments/default/layer2-bridge";

    /// <summary>Declares network iot (VLAN 30, 192.168.30.0/24).</summary>
    internal static Action<LabBuilder> Iot(int? mtu = null) =>
        b => b.Network("iot", n =>
        {
            n.Vlan(30).Subnet("192.168.30.0/24").Gateway("192.168.30.1");
            if (mtu is { } m)
            {
                n.Mtu(m);
            }
        });

    /// <summary>Network iot, its attachment default/iot on bridge br-iot, and node k8s-3, the only node with that bridge.</summary>
    internal static Action<LabBuilder> IotOnlyOnThirdNode() => b =>
    {
        Iot()(b);
        b.Node("k8s-3", n => n.Interface("eth1", "k8s").Interface("eth2", "iot", i => i.Bridge("br-iot").Mac("00:15:5d:02:cb:0b")))
            .Attachment("default/iot", a => a.Network("iot").Bridge("br-iot").Dhcp().RouteFix(false));
    };

    /// <summary>
    /// Like <see cref="Expect.Error"/> for a mistake that also breaks another rule (the blog's two nodes share cni0, so
    /// any host-local range is also GITOPS133): exactly one diagnostic with <paramref name="code"/>, from this file.
    /// </summary>
    private static void Among(LabChange change, string code, string path, string value, string fix,
        [System.Runtime.CompilerServices.CallerFilePath] string file = "", [System.Runtime.CompilerServices.CallerLineNumber] int line = 0)
    {
        var d = Assert.Single(Expect.Errors(change), d => d.Code == code);
        Assert.Equal(path, d.Path);
        Assert.Contains(value, d.Message, StringComparison.Ordinal);
        Assert.Contains(fix, d.Message, StringComparison.Ordinal);
        Assert.Equal((file, line), (d.File, d.Line));
    }

    // (1) Node address detection.

    [Fact]
    public void Interface_regex_matching_another_networks_interface_on_some_node_is_rejected() =>
        Expect.Error(new() { Calico = c => c.DetectNodeAddress(NodeAddress.Interface), Add = b => b.Node("k8s-3", n => n.Interface("eno1", "k8s").Interface("eth1", "lan")) },
            NodeAddressRegexAmbiguous, "lab/calico/nodeAddressDetection",
            value: "the interface regex ^(eno1|eth1)$ also matches 'eth1' on node 'k8s-3', which is on network 'lan'",
            fix: "Remove .DetectNodeAddress(NodeAddress.Interface): the default detects by the node network's subnet (192.168.3.0/24)");

    [Fact]
    public void Interface_regex_matching_a_bridge_on_another_network_is_rejected_once_per_node()
    {
        // k8s-3 calls its node-network NIC cni0: on k8s-1 and k8s-2 that is the LAN bridge, which holds a LAN address.
        var errors = Expect.Errors(new() { Calico = c => c.DetectNodeAddress(NodeAddress.Interface), Add = b => b.Node("k8s-3", n => n.Interface("cni0", "k8s")) });
        Assert.All(errors, d => Assert.Equal(NodeAddressRegexAmbiguous, d.Code));
        Assert.Equal(
            ["'cni0' on node 'k8s-1', which is on network 'lan'", "'cni0' on node 'k8s-2', which is on network 'lan'"],
            errors.Select(d => d.Message[(d.Message.IndexOf("matches ", StringComparison.Ordinal) + 8)..d.Message.IndexOf(", so", StringComparison.Ordinal)]));
    }

    [Fact]
    public void Two_devices_addressed_on_the_node_network_of_one_node_are_rejected() =>
        Expect.Error(new() { Node = n => n.Interface("eth2", "k8s") },
            NodeNetworkAddressAmbiguous, "lab/nodes/k8s-1/interfaces",
            value: "node 'k8s-1' has 'eth1' and 'eth2' addressed on the node network 'k8s'", fix: "keep one device on 'k8s' per node", origin: Origin.BlogLab);

    // (2) VLAN sub-interfaces.

    [Fact]
    public void Vlan_sub_interface_whose_id_is_not_the_networks_vlan_is_rejected() =>
        Expect.Error(new() { Node = n => n.Interface("eth1.31", "iot"), Add = Iot() },
            VlanInterfaceIdMismatch, "lab/nodes/k8s-1/interfaces/eth1.31/network",
            value: "'eth1.31' is a VLAN sub-interface with VLAN ID 31", fix: "name the interface eth1.30, or put it on the network with .Vlan(31)");

    [Fact]
    public void Vlan_sub_interface_on_an_untagged_network_is_rejected() =>
        Expect.Error(new() { Node = n => n.Interface("eth1.2", "lan") },
            VlanInterfaceIdMismatch, "lab/nodes/k8s-1/interfaces/eth1.2/network",
            value: "VLAN ID 2", fix: "network 'lan' is untagged: give it .Vlan(2)");

    /// <summary>
    /// GITOPS139 is retired: Linux delivers a tagged frame to a VLAN device on a bridge port before the bridge's
    /// rx_handler (net/core/dev.c, __netif_receive_skb_core: vlan_do_receive, then rx_handler). That rests on reading
    /// the kernel source: this CI kernel has no 8021q module, so no test here can create the VLAN device.
    /// </summary>
    [Fact]
    public void Vlan_sub_interface_on_a_bridge_port_builds_and_its_port_creates_it()
    {
        var files = GitOps.Tests.Fleet.GitOpsLabs.Files(BlogLab.Build(new LabChange { Node = n => n.Interface("eth0.30", "iot"), Add = Iot() }));
        var port = GitOps.Tests.Hosts.NetworkdIni.Parse(GitOps.Tests.Fleet.GitOpsLabs.Text(files["hosts/k8s-1/10-netplan-eth0.network"]));
        var network = port.Single(s => s.Name == "Network");
        Assert.Equal("cni0", network["Bridge"]);
        Assert.Equal("eth0.30", network["VLAN"]);
        var netdev = GitOps.Tests.Hosts.NetworkdIni.Parse(GitOps.Tests.Fleet.GitOpsLabs.Text(files["hosts/k8s-1/eth0.30.netdev"]));
        Assert.Equal("30", netdev.Single(s => s.Name == "VLAN")["Id"]);
    }

    /// <summary>Calico's own overheads (felix/dataplane/linux/int_dataplane.go): VXLAN 50, IPIP 20, none 0; the blog's node network is 9000.</summary>
    [Theory]
    [InlineData(IPPoolEncapsulation.VXLAN, 8951, 8950)]
    [InlineData(IPPoolEncapsulation.VXLANCrossSubnet, 9000, 8950)]
    [InlineData(IPPoolEncapsulation.IPIP, 8981, 8980)]
    [InlineData(IPPoolEncapsulation.None, 9001, 9000)]
    public void A_calico_mtu_above_the_node_network_minus_encapsulation_is_rejected(IPPoolEncapsulation encapsulation, int mtu, int max) =>
        Expect.Error(new() { Calico = c => c.Encapsulate(encapsulation).Mtu(mtu) },
            CalicoMtuAboveNodeNetwork, "lab/calico/mtu",
            value: $"Calico's pod MTU {mtu} is above {max}, the most the node network 'k8s' (MTU 9000) carries", fix: $"Use .Mtu({max}) or less");

    [Theory]
    [InlineData(IPPoolEncapsulation.VXLAN, 8950)]
    [InlineData(IPPoolEncapsulation.IPIP, 8980)]
    [InlineData(IPPoolEncapsulation.None, 9000)]
    public void A_calico_mtu_that_leaves_room_for_the_encapsulation_builds(IPPoolEncapsulation encapsulation, int mtu) =>
        Assert.Equal(mtu, BlogLab.Build(new LabChange { Calico = c => c.Encapsulate(encapsulation).Mtu(mtu) }).Calico.Mtu);

    [Fact]
    public void Without_a_calico_mtu_nothing_is_written_and_calico_detects_it()
    {
        var lab = BlogLab.Build(new LabChange { Calico = c => c.Encapsulate(IPPoolEncapsulation.VXLAN) });
        Assert.Null(GitOps.Calico.CalicoEmitter.Build(lab).Spec.CalicoNetwork.Mtu);
    }

    /// <summary>k3s-io/k3s pkg/agent/config/config.go sets containerd's CNI dirs to its own only when flannel runs.</summary>
    [Theory]
    [InlineData("/var/lib/rancher/k3s/agent/etc/cni/net.d", "lab/cluster/cniConfDir")]
    [InlineData("/var/lib/rancher/k3s/data/current/bin", "lab/cluster/cniBinDir")]
    public void A_k3s_agent_cni_dir_with_flannel_off_is_rejected(string dir, string path) =>
        Expect.Error(new() { Cluster = c => { if (path.EndsWith("ConfDir", StringComparison.Ordinal)) { c.CniConfDir(dir); } else { c.CniBinDir(dir); } } },
            K3sAgentCniDirWithoutFlannel, path,
            value: $"'{dir}' is K3s's own CNI dir, which containerd reads only while flannel runs", fix: "Leave the dir at its default");

    [Fact]
    public void A_pods_only_node_network_is_rejected() =>
        Expect.Error(new() { K8s = n => n.HostAddressing(Addressing.None) },
            NodeNetworkPodsOnly, "lab/networks/k8s/hostAddressing",
            value: "'k8s' is the cluster's node network", fix: "Use .HostAddressing(Addressing.Dhcp) on 'k8s'", origin: Origin.BlogLab);

    [Fact]
    public void Vlan_sub_interface_with_an_mtu_above_its_parents_is_rejected() =>
        Expect.Error(new() { Node = n => n.Interface("eth2", "lan").Interface("eth2.30", "iot"), Add = Iot(mtu: 9000) },
            VlanMtuAboveParent, "lab/nodes/k8s-1/interfaces/eth2.30",
            value: "MTU 9000, above the MTU 1500 of 'eth2'", fix: "Give network 'lan' .Mtu(9000) or network 'iot' .Mtu(1500)");

    [Fact]
    public void Vlan_sub_interface_whose_parent_the_node_does_not_have_is_rejected_for_host_files() =>
        Expect.Error(new() { Node = n => n.Interface("eth5.30", "iot"), Add = Iot() },
            HostVlanParentMissing, "lab/nodes/k8s-1/interfaces/eth5.30",
            value: "'eth5', which is neither an interface nor a bridge of node 'k8s-1'", fix: "Did you mean 'eth1'? If not, declare the parent with .Interface(\"eth5\",");

    [Fact]
    public void Two_networks_with_one_vlan_id_are_rejected() =>
        Expect.Error(new() { Lan = n => n.Vlan(20) },
            VlanIdDuplicate, "lab/networks/k8s/vlan",
            value: "VLAN ID 20 is also the VLAN of network 'lan'", fix: "Give 'k8s' its own VLAN ID", origin: Origin.BlogLab);

    /// <summary>Found by the random-lab property test: cni0 with uplinks on lan and iot merged the two networks.</summary>
    [Fact]
    public void Bridge_with_uplinks_on_two_networks_is_rejected() =>
        Expect.Error(new() { Node = n => n.Interface("eth2", "iot", i => i.Bridge("cni0")), Add = b => { Iot()(b); b.GitOps(g => g.Repository("https://github.com/you/lab.git")); } },
            BridgeJoinsNetworks, "lab/nodes/k8s-1/interfaces/eth2/bridge",
            value: "bridge 'cni0' on node 'k8s-1' has uplink 'eth0' on network 'lan' and 'eth2' on network 'iot'", fix: ".Bridge(\"br-iot\")");

    // (3) Where a pod can land.

    [Fact]
    public void Workload_whose_bridges_no_single_node_has_is_rejected() =>
        Expect.Error(new() { Add = IotOnlyOnThirdNode(), Workload = w => w.Attach("default/iot") },
            WorkloadHasNoNode, "lab/workloads/smarthome/homeassistant/attachments",
            value: "'cni0' on 'lan' (k8s-1, k8s-2), 'br-iot' on 'iot' (k8s-3)", fix: "give one node all of these bridges", origin: Origin.BlogLab);

    [Fact]
    public void Same_attachment_twice_in_one_workload_is_rejected() =>
        Expect.Error(new() { Workload = w => w.Attach("default/layer2-bridge"), Attachment = a => a.RouteFix(false) },
            AttachmentAttachedTwice, "lab/workloads/smarthome/homeassistant/attachments",
            value: "'default/layer2-bridge' is attached twice", fix: "Remove the second .Attach(\"default/layer2-bridge\")");

    // (4) host-local on a shared layer 2.

    [Fact]
    public void Host_local_range_on_a_bridge_of_several_nodes_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.HostLocalRange("192.168.2.200", "192.168.2.220") },
            HostLocalRangeOnSeveralNodes, $"{Attachment}/ipam/range",
            value: "192.168.2.200-192.168.2.220 on each of the nodes with bridge 'cni0' (k8s-1, k8s-2)", fix: "Use .Dhcp(d => d.ProvidePodName())");

    [Fact]
    public void Host_local_range_containing_the_gateway_is_rejected() =>
        Among(new() { Attachment = a => a.HostLocalRange("192.168.2.1", "192.168.2.20") },
            AddressIsGateway, $"{Attachment}/ipam/range",
            value: "contains 192.168.2.1, the gateway of network 'lan'", fix: "leaves 192.168.2.1 out");

    [Fact]
    public void Host_local_ranges_overlapping_are_rejected() =>
        Among(new() { Attachment = a => a.HostLocalRange("192.168.2.200", "192.168.2.220"), Add = b => b.Attachment("default/other", a => a.Network("lan").Bridge("cni0").HostLocalRange("192.168.2.210", "192.168.2.230")) },
            PodAddressShared, "lab/attachments/default/other/ipam/range",
            value: "192.168.2.210-192.168.2.230 overlaps 192.168.2.200-192.168.2.220 of 'default/layer2-bridge'", fix: "disjoint ranges");

    // (5) Addresses two pods (or a pod and the router) would share.

    [Fact]
    public void Static_address_the_networks_gateway_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.StaticAddress("192.168.2.1/24") },
            AddressIsGateway, $"{Attachment}/ipam/address",
            value: "192.168.2.1/24 is the gateway of network 'lan'", fix: "such as 192.168.2.2/24");

    [Fact]
    public void Static_attachment_in_two_workloads_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.StaticAddress("192.168.2.50/24"), Add = b => b.Workload("smarthome/esphome", w => w.Image("ghcr.io/esphome/esphome:2025.11").Attach("default/layer2-bridge")) },
            PodAddressShared, $"{Attachment}/ipam/address",
            value: "'smarthome/homeassistant' and 'smarthome/esphome' both attach it", fix: "one static attachment per workload");

    [Fact]
    public void Two_static_attachments_with_one_address_are_rejected() =>
        Expect.Error(new() { Attachment = a => a.StaticAddress("192.168.2.50/24"), Add = b => b.Attachment("default/other", a => a.Network("lan").Bridge("cni0").StaticAddress("192.168.2.50/24")) },
            PodAddressShared, "lab/attachments/default/other/ipam/address",
            value: "192.168.2.50 is also the address of 'default/layer2-bridge'", fix: "its own address");
}
