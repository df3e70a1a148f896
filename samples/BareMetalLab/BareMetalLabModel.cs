using GitOps.Topology;

namespace BareMetalLab;

/// <summary>
/// A second lab, unlike the blog's: three bare-metal machines whose onboard NICs have different names, the LAN untagged,
/// the Kubernetes nodes on VLAN 40, and an IoT VLAN 30 that only pods use (the hosts take no address there). Pods on
/// IoT draw addresses cluster-wide from whereabouts; Flux delivers manifests/; the hosts' network files are written too.
/// </summary>
public static class BareMetalLabModel
{
    public static Lab Build() => Lab.Create("metal-lab")
        // The home LAN, untagged: the router hands out addresses.
        .Network("lan", n => n.Subnet("192.168.1.0/24").Gateway("192.168.1.1").Untagged().HostAddressing(Addressing.Dhcp))
        // VLAN 40 for the Kubernetes nodes.
        .Network("k8s", n => n.Vlan(40).Subnet("10.40.0.0/24").Gateway("10.40.0.1").HostAddressing(Addressing.Dhcp))
        // VLAN 30 for cameras and sensors: pods only, no host address on it.
        .Network("iot", n => n.Vlan(30).Subnet("192.168.30.0/24").Gateway("192.168.30.1").HostAddressing(Addressing.None))
        // Three machines, one trunked NIC each, named as their boards name it: the LAN untagged on the NIC, VLAN 40
        // and VLAN 30 as sub-interfaces (parent.id); VLAN 30's sub-interface is a port of bridge br-iot, one name on
        // every node (a macvlan master would be eno1.30 on one node and enp1s0.30 on another: GITOPS181).
        .Node("metal-1", n => n
            .Interface("eno1", "lan")
            .Interface("eno1.40", "k8s")
            .Interface("eno1.30", "iot", i => i.Bridge("br-iot")))
        .Node("metal-2", n => n
            .Interface("enp1s0", "lan")
            .Interface("enp1s0.40", "k8s")
            .Interface("enp1s0.30", "iot", i => i.Bridge("br-iot")))
        .Node("metal-3", n => n
            .Interface("enp2s0", "lan")
            .Interface("enp2s0.40", "k8s")
            .Interface("enp2s0.30", "iot", i => i.Bridge("br-iot")))
        .Cluster("metal", c => c.NodeNetwork("k8s"))
        // Calico with its own pool; the router (AS 64513, the VLAN 40 gateway) learns the pod blocks over BGP.
        .Calico(c => c
            .IPPool("10.42.0.0/22", blockSize: 26)
            .Bgp(b => b.AsNumber(64512).Router("router", r => r.AsNumber(64513))))
        // IoT pods: a port of br-iot, one address each from a cluster-wide whereabouts pool (host-local would hand
        // out the same addresses on each of the three nodes), the router as their default gateway on VLAN 30.
        .Attachment("iot/iot-net", a => a
            .Network("iot")
            .Bridge("br-iot")
            .Whereabouts("192.168.30.64/26", w => w.Gateway("192.168.30.1").NetworkName("iot-net"))
            .RouteFix())
        // Home Assistant and the Frigate NVR, each a Deployment with its volume claims (plain k8s.Models objects, see
        // Workloads.cs), both on the IoT VLAN where the cameras and sensors live.
        .Workload("iot/homeassistant", w => w
            .Deployment(Workloads.HomeAssistant())
            .Object(Workloads.HomeAssistantConfig())
            .Attach("iot/iot-net"))
        .Workload("iot/frigate", w => w
            .Deployment(Workloads.Frigate())
            .Object(Workloads.FrigateConfig())
            .Object(Workloads.FrigateMedia())
            .Attach("iot/iot-net"))
        // Plain K3s with metal-1 as the server (its day-0 files under hosts/metal-1/), Flux syncing this folder.
        .GitOps(g => g
            .Repository("https://github.com/you/metal-lab.git", branch: "main", path: "manifests")
            .Flux(f => f.Name("metal-lab"))
            .K3sServer("metal-1")
            .HostFiles())
        .Build();
}
