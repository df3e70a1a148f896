using GitOps.Topology;

/// <summary>
/// The blog's home lab: K3s nodes with the LAN (untagged) bridged into cni0 and the Kubernetes
/// VLAN 20 on eth1; Calico as the primary network (pod pool 192.168.7.0/24); a Multus layer-2
/// attachment on cni0 with DHCP from the LAN router for Home Assistant.
/// </summary>
public static class HomeLab
{
    public static Lab Build() =>
        Lab.Create("homelab")
            .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"))
            .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").Mtu(9000))
            .Node("k8s-1", n => n
                .Interface("eth0", "lan", i => i.Bridge("cni0"))
                .Interface("eth1", "k8s"))
            .Cluster("homelab", c => c.K3s().NodeNetwork("k8s"))
            .Calico(c => c.IpPool("192.168.7.0/24", blockSize: 26))
            .Attachment("default/layer2-bridge", a => a.Network("lan").Bridge("cni0").Dhcp())
            .Workload("smarthome/homeassistant", w => w
                .Image("ghcr.io/home-assistant/home-assistant:stable")
                .Attach("default/layer2-bridge"))
            .Build();
}
