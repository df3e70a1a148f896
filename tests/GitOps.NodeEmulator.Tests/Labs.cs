using GitOps.Topology;

namespace GitOps.NodeEmulator.Tests;

/// <summary>The labs the emulator runs. Every DaemonSet any of them emits must have a scenario (CoverageTests).</summary>
public static class Labs
{
    public static Lab HomeLab() => global::HomeLab.HomeLabModel.Build();

    /// <summary>Another bridge name, a custom dhcp daemon socket, two DHCP attachments (one per workload), no route-fix options changed.</summary>
    public static Lab SecondLab() => Lab.Create("second-lab")
        .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1").Untagged().HostAddressing(Addressing.Dhcp))
        .Network("k8s", n => n.Vlan(30).Subnet("10.30.0.0/24").Gateway("10.30.0.1"))
        .Node("node-a", n => n.Interface("enp1s0", "lan", i => i.Bridge("br-lan")).Interface("enp2s0", "k8s"))
        .Cluster("second", c => c.NodeNetwork("k8s"))
        .Calico(c => c.IPPool("10.244.0.0/16", blockSize: 26).NatOutgoingTraffic())
        .Multus(m => m.Version(MultusVersion.V3).ConfFile("0-multus.conf"))
        .Attachment("default/lan-dhcp", a => a.Network("lan").Bridge("br-lan")
            .Dhcp(d => d.ProvidePodName().DaemonSocketPath(SecondLabSocket)).RouteFix())
        .Attachment("media/lan-media", a => a.Network("lan").Bridge("br-lan").CniNetworkName("media-lan")
            .Dhcp(d => d.ProvidePodName().DaemonSocketPath(SecondLabSocket)).RouteFix())
        .Workload("smarthome/homeassistant", w => w.Image("ghcr.io/home-assistant/home-assistant:2025.11").Attach("default/lan-dhcp"))
        .Workload("media/jellyfin", w => w.Image("docker.io/jellyfin/jellyfin:10.10.7").Attach("media/lan-media"))
        .Build();

    public const string SecondLabSocket = "/run/lab-dhcp/daemon.sock";

    /// <summary>One node, one attachment with cluster-wide whereabouts IPAM (issue 17).</summary>
    public static Lab WhereaboutsLab() => Lab.Create("whereabouts-lab")
        .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1").Untagged().HostAddressing(Addressing.Dhcp))
        .Network("k8s", n => n.Vlan(30).Subnet("10.30.0.0/24").Gateway("10.30.0.1"))
        .Node("node-a", n => n.Interface("enp1s0", "lan", i => i.Bridge("br-lan")).Interface("enp2s0", "k8s"))
        .Cluster("wb", c => c.NodeNetwork("k8s"))
        .Calico(c => c.IPPool("10.244.0.0/16", blockSize: 26).NatOutgoingTraffic())
        .Multus(m => m.Version(MultusVersion.V3).ConfFile("0-multus.conf"))
        .Attachment("default/lan-pods", a => a.Network("lan").Bridge("br-lan").Whereabouts("192.168.2.128/26", w => w.Exclude("192.168.2.128/30")).RouteFix())
        .Workload("smarthome/homeassistant", w => w.Image("ghcr.io/home-assistant/home-assistant:2025.11").Attach("default/lan-pods"))
        .Build();

    public static IEnumerable<(string Name, Lab Lab)> All() => [("HomeLab", HomeLab()), ("SecondLab", SecondLab()), ("WhereaboutsLab", WhereaboutsLab())];

    /// <summary>The second sample's output folder (Flux, bare metal, pods-only IoT VLAN with whereabouts), read as committed.</summary>
    public const string BareMetalLabOutput = "samples/BareMetalLab/manifests";

    /// <summary>
    /// Every output the emulator must cover: the labs above as the library renders them, and the second sample's
    /// committed output folder. <see cref="LabOutput.RunByScenario"/> names the DaemonSets a scenario runs for it.
    /// </summary>
    public static IEnumerable<LabOutput> Outputs() =>
    [
        .. All().Select(l => new LabOutput(l.Name, EmittedManifests.Of(l.Lab), NodeScenario.Covers)),
        new LabOutput("BareMetalLab (" + BareMetalLabOutput + ")", EmittedManifests.Committed(BareMetalLabOutput), BareMetalLabScenarioTests.Covers),
    ];
}

/// <summary>One lab's emitted objects and the names of the DaemonSets a scenario runs from them.</summary>
public sealed record LabOutput(string Name, IReadOnlyList<EmittedObject> Objects, IReadOnlyCollection<string> RunByScenario);

