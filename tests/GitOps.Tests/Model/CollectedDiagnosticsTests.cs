using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>Build reports every problem at once, not only the first.</summary>
public sealed class CollectedDiagnosticsTests
{
    [Fact]
    public void Three_independent_mistakes_yield_three_diagnostics()
    {
        var diagnostics = Expect.Errors(new()
        {
            K8s = n => n.Vlan(4095),
            Multus = m => m.ConfFile("99-multus.conf"),
            Omit = LabSection.Workloads,
            Add = b => b.Workload("smarthome/homeassistant", w => w.Image("ghcr.io/home-assistant/home-assistant:")),
        });

        Assert.Equal(
            [
                (VlanOutOfRange, "lab/networks/k8s/vlan"),
                (InvalidConfFileName, "lab/multus/confFile"),
                (InvalidImage, "lab/workloads/smarthome/homeassistant/image"),
            ],
            diagnostics.Select(d => (d.Code, d.Path)));
    }

    [Fact]
    public void Mistakes_in_the_address_plan_are_reported_together_with_each_overlap()
    {
        var diagnostics = Expect.Errors(new()
        {
            Calico = c => c.IPPool("192.168.3.0/24"),
            Cluster = c => c.ServiceCidr("192.168.2.0/24"),
        });

        Assert.Equal(
            [
                (SubnetOverlap, "lab/cluster/serviceCidr"),
                (SubnetOverlap, "lab/calico/ipPool/cidr"),
            ],
            diagnostics.Select(d => (d.Code, d.Path)));
    }

    [Fact]
    public void The_rules_over_the_built_lab_report_together_in_the_order_of_the_rule_list()
    {
        var diagnostics = Expect.Errors(new()
        {
            Lan = n => n.Vlan(20),
            Calico = c => c.Encapsulate(GitOps.Topology.IPPoolEncapsulation.VXLAN).Mtu(9000),
            Add = b => b.Attachment("default/iot", a => a.Network("lan").Bridge("cni0").Dhcp(d => d.DaemonSocketPath("/run/iot/dhcp.sock"))),
        });

        // DhcpDaemonSocketRule, CalicoMtuRule, VlanIdUniqueRule: three rule classes, in LabRules.All's order.
        Assert.Equal(
            [
                (DhcpDaemonSocketConflict, "lab/attachments/default/iot/ipam/daemonSocketPath"),
                (CalicoMtuAboveNodeNetwork, "lab/calico/mtu"),
                (VlanIdDuplicate, "lab/networks/k8s/vlan"),
            ],
            diagnostics.Select(d => (d.Code, d.Path)));
    }

    [Fact]
    public void Exception_message_lists_every_diagnostic_as_a_canonical_line()
    {
        var exception = Assert.Throws<Diagnostics.LabValidationException>(() => BlogLab.Build(new()
        {
            Lan = n => n.Mtu(67),
            K8s = n => n.Vlan(0),
        }));

        Assert.StartsWith("The lab model has 2 problem(s):", exception.Message, StringComparison.Ordinal);
        Assert.All(exception.Diagnostics, d => Assert.Contains(d.ToCanonicalString(), exception.Message, StringComparison.Ordinal));
    }
}
