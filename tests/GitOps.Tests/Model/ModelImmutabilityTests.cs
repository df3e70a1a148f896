using System.Collections;
using GitOps.Topology;
using Xunit;

namespace GitOps.Tests.Model;

/// <summary>
/// A built <see cref="Lab"/> is a snapshot: builders the lab author captured and changes after <c>Build()</c>
/// do not reach it, and no collection in it can be cast back to something mutable (issue 11).
/// </summary>
public sealed class ModelImmutabilityTests
{
    private sealed class Captured
    {
        public CalicoBuilder? Calico;
        public BgpBuilder? Bgp;
        public NodeBuilder? Node;
        public DhcpIpamBuilder? Dhcp;
        public RouteFixBuilder? RouteFix;
        public WorkloadBuilder? Workload;
        public GitOpsBuilder? GitOps;
        public FleetBuilder? Fleet;
        public LabBuilder? Lab;
    }

    /// <summary>The blog's lab (<see cref="BlogLab"/>), its hooks keeping the builders a careless lab author might keep.</summary>
    private static (Lab Lab, Captured Builders) BuildCapturing()
    {
        var c = new Captured();
        var lab = BlogLab.Build(new()
        {
            Node = n => c.Node = n,
            Calico = x => (c.Calico = x).Bgp(b => (c.Bgp = b).AsNumber(64512).Router("router", r => r.AsNumber(64513))),
            Attachment = a => a.Dhcp(d => (c.Dhcp = d).ProvidePodName()).RouteFix(r => (c.RouteFix = r).Route("224.0.0.0/4")),
            Workload = w => c.Workload = w,
            GitOps = g => (c.GitOps = g).Fleet(f => (c.Fleet = f).Name("home-lab").TargetCluster("example")),
            Add = l => c.Lab = l,
        });
        return (lab, c);
    }

    [Fact]
    public void Builders_changed_after_Build_do_not_change_the_lab()
    {
        var (lab, b) = BuildCapturing();
        var before = Describe(lab);

        b.Calico!.ControlPlaneNodeSelector("node-role.kubernetes.io/control-plane", "true").IPPool("10.9.0.0/16", blockSize: 24);
        b.Bgp!.Router("second", r => r.Address("192.168.3.2").AsNumber(64513));
        b.Node!.Interface("eth2", "lan");
        b.Dhcp!.ProvideOption(15, "K8S_POD_NAMESPACE");
        b.RouteFix!.Route("10.0.0.0/8", via: "192.168.2.1");
        b.Workload!.Port("metrics", 9100).Attach("default/other");
        b.GitOps!.K3sServer("k8s-2");
        b.Fleet!.TargetCluster("other");
        b.Lab!.Network("extra", n => n.Subnet("10.1.0.0/24").Gateway("10.1.0.1"));

        Assert.Equal(before, Describe(lab));
        Assert.Equal("true", lab.Calico.ControlPlaneNodeSelector["node-role.kubernetes.io/master"]);
        Assert.Single(lab.Calico.ControlPlaneNodeSelector);
    }

    [Fact]
    public void No_collection_in_the_model_can_be_cast_back_and_changed()
    {
        var (lab, _) = BuildCapturing();
        var attachment = lab.Attachments[0];
        var collections = new (string Name, object Value)[]
        {
            ("Networks", lab.Networks), ("Nodes", lab.Nodes), ("Attachments", lab.Attachments), ("Workloads", lab.Workloads),
            ("Node.Interfaces", lab.Nodes[0].Interfaces), ("Workload.Attachments", lab.Workloads[0].Attachments),
            ("Workload.Companions", lab.Workloads[0].Companions), ("Dhcp.Provide", ((DhcpIpamOptions)attachment.Ipam).Provide),
            ("RouteFix.ExtraRoutes", attachment.RouteFix!.ExtraRoutes), ("Bgp.Routers", lab.Calico.Peering!.Routers),
            ("GitOps.K3sServers", lab.GitOps!.K3sServers), ("Fleet.TargetClusters", lab.GitOps.Fleet!.TargetClusters),
            ("Calico.ControlPlaneNodeSelector", lab.Calico.ControlPlaneNodeSelector),
            ("CalicoSettings.DefaultControlPlaneNodeSelector", CalicoSettings.DefaultControlPlaneNodeSelector),
        };

        foreach (var (name, value) in collections)
        {
            var type = value.GetType();
            Assert.False(type.IsArray, $"{name} is an array ({type})");
            Assert.False(type.IsGenericType && type.GetGenericTypeDefinition() is var d &&
                (d == typeof(List<>) || d == typeof(Dictionary<,>) || d == typeof(SortedDictionary<,>) || d == typeof(HashSet<>)), $"{name} is {type}");
            if (value is IList list)
            {
                Assert.True(list.IsReadOnly, $"{name} is writable");
                Assert.Throws<NotSupportedException>(() => list.Clear());
            }
            else
            {
                var map = Assert.IsAssignableFrom<IDictionary>(value);
                Assert.True(map.IsReadOnly, $"{name} is writable");
                Assert.Throws<NotSupportedException>(() => map.Clear());
            }
        }
    }

    private static string Describe(Lab lab) => string.Join("\n",
        string.Join(",", lab.Networks.Select(n => n.Name)),
        string.Join(",", lab.Nodes.SelectMany(n => n.Interfaces.Select(i => $"{n.Name}/{i.Name}"))),
        lab.Calico.Pool.Cidr.ToString(),
        string.Join(",", lab.Calico.ControlPlaneNodeSelector.Select(p => $"{p.Key}={p.Value}")),
        string.Join(",", lab.Calico.Peering!.Routers.Select(r => r.Name)),
        string.Join(",", ((DhcpIpamOptions)lab.Attachments[0].Ipam).Provide),
        string.Join(",", lab.Attachments[0].RouteFix!.ExtraRoutes),
        k8s.KubernetesJson.Serialize(lab.Workloads[0].PodOwner),
        string.Join(",", lab.Workloads[0].Attachments.Select(a => a.QualifiedName)),
        string.Join(",", lab.GitOps!.K3sServers),
        string.Join(",", lab.GitOps.Fleet!.TargetClusters));
}
