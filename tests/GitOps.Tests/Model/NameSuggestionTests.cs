using GitOps.Topology;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>
/// A reference to a name that is not declared, but close to one that is, is answered with "did you mean" that name
/// (Damerau-Levenshtein, at most 1 edit up to 5 characters, 2 above), for every kind of reference.
/// </summary>
public sealed class NameSuggestionTests
{
    [Theory]
    [InlineData("br-lna", "br-lan")] // two adjacent characters swapped: one edit
    [InlineData("LAN", "lan")] // case is ignored
    [InlineData("k8", "k8s")]
    [InlineData("homeasistant", "homeassistant")]
    public void A_close_name_is_suggested(string typo, string meant) =>
        Assert.Equal(meant, NameSuggestion.Closest(typo, ["cni0", meant, "storage"]));

    [Theory]
    [InlineData("home")] // 4 edits from lan, 4 from k8s
    [InlineData("br0")] // 2 edits from cni0, above the 1 a short name gets
    [InlineData("wlan20")]
    public void A_name_far_from_every_declared_one_gets_no_suggestion(string name) =>
        Assert.Null(NameSuggestion.Closest(name, ["lan", "k8s", "cni0"]));

    [Fact]
    public void Of_equally_close_names_the_first_in_ordinal_order_is_suggested() =>
        Assert.Equal("eth0", NameSuggestion.Closest("eth5", ["eth1", "eth0"]));

    [Fact]
    public void The_name_itself_is_never_suggested() =>
        Assert.Null(NameSuggestion.Closest("lan", ["lan"]));

    [Fact]
    public void A_network_typo_suggests_the_declared_network() =>
        Expect.Error(new() { Node = n => n.Interface("eth2", "lna") },
            UnknownReference, "lab/nodes/k8s-1/interfaces/eth2/network", value: "'lna' (declared: k8s, lan)", fix: "did you mean 'lan'? If not, declare it with .Network(\"lna\", ...)");

    [Fact]
    public void A_node_network_typo_suggests_the_declared_network() =>
        Expect.Error(new() { Cluster = c => c.NodeNetwork("k8") },
            UnknownReference, "lab/cluster/nodeNetwork", value: "'k8'", fix: "did you mean 'k8s'?");

    [Fact]
    public void A_bridge_typo_suggests_the_bridge_on_that_network_instead_of_declaring_the_typo()
    {
        var diagnostic = Expect.Error(new() { Attachment = a => a.Bridge("cin0") },
            UnknownReference, "lab/attachments/default/layer2-bridge/bridge", value: "'cin0'", fix: "did you mean 'cni0'? If not, make the nodes' interface on 'lan' its port");
        Assert.StartsWith("no node has bridge 'cin0' with an uplink on network 'lan'; did you mean 'cni0'?", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_attachment_typo_in_a_workload_suggests_the_declared_attachment() =>
        Expect.Error(new() { Workload = w => w.Attach("default/layer2-brigde") },
            UnknownReference, "lab/workloads/smarthome/homeassistant/attachments", value: "'default/layer2-brigde'", fix: "did you mean 'default/layer2-bridge'?");

    [Fact]
    public void A_k3s_server_typo_suggests_the_declared_node() =>
        Expect.Error(new() { Omit = LabSection.GitOps, Add = l => l.GitOps(g => g.Repository("https://github.com/you/lab.git").K3sServer("k8s-l")) },
            K3sServerUnknown, "lab/gitops/k3sServer", value: "'k8s-l' is not a node of the lab", fix: "did you mean 'k8s-1'? If not, name the node");

    [Fact]
    public void A_vlan_parent_typo_suggests_the_node_interface_that_is_no_bridge_port() =>
        Expect.Error(new() { Node = n => n.Interface("eht1.30", "iot"), Add = WorkingNetworkRuleTests.Iot() },
            HostVlanParentMissing, "lab/nodes/k8s-1/interfaces/eht1.30", value: "'eht1'", fix: "Did you mean 'eth1'? If not, declare the parent");
}
