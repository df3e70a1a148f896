using GitOps.Topology;

/// <summary>The lab: its networks, nodes, cluster, CNI and the pods on the LAN. Change it, run `dotnet build`, commit manifests/.</summary>
public static class MyLab
{
    public static Lab Build() =>
        Lab.Create("home-lab")
            // The home LAN, and the VLAN the Kubernetes nodes address each other on.
            .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"))
            .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").Mtu(9000))
            // One node: eth0 on the LAN as the port of bridge cni0 (for pods that need layer 2), eth1 on the node network.
            .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
            // A K3s cluster (the only distribution) whose nodes address each other on k8s.
            .Cluster("home-lab", c => c.NodeNetwork("k8s"))
            // Calico's pod pool, announced over BGP to the router (the node network's gateway).
            .Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router")))
            // Layer 2 on the LAN for the pods that need it (mDNS, SSDP, Wake-on-LAN): a second interface net1 on bridge
            // cni0, its address from the LAN's DHCP server, and route-fix so multicast and broadcast leave through net1.
            .Attachment("default/layer2-bridge", a => a.Network("lan").Bridge("cni0").Dhcp().RouteFix())
            // Home Assistant: Calico on eth0 as every pod, the LAN on net1.
            .Workload("smarthome/homeassistant", w => w
                .Image("ghcr.io/home-assistant/home-assistant:2025.11")
                .Port("http", 8123)
                .Attach("default/layer2-bridge"))
            .Build();
}
