using k8s.Models;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>Names are unique per kind (and namespace): networks, nodes, interfaces, attachments, workloads.</summary>
public sealed class DuplicateNameRuleTests
{
    [Fact]
    public void Network_declared_twice_is_rejected() =>
        Expect.Error(new() { Add = b => b.Network("lan", n => n.Subnet("192.168.9.0/24").Gateway("192.168.9.1")) },
            DuplicateName, "lab/networks/lan", value: "'lan'", fix: "give each network its own name");

    [Fact]
    public void Network_declared_twice_is_rejected_even_when_the_first_is_broken()
    {
        var diagnostics = Expect.Errors(new()
        {
            Lan = n => n.Subnet("192.168.2.1/24"),
            Add = b => b.Network("lan", n => n.Subnet("192.168.9.0/24").Gateway("192.168.9.1")),
        });

        Assert.Equal([HostBitsSet, DuplicateName], diagnostics.Select(d => d.Code));
        Assert.Equal(["lab/networks/lan/subnet", "lab/networks/lan"], diagnostics.Select(d => d.Path));
    }

    [Fact]
    public void Node_declared_twice_is_rejected() =>
        Expect.Error(new() { Add = b => b.Node("k8s-1", n => n.Interface("eth1", "k8s")) },
            DuplicateName, "lab/nodes/k8s-1", value: "'k8s-1'", fix: "unique in a cluster");

    [Fact]
    public void Interface_declared_twice_on_a_node_is_rejected() =>
        Expect.Error(new() { Node = n => n.Interface("eth1", "k8s") },
            DuplicateName, "lab/nodes/k8s-1/interfaces/eth1", value: "'eth1'", fix: "declared twice on node 'k8s-1'");

    /// <summary>The bridge is renamed where it is declared and where it is used (one mistake); eth1 is declared after eth0.</summary>
    [Fact]
    public void Bridge_named_like_an_interface_declared_later_is_rejected() =>
        Expect.Error(new() { Eth0 = i => i.Bridge("eth1"), Attachment = a => a.Bridge("eth1") },
            DuplicateName, "lab/nodes/k8s-1/interfaces/eth0/bridge", value: "'eth1'", fix: "pick another bridge name");

    [Fact]
    public void Attachment_declared_twice_is_rejected() =>
        Expect.Error(new() { Add = b => b.Attachment("default/layer2-bridge", a => a.Network("lan").Bridge("cni0").Dhcp()) },
            DuplicateName, "lab/attachments/default/layer2-bridge", value: "'default/layer2-bridge'", fix: "unique per namespace");

    [Fact]
    public void Workload_declared_twice_is_rejected() =>
        Expect.Error(new() { Add = b => b.Workload("smarthome/homeassistant", w => w.Image("ghcr.io/home-assistant/home-assistant:2025.12")) },
            DuplicateName, "lab/workloads/smarthome/homeassistant", value: "'smarthome/homeassistant'", fix: "unique per namespace");

    [Fact]
    public void A_second_declaration_names_the_first_ones_line()
    {
        var diagnostic = Expect.Error(new() { Add = b => b.Workload("smarthome/homeassistant", w => w.Image("ghcr.io/home-assistant/home-assistant:2025.12")) },
            DuplicateName, "lab/workloads/smarthome/homeassistant", value: "'smarthome/homeassistant'", fix: "unique per namespace");

        Assert.Matches(@"declared twice \(first declared at BlogLab\.cs:[1-9][0-9]*\);", diagnostic.Message);
    }

    [Fact]
    public void Two_objects_for_one_file_are_told_apart_by_where_each_was_declared()
    {
        var lab = BlogLab.Build(new()
        {
            Workload = w => w.Object(new V1ConfigMap { Metadata = new() { Name = "shared" } }),
            Add = b => b.Workload("smarthome/other", w => w.Image("ghcr.io/home-assistant/home-assistant:2025.12")
                .Object(new V1ConfigMap { Metadata = new() { Name = "shared" } })),
        });

        var exception = Assert.Throws<GitOps.Diagnostics.LabValidationException>(() => LabGenerator.Generate(lab));

        var diagnostic = Assert.Single(exception.Diagnostics);
        Assert.Equal(DuplicateName, diagnostic.Code);
        var declared = System.Text.RegularExpressions.Regex.Matches(diagnostic.Message, @"ConfigMap 'smarthome/shared' \(declared at DuplicateNameRuleTests\.cs:([1-9][0-9]*)\)");
        Assert.Equal(2, declared.Count); // each at its own .Object(...) line, not at the workloads' lines
        Assert.NotEqual(declared[0].Groups[1].Value, declared[1].Groups[1].Value);
        Assert.Equal(int.Parse(declared[1].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), diagnostic.Line);
    }
}
