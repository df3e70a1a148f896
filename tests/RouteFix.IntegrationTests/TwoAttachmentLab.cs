using System.Text.Json.Nodes;
using GitOps.Cni;
using GitOps.Topology;

namespace RouteFix.IntegrationTests;

/// <summary>
/// A lab with two layer-2 attachments, built with the library: <c>default/lan</c> (bridge cni0, DHCP from the LAN
/// router, route-fix as the blog has it) and <c>default/iot</c> (bridge cni1 on 10.30.0.0/24, host-local, route-fix
/// configured by the test). The conflists the tests run are what <see cref="LayerTwoConflist"/> writes into the NADs.
/// Also compiled into tests/RouteFix.Tests, whose LibraryContractTests read the same NADs.
/// </summary>
internal static class TwoAttachmentLab
{
    public const string IotRouter = "10.30.0.1";

    /// <param name="iotRouteFix">route-fix of the IoT attachment.</param>
    /// <param name="oneWorkloadJoinsBoth">true: one workload joins both (the model rules must accept it); false: one workload per attachment.</param>
    public static Lab Build(Action<RouteFixBuilder> iotRouteFix, bool oneWorkloadJoinsBoth) => Lab.Create("two-attachments")
        .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1").Untagged().HostAddressing(global::GitOps.Topology.Addressing.Dhcp))
        .Network("iot", n => n.Vlan(30).Subnet("10.30.0.0/24").Gateway(IotRouter).HostAddressing(global::GitOps.Topology.Addressing.Static))
        .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").HostAddressing(global::GitOps.Topology.Addressing.Dhcp))
        .Node("k8s-1", n => n
            .Interface("eth0", "lan", i => i.Bridge("cni0"))
            .Interface("eth1", "k8s")
            .Interface("eth2", "iot", i => i.Bridge("cni1")))
        .Cluster("example", c => c.NodeNetwork("k8s"))
        .Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router")))
        .Multus(m => m.Version(MultusVersion.V3).ConfFile("0-multus.conf"))
        .Attachment("default/lan", a => a.Network("lan").Bridge("cni0").Dhcp(d => d.ProvidePodName()).RouteFix())
        .Attachment("default/iot", a => a.Network("iot").Bridge("cni1").HostLocalRange("10.30.0.100", "10.30.0.199").RouteFix(iotRouteFix))
        .Workload("smarthome/homeassistant", w =>
        {
            w.Image("ghcr.io/home-assistant/home-assistant:2025.11").Attach("default/lan");
            if (oneWorkloadJoinsBoth)
            {
                w.Attach("default/iot");
            }
        })
        .Workload("smarthome/zigbee2mqtt", w => w.Image("ghcr.io/koenkk/zigbee2mqtt:2.6.3").Attach("default/iot"))
        .GitOps(g => g.Repository("https://github.com/you/lab.git", branch: "main", path: "manifests").Fleet(f => f.Name("lab").TargetCluster("example")))
        .Build();

    /// <summary>
    /// The LAN attachment's conflist as the NAD carries it, with the dhcp daemon socket of this test run (set on
    /// the model, as LayerTwoChainTests does).
    /// </summary>
    public static string LanConflist(Lab lab, string daemonSocket)
    {
        var lan = lab.Attachments.Single(a => a.QualifiedName == "default/lan");
        return LayerTwoConflist.Build(lab, lan with { Ipam = ((DhcpIpamOptions)lan.Ipam) with { DaemonSocketPath = daemonSocket } }).ToJson();
    }

    /// <summary>
    /// The IoT attachment's conflist as the NAD carries it. The one change: host-local's <c>dataDir</c> points into the
    /// test's temp directory, so the test never writes the machine's /var/lib/cni/networks (the model has no such
    /// field; containernetworking/plugins plugins/ipam/host-local/backend/allocator/config.go reads it from ipam).
    /// </summary>
    public static string IotConflist(Lab lab, string dataDir)
    {
        var iot = lab.Attachments.Single(a => a.QualifiedName == "default/iot");
        var conflist = JsonNode.Parse(LayerTwoConflist.Build(lab, iot).ToJson())!.AsObject();
        conflist["plugins"]![0]!["ipam"]!["dataDir"] = dataDir;
        return conflist.ToJsonString();
    }
}
