using GitOps.Topology;

namespace GitOps.Tests.Support;

/// <summary>Labs for tests: the blog's lab (Multus v3 unless <c>defaultMultus</c>) with one section changed.</summary>
public static class TestLabs
{
    public static Lab Blog(
        Action<MultusBuilder>? multus = null,
        Action<CalicoBuilder>? calico = null,
        Action<AttachmentBuilder>? attachment = null,
        Action<LabBuilder>? extra = null,
        Action<NodeBuilder>? secondNode = null,
        bool defaultMultus = false)
    {
        var lab = Lab.Create("home-lab")
            .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1").Untagged().Dhcp())
            .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").Mtu(9000).Dhcp())
            .Node("k8s-1", n => n
                .Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:09"))
                .Interface("eth1", "k8s"))
            .Cluster("example", c => c.K3s().NodeNetwork("k8s"))
            .Calico(c =>
            {
                c.IpPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router"));
                calico?.Invoke(c);
            })
            .Attachment("default/layer2-bridge", a =>
            {
                a.Network("lan").Bridge("cni0").CniNetworkName("dhcp-cni-network").Dhcp(d => d.ProvidePodName());
                attachment?.Invoke(a);
            })
            .Workload("smarthome/homeassistant", w => w
                .Image("ghcr.io/home-assistant/home-assistant:2025.11")
                .Port("http", 8123)
                .Attach("default/layer2-bridge"));
        // defaultMultus: no Multus section at all, so the lab gets the library's default (v4 thick).
        if (!defaultMultus)
        {
            lab.Multus(m =>
            {
                m.Version(MultusVersion.V3);
                multus?.Invoke(m);
            });
        }

        if (secondNode is not null)
        {
            lab.Node("k8s-2", secondNode);
        }

        extra?.Invoke(lab);
        return lab.Build();
    }
}
