using GitOps.Topology;

/// <summary>The lab both benchmarks time (bench/GitOps.Benchmarks in process, this project as a whole process): one node, Calico, and N bridge+DHCP attachments on the LAN.</summary>
internal static class BenchLab
{
    public static Lab Build(int attachments)
    {
        var builder = Lab.Create("bench")
            .Network("lan", n => n.Subnet("192.168.0.0/16").Gateway("192.168.0.1"))
            .Network("k8s", n => n.Vlan(20).Subnet("10.20.0.0/24").Gateway("10.20.0.1").Mtu(9000))
            .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
            .Cluster("bench", c => c.NodeNetwork("k8s"))
            .Calico(c => c.IPPool("10.7.0.0/16", blockSize: 26).Bgp(b => b.Router("router")));
        for (var i = 0; i < attachments; i++)
        {
            builder.Attachment($"default/layer2-{i}", a => a.Network("lan").Bridge("cni0").Dhcp(d => d.ProvidePodName()));
        }

        return builder.Build();
    }
}
