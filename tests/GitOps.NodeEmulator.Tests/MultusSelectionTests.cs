using System.Text.Json.Nodes;
using GitOps.Topology;

namespace GitOps.NodeEmulator.Tests;

/// <summary>
/// The network-selection reading the scenarios use (<see cref="MultusSelection"/>), on annotations as the library
/// renders them: the plain form the second sample's workloads carry, and the JSON form of a workload with its own
/// address and MAC, whose <c>ips</c>/<c>mac</c> must become the capability args Multus hands the delegate.
/// </summary>
public sealed class MultusSelectionTests
{
    [Fact]
    public void The_second_samples_workloads_select_iot_net_without_address_or_mac()
    {
        var deployments = EmittedManifests.Committed(Labs.BareMetalLabOutput).Where(o => o.Kind == "Deployment").ToList();
        Assert.Equal(2, deployments.Count);
        foreach (var deployment in deployments)
        {
            var annotation = (string)deployment.Object["spec"]!["template"]!["metadata"]!["annotations"]!["k8s.v1.cni.cncf.io/networks"]!;
            var selection = Assert.Single(MultusSelection.Parse(annotation, "iot"));
            Assert.Equal(("iot", "iot-net", ""), (selection.Namespace, selection.Name, selection.InterfaceRequest));
            Assert.Empty(selection.CapabilityArgs);
        }
    }

    [Fact]
    public void A_static_address_and_mac_become_the_ips_and_mac_capability_args()
    {
        var lab = Lab.Create("fixed-lab")
            .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1").Untagged().HostAddressing(Addressing.Dhcp))
            .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").HostAddressing(Addressing.Dhcp))
            .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
            .Cluster("example", c => c.NodeNetwork("k8s"))
            .Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router")))
            .Multus(m => m.Version(MultusVersion.V3).ConfFile("0-multus.conf"))
            .Attachment("default/fixed", a => a.Network("lan").Bridge("cni0").PodAddresses().PodMac().RouteFix(true))
            .Workload("smarthome/esphome", w => w.Image("ghcr.io/esphome/esphome:2025.11").Attach("default/fixed", s => s.Ip("192.168.2.50/24").Mac("02:00:00:00:00:32")))
            .Build();
        var deployment = EmittedManifests.Of(lab).Single(o => o.Kind == "Deployment");
        var annotation = (string)deployment.Object["spec"]!["template"]!["metadata"]!["annotations"]!["k8s.v1.cni.cncf.io/networks"]!;
        var selection = Assert.Single(MultusSelection.Parse(annotation, "smarthome"));
        Assert.Equal(("default", "fixed"), (selection.Namespace, selection.Name));
        Assert.Equal(["ips", "mac"], selection.CapabilityArgs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("""["192.168.2.50/24"]""", selection.CapabilityArgs["ips"].ToJsonString());
        Assert.Equal("02:00:00:00:00:32", selection.CapabilityArgs["mac"].GetValue<string>());
    }

    [Theory]
    [InlineData("lan-dhcp", "smarthome", "lan-dhcp", "")]
    [InlineData(" media/lan-media@eth5 ", "media", "lan-media", "eth5")]
    public void The_comma_form_defaults_the_namespace_and_reads_the_interface(string annotation, string ns, string name, string ifName)
    {
        var selection = Assert.Single(MultusSelection.Parse(annotation, "smarthome"));
        Assert.Equal((ns, name, ifName), (selection.Namespace, selection.Name, selection.InterfaceRequest));
    }
}
