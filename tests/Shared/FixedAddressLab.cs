using GitOps.Topology;

namespace GitOps.TestSupport;

/// <summary>
/// A lab whose one workload names its own LAN address and MAC in its network selection (issue 17): attachment
/// <c>default/fixed</c> on bridge cni0 with <c>.PodAddresses().PodMac()</c> and route-fix, and workload
/// <c>smarthome/esphome</c> asking for 192.168.2.50/24 and 02:00:00:00:00:32. Shared by the tests that read its
/// annotation (GitOps.NodeEmulator.Tests) and run its chain through the real plugins (RouteFix.IntegrationTests).
/// </summary>
internal static class FixedAddressLab
{
    public const string Address = "192.168.2.50/24";

    public const string Mac = "02:00:00:00:00:32";

    public static Lab Build() => Lab.Create("fixed-lab")
        .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1").Untagged().HostAddressing(Addressing.Dhcp))
        .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").HostAddressing(Addressing.Dhcp))
        .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
        .Cluster("example", c => c.NodeNetwork("k8s"))
        .Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router")))
        .Multus(m => m.Version(MultusVersion.V3).ConfFile("0-multus.conf"))
        .Attachment("default/fixed", a => a.Network("lan").Bridge("cni0").PodAddresses().PodMac().RouteFix(true))
        .Workload("smarthome/esphome", w => w.Image("ghcr.io/esphome/esphome:2025.11").Attach("default/fixed", s => s.Ip(Address).Mac(Mac)))
        .Build();
}
