using GitOps.Topology;
using GitOps.Output;
using Xunit;

namespace GitOps.Tests.Model;

/// <summary>The rule tests start from <see cref="BlogLab"/>; it must be valid and equal to the sample.</summary>
public sealed class BlogLabTests
{
    [Fact]
    public void BlogLab_without_change_produces_the_sample_files_byte_for_byte()
    {
        var expected = YamlRenderer.Render(LabGenerator.GenerateSet(HomeLab.HomeLabModel.Build()));
        var actual = YamlRenderer.Render(LabGenerator.GenerateSet(BlogLab.Build()));

        Assert.Equal(expected.Select(f => f.RelativePath), actual.Select(f => f.RelativePath));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Content, pair.Second.Content));
    }

    [Fact]
    public void BlogLab_runs_every_hook_and_hooks_that_restate_the_blogs_values_change_no_byte()
    {
        var ran = new SortedSet<string>(StringComparer.Ordinal);
        Action<T> Hook<T>(string name, Action<T> restate) => builder => { ran.Add(name); restate(builder); };
        var lab = BlogLab.Build(new()
        {
            Lan = Hook<NetworkBuilder>("Lan", n => n.Gateway("192.168.2.1")),
            K8s = Hook<NetworkBuilder>("K8s", n => n.Mtu(9000)),
            Eth0 = Hook<InterfaceBuilder>("Eth0", i => i.Mac("00:15:5d:02:cb:09")),
            GitOps = Hook<GitOpsBuilder>("GitOps", g => g.HostFiles()),
            Cluster = Hook<ClusterBuilder>("Cluster", c => c.ServiceCidr("10.43.0.0/16")),
            Calico = Hook<CalicoBuilder>("Calico", c => c.IPPool("192.168.7.0/24", blockSize: 26)),
            Multus = Hook<MultusBuilder>("Multus", m => m.CniVersion("0.3.1")),
            Attachment = Hook<AttachmentBuilder>("Attachment", a => a.Bridge("cni0")),
            Workload = Hook<WorkloadBuilder>("Workload", _ => { }),
        });

        Assert.Equal(["Attachment", "Calico", "Cluster", "Eth0", "GitOps", "K8s", "Lan", "Multus", "Workload"], ran);
        var expected = YamlRenderer.Render(LabGenerator.GenerateSet(HomeLab.HomeLabModel.Build()));
        var actual = YamlRenderer.Render(LabGenerator.GenerateSet(lab));
        Assert.Equal(expected.Select(f => f.RelativePath), actual.Select(f => f.RelativePath));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Content, pair.Second.Content));
    }

    [Fact]
    public void A_BlogLab_hook_that_changes_a_value_changes_the_output()
    {
        var lab = BlogLab.Build(new() { K8s = n => n.Mtu(1400) });

        Assert.Equal(1400, lab.Networks.Single(n => n.Name == "k8s").Mtu);
    }
}
