using GitOps.Topology;

namespace HomeLab;

/// <summary>
/// The home lab from "A hybrid Calico and Layer 2 Bridge+DHCP network using Multus":
/// K3s with Multus, Calico on its own VLAN with BGP, and Home Assistant on the home LAN.
/// </summary>
public static class HomeLabModel
{
    // Networks and the attachment are declared with `out var` handles (lan, k8s, lanL2) that the nodes, the cluster and
    // the workload pass instead of the names as strings: a typo is then a compile error. Strings work too
    // (.Interface("eth0", "lan", ...)); both write the same bytes. A handle works only in the lab that declared it.
    public static Lab Build() => Lab.Create("home-lab")
        // The home LAN: untagged, the router hands out addresses.
        .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1").Untagged().HostAddressing(Addressing.Dhcp), out var lan)
        // VLAN 20 for the Kubernetes nodes, with jumbo frames.
        .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").Mtu(9000).HostAddressing(Addressing.Dhcp), out var k8s)
        // Each Hyper-V VM: eth0 on the LAN, enslaved to bridge cni0; eth1 on VLAN 20. Its two VM adapters get
        // hosts/hyperv/<host>.ps1 (VLAN 20 on the k8s adapter, MAC spoofing on the LAN adapter that carries pod MACs).
        // EXAMPLE host and adapter names: use your Windows host's name and the names Get-VMNetworkAdapter shows.
        .Node("k8s-1", n => n.HyperV("hyperv-1")
            .Interface("eth0", lan, i => i.Bridge("cni0").Mac("00:15:5d:02:cb:09").VmAdapter("lan"))
            .Interface("eth1", k8s, i => i.VmAdapter("k8s")))
        // The second VM, on the other Windows computer. EXAMPLE MAC: put the VM's real eth0 MAC here.
        .Node("k8s-2", n => n.HyperV("hyperv-2")
            .Interface("eth0", lan, i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a").VmAdapter("lan"))
            .Interface("eth1", k8s, i => i.VmAdapter("k8s")))
        .Cluster("example", c => c.NodeNetwork(k8s))
        // Calico: own pod pool, no encapsulation, no NAT: the router learns the pod blocks over BGP.
        // Every node (AS 64512) peers with the router's VLAN 20 address, the k8s gateway 192.168.3.1 (AS 64513).
        // The pinned Calico release is the tigera-operator chart's version and decides the delegate's plugins.
        .Calico(c => c
            .Version(CalicoVersion.V3_32_1)
            .IPPool("192.168.7.0/24", blockSize: 26)
            .Bgp(b => b.AsNumber(64512).Router("router", r => r.AsNumber(64513)))
            .Encapsulate(IPPoolEncapsulation.None)
            .NatOutgoingTraffic(false)
            .LinuxDataplane(LinuxDataplane.Iptables))
        // The blog's Multus v3.9.3 (thin), pinned so the blog stays reproducible. Its kubeconfig holds a token
        // copied once at start (multus-cni #852); leave this line out for the maintained default, v4.3.0 thick
        // (docs/multus.md says what v3 costs).
        .Multus(m => m.Version(MultusVersion.V3).ConfFile("0-multus.conf"))
        // Layer 2 on the LAN: bridge cni0, a lease from the router named after the pod, route-fix.
        .Attachment("default/layer2-bridge", a => a
            .Network(lan)
            .Bridge("cni0")
            .CniNetworkName("dhcp-cni-network")
            .Dhcp(d => d.ProvidePodName())
            .RouteFix(), out var lanL2)
        // Home Assistant with its /config volume and a Service (HomeAssistant.cs: plain k8s.Models objects, emitted as
        // written); the lab adds the LAN attachment to its pod template.
        .Workload("smarthome/homeassistant", w => w
            .Deployment(HomeAssistant.Deployment())
            .Object(HomeAssistant.ConfigVolumeClaim())
            .Object(HomeAssistant.Service())
            .Attach(lanL2))
        // Day 0: Rancher puts the CNI layer (Multus, Calico's operator chart) into the Cluster's additionalManifest,
        // which K3s applies without a pod network. Day 2: Fleet syncs the rest of manifests/ from the repository.
        .GitOps(g => g
            .Repository("https://github.com/you/lab.git", branch: "main", path: "manifests")
            .Fleet(f => f.Name("home-lab").TargetCluster("example"))
            // EXAMPLE version: pick a K3s release your Rancher offers.
            .RancherCluster(kubernetesVersion: "v1.33.5+k3s1")
            .HostFiles())
        .Build();
}
