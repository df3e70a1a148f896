using GitOps.Tests.Support;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>Bad Hyper-V declarations: each is a coded error naming the node, the interface and the value.</summary>
public sealed class HyperVRuleTests
{
    [Fact]
    public void An_adapter_on_a_node_that_is_not_a_hyperv_vm_is_refused()
    {
        var error = Assert.Single(Expect.Errors(new LabChange
        {
            SecondNode = n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a").VmAdapter("lan")).Interface("eth1", "k8s"),
        }));
        Assert.Equal(VmAdapterWithoutHyperV, error.Code);
        Assert.Contains("interface 'eth0' of node 'k8s-2'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'lan'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_interfaces_on_one_adapter_name_are_refused_ignoring_case()
    {
        var error = Assert.Single(Expect.Errors(new LabChange
        {
            SecondNode = n => n.HyperV("hv-host-1")
                .Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a").VmAdapter("Network Adapter"))
                .Interface("eth1", "k8s", i => i.VmAdapter("network adapter")),
        }));
        Assert.Equal(DuplicateName, error.Code);
        Assert.Contains("node 'k8s-2'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("k8s\n1")]
    public void An_empty_or_multi_line_vm_name_is_refused(string vm)
    {
        var error = Assert.Single(Expect.Errors(new LabChange { Node = n => n.HyperV("hv-host-1", vm: vm) }));
        Assert.Equal(InvalidHyperVName, error.Code);
        Assert.Contains("node 'k8s-1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_that_is_not_a_dns_label_is_refused()
    {
        var error = Assert.Single(Expect.Errors(new LabChange { Node = n => n.HyperV("HV Host") }));
        Assert.Equal(InvalidName, error.Code);
        Assert.Contains("hyperv/host", error.Path, StringComparison.Ordinal);
    }
}
