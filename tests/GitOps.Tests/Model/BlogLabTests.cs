using GitOps.Output;
using Xunit;

namespace GitOps.Tests.Model;

/// <summary>The rule tests start from <see cref="BlogLab"/>; it must be valid and equal to the sample.</summary>
public sealed class BlogLabTests
{
    [Fact]
    public void BlogLab_without_change_produces_the_sample_files_byte_for_byte()
    {
        var expected = YamlRenderer.Render(LabGenerator.Generate(HomeLab.HomeLabModel.Build()));
        var actual = YamlRenderer.Render(LabGenerator.Generate(BlogLab.Build()));

        Assert.Equal(expected.Select(f => f.RelativePath), actual.Select(f => f.RelativePath));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Content, pair.Second.Content));
    }

    [Fact]
    public void BlogLab_hooks_that_restate_the_blogs_values_still_build()
    {
        var lab = BlogLab.Build(new()
        {
            Lan = n => n.Gateway("192.168.2.1"),
            K8s = n => n.Mtu(9000),
            Eth0 = i => i.Mac("00:15:5d:02:cb:09"),
            GitOps = g => g.HostFiles(),
            Cluster = c => c.ServiceCidr("10.43.0.0/16"),
            Calico = c => c.IpPool("192.168.7.0/24", blockSize: 26),
            Multus = m => m.CniVersion("0.3.1"),
            Attachment = a => a.Bridge("cni0"),
        });

        Assert.Equal("home-lab", lab.Name);
    }
}
