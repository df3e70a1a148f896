using GitOps.Diagnostics;
using GitOps.Tests.Fleet;
using GitOps.Tests.Hosts;
using GitOps.Tests.Support;
using GitOps.Topology;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.WorkingNetwork;

/// <summary>
/// Issue 14, the output side: the inputs that built and wrote a broken network now write one that works
/// (the rules that reject the rest are in Model/WorkingNetworkRuleTests).
/// </summary>
public sealed class WorkingNetworkOutputTests
{
    /// <summary>The three nodes: node network on enp3s0 on two, on eno1 on the third, whose LAN NIC is enp3s0.</summary>
    private static LabBuilder MixedNames() => Lab.Create("home-lab")
        .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"))
        .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1"))
        .Node("k8s-1", n => n.Interface("enp3s0", "k8s"))
        .Node("k8s-2", n => n.Interface("enp3s0", "k8s"))
        .Node("k8s-3", n => n.Interface("eno1", "k8s").Interface("enp3s0", "lan"))
        .Cluster("example", c => c.NodeNetwork("k8s"))
        .Calico(c => c.IPPool("192.168.7.0/24").NatOutgoingTraffic());

    private static System.Text.Json.Nodes.JsonNode Document(Lab lab, string path) =>
        YamlText.Documents(GitOpsLabs.Text(GitOpsLabs.Files(lab)[path])).Single()!;

    [Fact]
    public void Mixed_interface_names_detect_the_node_address_by_the_node_networks_subnet()
    {
        var detection = Document(MixedNames().Build(), "calico/installation-default.yaml")["spec"]!["calicoNetwork"]!["nodeAddressAutodetectionV4"]!.AsObject();
        Assert.Equal(["cidrs"], detection.Select(p => p.Key));
        Assert.Equal(["192.168.3.0/24"], detection["cidrs"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public void Mixed_interface_names_with_the_interface_regex_are_GITOPS130()
    {
        var lab = MixedNames().Calico(c => c.IPPool("192.168.7.0/24").NatOutgoingTraffic().DetectNodeAddress(NodeAddress.Interface));
        var d = Assert.Single(Assert.Throws<LabValidationException>(() => lab.Build()).Diagnostics);
        Assert.Equal(DiagnosticCodes.NodeAddressRegexAmbiguous, d.Code);
        Assert.Contains("^(eno1|enp3s0)$ also matches 'enp3s0' on node 'k8s-3', which is on network 'lan'", d.Message);
    }

    /// <summary>enp1s0 on the untagged LAN, enp1s0.30 tagged on it for the iot VLAN, the node network on enp2s0.</summary>
    /// <param name="vlanMac">The VLAN sub-interface's MAC (null: none declared).</param>
    /// <param name="k8sMac">The node-network interface's MAC (null: none declared).</param>
    private static Lab VlanLab(string? vlanMac = "52:54:00:12:34:56", string? k8sMac = null) => Lab.Create("home-lab")
        .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"))
        .Network("iot", n => n.Vlan(30).Subnet("192.168.30.0/24").Gateway("192.168.30.1"))
        .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1"))
        .Node("k8s-1", n => n
            .Interface("enp1s0", "lan", i => i.Mac("52:54:00:12:34:56"))
            .Interface("enp1s0.30", "iot", i => { if (vlanMac is not null) { i.Mac(vlanMac); } })
            .Interface("enp2s0", "k8s", i => { if (k8sMac is not null) { i.Mac(k8sMac); } }))
        .Cluster("example", c => c.NodeNetwork("k8s"))
        .Calico(c => c.IPPool("192.168.7.0/24").NatOutgoingTraffic())
        .GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl).HostFiles())
        .Build();

    private static IReadOnlyList<NetworkdIni.Section> Unit(Lab lab, string path) => NetworkdIni.Parse(GitOpsLabs.Text(GitOpsLabs.Files(lab)[path]));

    [Fact]
    public void Vlan_sub_interface_gets_a_vlan_netdev_and_its_parent_a_vlan_line()
    {
        var lab = VlanLab();
        var netdev = Unit(lab, "hosts/k8s-1/enp1s0.30.netdev");
        Assert.Equal(["NetDev", "VLAN"], netdev.Select(s => s.Name));
        Assert.Equal("enp1s0.30", netdev[0]["Name"]);
        Assert.Equal("vlan", netdev[0]["Kind"]);
        Assert.Equal("30", netdev[1]["Id"]);

        var parent = Unit(lab, "hosts/k8s-1/10-netplan-enp1s0.network");
        Assert.Equal("enp1s0", parent[0]["Name"]);
        Assert.Equal(["enp1s0.30"], parent.Single(s => s.Name == "Network").Entries.Where(e => e.Key == "VLAN").Select(e => e.Value));

        var vlan = Unit(lab, "hosts/k8s-1/10-netplan-enp1s0.30.network");
        Assert.Equal("enp1s0.30", vlan[0]["Name"]);
        Assert.Equal("yes", vlan.Single(s => s.Name == "Network")["DHCP"]);
        Assert.Contains("tagged on enp1s0", GitOpsLabs.Text(GitOpsLabs.Files(lab)["hosts/k8s-1/10-netplan-enp1s0.30.network"]));
    }

    [Fact]
    public void Vlan_sub_interface_may_carry_its_parents_mac_but_not_another_devices_mac()
    {
        Assert.NotNull(VlanLab()); // the parent's MAC: what a VLAN sub-interface has (not GITOPS412)
        var e = Assert.Throws<LabValidationException>(() => VlanLab(vlanMac: null, k8sMac: "52:54:00:12:34:56"));
        Assert.Equal(DiagnosticCodes.MacAddressDuplicate, Assert.Single(e.Diagnostics).Code);
    }

    [Fact]
    public void Vlan_sub_interface_on_a_bridge_is_listed_on_the_bridges_network()
    {
        var lab = BlogLab.OneNode(extra: l => l
            .Network("iot", n => n.Vlan(30).Subnet("192.168.30.0/24").Gateway("192.168.30.1"))
            .Node("k8s-2", n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a")).Interface("eth1", "k8s").Interface("cni0.30", "iot"))
            .GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl).HostFiles()));
        Assert.Equal(["cni0.30"], Unit(lab, "hosts/k8s-2/cni0.network").Single(s => s.Name == "Network").Entries.Where(e => e.Key == "VLAN").Select(e => e.Value));
        Assert.Equal("30", Unit(lab, "hosts/k8s-2/cni0.30.netdev").Single(s => s.Name == "VLAN")["Id"]);
    }

    [Fact]
    public void Bridge_only_some_nodes_have_keeps_the_workload_on_those_nodes()
    {
        // k8s-2 has no cni0: the bridge plugin would create an empty one there and the pod would get no lease.
        var lab = BlogLab.OneNode(secondNode: n => n.Interface("eth1", "k8s"));
        var term = Document(lab, "workloads/deployment-smarthome-homeassistant.yaml")["spec"]!["template"]!["spec"]!["affinity"]!["nodeAffinity"]!
            ["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]!.AsArray().Single()!["matchExpressions"]!.AsArray().Single()!;
        Assert.Equal("kubernetes.io/hostname", (string)term["key"]!);
        Assert.Equal("In", (string)term["operator"]!);
        Assert.Equal(["k8s-1"], term["values"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public void Bridge_every_node_has_leaves_the_workload_free()
    {
        var lab = BlogLab.OneNode(secondNode: n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"));
        Assert.Null(Document(lab, "workloads/deployment-smarthome-homeassistant.yaml")["spec"]!["template"]!["spec"]!["affinity"]);
    }

    [Fact]
    public void Host_local_on_the_one_node_with_the_bridge_builds()
    {
        var lab = BlogLab.OneNode(attachment: a => a.HostLocalRange("192.168.2.200", "192.168.2.220"), secondNode: n => n.Interface("eth1", "k8s"));
        Assert.Contains("workloads/deployment-smarthome-homeassistant.yaml", GitOpsLabs.Files(lab).Keys);
    }
}
