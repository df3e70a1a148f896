using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>Nodes: MAC addresses, and an address on the node network for Calico.</summary>
public sealed class NodeRuleTests
{
    [Theory]
    [InlineData("00:15:5d:02:cb")]
    [InlineData("00-15-5d-02-cb-09")]
    [InlineData("00:15:5d:02:cb:0g")]
    [InlineData("0015.5d02.cb09")]
    public void Mac_not_six_hex_pairs_is_rejected(string mac) =>
        Expect.Error(new() { Eth0 = i => i.Mac(mac) },
            InvalidMac, "lab/nodes/k8s-1/interfaces/eth0/mac", value: $"'{mac}'", fix: "six hex pairs separated by ':'");

    [Theory]
    [InlineData("00-15-5D-02-CB-0A")]
    [InlineData("00155D02CB0A")]
    [InlineData("0015.5d02.cb0a")]
    public void A_MAC_in_another_notation_is_offered_in_the_one_the_model_takes(string mac) =>
        Expect.Error(new() { Eth0 = i => i.Mac(mac) },
            InvalidMac, "lab/nodes/k8s-1/interfaces/eth0/mac", value: $"'{mac}' is not a MAC address", fix: "(aa:bb:cc:dd:ee:ff) ('00:15:5d:02:cb:0a')");

    [Fact]
    public void Node_without_an_interface_on_the_node_network_is_rejected() =>
        Expect.Error(new() { Add = b => b.Node("k8s-3", n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0c"))) },
            MissingElement, "lab/nodes/k8s-3/interfaces", value: "node network 'k8s'", fix: ".Interface(\"eth1\", \"k8s\")");
}
