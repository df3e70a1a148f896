using GitOps.Topology;
using Xunit;

namespace GitOps.Tests.Model;

/// <summary>The <see cref="SourceMap"/> the assembler fills and the rules read: where a value was written, and where a default is reported.</summary>
public sealed class SourceMapTests
{
    private static readonly SourceLocation Call = new("Lab.cs", 12);
    private static readonly SourceLocation Owner = new("Lab.cs", 3);

    [Fact]
    public void A_value_left_at_its_default_is_reported_at_its_owner_and_a_written_one_at_its_call()
    {
        var sources = new SourceMap();
        sources.Add("lab/cluster/serviceCidr", default, Owner);
        sources.Add("lab/calico/mtu", Call, Owner);
        Assert.Equal(Owner, sources["lab/cluster/serviceCidr"]);
        Assert.Equal(Call, sources["lab/calico/mtu"]);
    }

    [Fact]
    public void The_first_record_of_a_path_wins_as_the_model_keeps_the_first_of_two_elements_with_one_name()
    {
        var sources = new SourceMap();
        sources.Add("lab/networks/lan/subnet", Call);
        sources.Add("lab/networks/lan/subnet", Owner);
        Assert.Equal(Call, sources["lab/networks/lan/subnet"]);
    }

    [Fact]
    public void A_text_is_kept_as_written_and_an_unrecorded_path_is_an_error_not_a_silent_default()
    {
        var sources = new SourceMap();
        sources.AddText("lab/cluster/cniBinDir", new Located<string>("/var/lib/cni/bin/", Call), Owner);
        Assert.Equal("/var/lib/cni/bin/", sources.Text("lab/cluster/cniBinDir"));
        Assert.True(sources.Contains("lab/cluster/cniBinDir"));
        Assert.False(sources.Contains("lab/nodes/k8s-1/interfaces/eth0/mac"));
        Assert.Throws<KeyNotFoundException>(() => sources["lab/nodes/k8s-1/interfaces/eth0/mac"]);
    }
}
