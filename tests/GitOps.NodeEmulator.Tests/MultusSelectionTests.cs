using System.Text.Json.Nodes;
using GitOps.Topology;
using GitOps.TestSupport;

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
        var lab = FixedAddressLab.Build();
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
