using GitOps.Topology;

namespace GitOps.Tests.Support;

/// <summary>A lab of many layer-2 attachments, as bench/GitOps.BenchLab builds it: one node with a LAN bridge, Calico
/// peering with the router, and bridge + DHCP attachments alternating with and without the pod's name.</summary>
internal static class LargeLab
{
    /// <param name="name">The lab's and the cluster's name.</param>
    /// <param name="attachments">How many attachments.</param>
    /// <param name="qualifiedName">The i-th attachment's <c>namespace/name</c>.</param>
    public static Lab Build(string name, int attachments, Func<int, string> qualifiedName)
    {
        var builder = Lab.Create(name)
            .Network("lan", n => n.Subnet("192.168.0.0/16").Gateway("192.168.0.1"))
            .Network("k8s", n => n.Vlan(20).Subnet("10.20.0.0/24").Gateway("10.20.0.1"))
            .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
            .Cluster(name, c => c.NodeNetwork("k8s"))
            .Calico(c => c.IPPool("10.7.0.0/16", blockSize: 26).Bgp(b => b.Router("router")));
        for (var i = 0; i < attachments; i++)
        {
            var podName = i % 2 == 0;
            builder.Attachment(qualifiedName(i), a =>
            {
                var onLan = a.Network("lan").Bridge("cni0");
                if (podName)
                {
                    onLan.Dhcp(d => d.ProvidePodName());
                }
                else
                {
                    onLan.Dhcp();
                }
            });
        }

        return builder.Build();
    }
}
