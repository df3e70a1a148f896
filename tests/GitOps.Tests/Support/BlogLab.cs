using GitOps.Topology;

namespace GitOps.Tests.Support;

/// <summary>
/// The one blog-lab factory of the tests: the blog's lab, the same calls as samples/HomeLab/HomeLabModel.cs (a test
/// checks they produce the same files), with hooks so a test can change exactly one value. Each hook runs after the
/// section's own calls, so a hook that sets a value replaces the blog's; values set in a hook carry the test file's
/// caller info. Every variation (one node, the default Multus, Flux, other CIDRs...) is a <see cref="LabChange"/>.
/// Tests that mean "the sample" call <c>HomeLab.HomeLabModel.Build()</c> instead. Home Assistant's objects (Deployment,
/// claim, Service) are the sample's own <c>HomeLab.HomeAssistant</c>, so its pods are the blog's Deployment object: a
/// test that wants the simple form (<c>.Image</c>/<c>.Port</c>) omits <see cref="LabSection.Workloads"/> and adds its own.
/// </summary>
internal static class BlogLab
{
    public static Lab Build(LabChange? change = null) => Builder(change).Build();

    /// <summary>
    /// The blog's lab cut to what a single-section test needs: node k8s-1 only (<paramref name="secondNode"/> declares
    /// k8s-2), no GitOps section, Multus v3 at the library's default conf file (or no Multus section at all when
    /// <paramref name="defaultMultus"/>: the library's default, v4 thick); each hook changes one section.
    /// </summary>
    public static Lab OneNode(
        Action<MultusBuilder>? multus = null,
        Action<CalicoBuilder>? calico = null,
        Action<AttachmentBuilder>? attachment = null,
        Action<LabBuilder>? extra = null,
        Action<NodeBuilder>? secondNode = null,
        bool defaultMultus = false) => Build(new LabChange
        {
            Omit = LabSection.GitOps | (secondNode is null ? LabSection.SecondNode : LabSection.None) | (defaultMultus ? LabSection.Multus : LabSection.None),
            MultusConfFile = null,
            SecondNode = secondNode,
            Calico = calico,
            Multus = multus,
            Attachment = attachment,
            Add = extra,
        });

    public static LabBuilder Builder(LabChange? change = null)
    {
        var c = change ?? new LabChange();
        var lab = Lab.Create(c.LabName);
        if (!c.Omit.HasFlag(LabSection.Networks))
        {
            lab.Network("lan", n => Then(n.Subnet("192.168.2.0/24").Gateway("192.168.2.1").Untagged().HostAddressing(Addressing.Dhcp), c.Lan))
                .Network("k8s", n => Then(n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").Mtu(9000).HostAddressing(Addressing.Dhcp), c.K8s));
        }

        if (!c.Omit.HasFlag(LabSection.Nodes))
        {
            lab.Node("k8s-1", n => Then(n.HyperV("hyperv-1")
                .Interface("eth0", "lan", i => Then(i.Bridge("cni0").Mac("00:15:5d:02:cb:09").VmAdapter("lan"), c.Eth0))
                .Interface("eth1", "k8s", i => i.VmAdapter("k8s")), c.Node));
        }

        if (!c.Omit.HasFlag(LabSection.Nodes) && !c.Omit.HasFlag(LabSection.SecondNode))
        {
            lab.Node("k8s-2", c.SecondNode ?? (n => n.HyperV("hyperv-2")
                .Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a").VmAdapter("lan"))
                .Interface("eth1", "k8s", i => i.VmAdapter("k8s"))));
        }

        if (!c.Omit.HasFlag(LabSection.Cluster))
        {
            lab.Cluster("example", k => Then(k.NodeNetwork("k8s"), c.Cluster));
        }

        if (!c.Omit.HasFlag(LabSection.Calico))
        {
            lab.Calico(k => Then(k
                .IPPool("192.168.7.0/24", blockSize: 26)
                .Bgp(b => b.AsNumber(64512).Router("router", r => r.AsNumber(64513)))
                .Encapsulate(IPPoolEncapsulation.None)
                .NatOutgoingTraffic(false)
                .LinuxDataplane(LinuxDataplane.Iptables), c.Calico));
        }

        if (!c.Omit.HasFlag(LabSection.Multus))
        {
            lab.Multus(m =>
            {
                m.Version(MultusVersion.V3);
                if (c.MultusConfFile is not null)
                {
                    m.ConfFile(c.MultusConfFile);
                }

                Then(m, c.Multus);
            });
        }
        if (!c.Omit.HasFlag(LabSection.Attachments))
        {
            lab.Attachment("default/layer2-bridge", a => Then(a
                .Network("lan")
                .Bridge("cni0")
                .CniNetworkName("dhcp-cni-network")
                .Dhcp(d => d.ProvidePodName())
                .RouteFix(), c.Attachment));
        }

        if (!c.Omit.HasFlag(LabSection.Workloads))
        {
            lab.Workload("smarthome/homeassistant", w => Then(w
                .Deployment(HomeLab.HomeAssistant.Deployment())
                .Object(HomeLab.HomeAssistant.ConfigVolumeClaim())
                .Object(HomeLab.HomeAssistant.Service())
                .Attach("default/layer2-bridge"), c.Workload));
        }

        if (!c.Omit.HasFlag(LabSection.GitOps))
        {
            lab.GitOps(g => Then(g
                .Repository("https://github.com/you/lab.git", branch: "main", path: "manifests")
                .Fleet(f => f.Name("home-lab").TargetCluster("example"))
                .RancherCluster(kubernetesVersion: "v1.33.5+k3s1")
                .HostFiles(), c.GitOps));
        }

        if (c.NodeAgent is not null)
        {
            lab.NodeAgent(c.NodeAgent);
        }

        Then(lab, c.Add);
        return lab;
    }

    /// <summary>The blog's calls first (already applied to <paramref name="builder"/>), then the test's change.</summary>
    private static void Then<T>(T builder, Action<T>? change) => change?.Invoke(builder);
}

/// <summary>One change to <see cref="BlogLab"/>: a hook per section, sections to leave out, or more elements.</summary>
internal sealed record LabChange
{
    public string LabName { get; init; } = "home-lab";
    public Action<NetworkBuilder>? Lan { get; init; }
    public Action<NetworkBuilder>? K8s { get; init; }
    /// <summary>Changes node k8s-1 (k8s-2 stays as the blog has it, see <see cref="SecondNode"/>).</summary>
    public Action<NodeBuilder>? Node { get; init; }
    public Action<InterfaceBuilder>? Eth0 { get; init; }
    public Action<ClusterBuilder>? Cluster { get; init; }
    public Action<CalicoBuilder>? Calico { get; init; }
    public Action<MultusBuilder>? Multus { get; init; }

    /// <summary>The blog's Multus conf file; null leaves it to the library's default.</summary>
    public string? MultusConfFile { get; init; } = "0-multus.conf";

    /// <summary>Declares node k8s-2 instead of the blog's (eth0 on lan with bridge cni0, eth1 on k8s).</summary>
    public Action<NodeBuilder>? SecondNode { get; init; }
    public Action<AttachmentBuilder>? Attachment { get; init; }
    public Action<WorkloadBuilder>? Workload { get; init; }
    public Action<NodeAgentBuilder>? NodeAgent { get; init; }
    public Action<GitOpsBuilder>? GitOps { get; init; }

    /// <summary>Runs last: declares more networks, nodes, attachments or workloads, or replaces a whole section.</summary>
    public Action<LabBuilder>? Add { get; init; }

    public LabSection Omit { get; init; }
}

[Flags]
public enum LabSection
{
    None = 0,
    Networks = 1,
    Nodes = 2,
    Cluster = 4,
    Calico = 8,
    Attachments = 16,
    Workloads = 32,
    GitOps = 64,

    /// <summary>Node k8s-2 (with <see cref="Nodes"/> both nodes are left out).</summary>
    SecondNode = 128,

    /// <summary>The Multus section: the lab gets the library's default Multus (v4 thick).</summary>
    Multus = 256,
}
