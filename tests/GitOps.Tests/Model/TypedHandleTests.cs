using GitOps.Diagnostics;
using GitOps.Tests.Support;
using GitOps.Topology;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>
/// Typed handles (<see cref="NetworkReference"/>, <see cref="AttachmentReference"/>): a lab that names its networks and
/// attachments through handles is the lab it would be with strings, byte for byte; a handle from another lab builder is
/// GITOPS128 at the call that passed it, and is not resolved by its name (one error, no GITOPS111 after it).
/// </summary>
public sealed class TypedHandleTests
{
    [Fact]
    public void The_home_lab_with_handles_generates_the_bytes_of_the_blog_lab_with_names()
    {
        // samples/HomeLab declares its networks and attachment with `out var` and passes the handles to .Interface,
        // .NodeNetwork, a.Network and .Attach; the tests' BlogLab is the same lab written with strings.
        var withHandles = LabGenerator.Generate(HomeLab.HomeLabModel.Build());
        var withNames = LabGenerator.Generate(BlogLab.Build());

        Assert.NotEmpty(withNames);
        Assert.Equal(withNames.Select(f => f.Path), withHandles.Select(f => f.Path));
        Assert.All(withNames.Zip(withHandles), pair => Assert.Equal(pair.First.Text, pair.Second.Text));
    }

    [Fact]
    public void A_handle_carries_the_name_it_was_declared_with()
    {
        Lab.Create("lab")
            .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"), out var lan)
            .Attachment("default/layer2-bridge", a => a.Network(lan).Bridge("cni0"), out var lanL2);

        Assert.Equal(("lan", "lan"), (lan.Name, lan.ToString()));
        Assert.Equal(("default/layer2-bridge", "default/layer2-bridge"), (lanL2.QualifiedName, lanL2.ToString()));
    }

    [Fact]
    public void A_node_interface_on_another_labs_network_handle_is_rejected() =>
        Expect.Error(new() { Node = n => n.Interface("eth2", Foreign.Network("lan")) },
            ForeignReference, "lab/nodes/k8s-1/interfaces/eth2/network", value: "network handle 'lan' was handed out by another lab builder, Lab.Create(\"other-lab\")", fix: "Use this lab's handle (.Network(\"lan\", ..., out var lan)) or pass the name \"lan\"");

    [Fact]
    public void A_handle_from_another_lab_of_the_same_name_names_where_that_lab_was_created()
    {
        // Two Lab.Create("home-lab") calls (a copy-paste): the message must tell them apart, not say Lab.Create("home-lab")
        // twice.
        var (other, line) = SameNameLab();
        Expect.Error(new() { Node = n => n.Interface("eth2", other) },
            ForeignReference, "lab/nodes/k8s-1/interfaces/eth2/network", value: $"Lab.Create(\"home-lab\") at TypedHandleTests.cs:{line}, not by this one", fix: "pass the name \"lan\"");
    }

    private static (NetworkReference Handle, int Line) SameNameLab()
    {
        var line = CurrentLine() + 1;
        Lab.Create(new LabChange().LabName).Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"), out var lan);
        return (lan, line);
    }

    private static int CurrentLine([System.Runtime.CompilerServices.CallerLineNumber] int line = 0) => line;

    [Fact]
    public void An_attachment_on_another_labs_network_handle_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Network(Foreign.Network("lan")) },
            ForeignReference, "lab/attachments/default/layer2-bridge/network", value: "network handle 'lan'", fix: "pass the name \"lan\"");

    [Fact]
    public void A_node_network_from_another_labs_handle_is_rejected() =>
        Expect.Error(new() { Cluster = c => c.NodeNetwork(Foreign.Network("k8s")) },
            ForeignReference, "lab/cluster/nodeNetwork", value: "network handle 'k8s'", fix: "(.Network(\"k8s\", ..., out var k8s))");

    [Fact]
    public void A_workload_attaching_another_labs_attachment_handle_is_rejected() =>
        Expect.Error(new() { Workload = w => w.Attach(Foreign.Attachment("default/layer2-bridge"), s => s.Mac("02:00:00:00:00:32")) },
            ForeignReference, "lab/workloads/smarthome/homeassistant/attachments", value: "attachment handle 'default/layer2-bridge'", fix: "(.Attachment(\"default/layer2-bridge\", ..., out var attachment)) or pass the name \"default/layer2-bridge\"");

    [Fact]
    public void A_handle_of_a_name_this_lab_does_not_declare_is_still_one_GITOPS128()
    {
        // The other lab's network 'storage' exists nowhere here: the handle is refused for where it came from, not
        // looked up by name (no GITOPS111 beside it).
        var diagnostic = Assert.Single(Expect.Errors(new() { Node = n => n.Interface("eth2", Foreign.Network("storage")) }));

        Assert.Equal((ForeignReference, DiagnosticSeverity.Error), (diagnostic.Code, diagnostic.Severity));
    }

    [Fact]
    public void A_null_handle_is_refused_at_the_call()
    {
        var lab = Lab.Create("lab");

        Assert.Throws<ArgumentNullException>(() => lab.Node("k8s-1", n => n.Interface("eth0", (NetworkReference)null!)));
        Assert.Throws<ArgumentNullException>(() => lab.Attachment("default/l2", a => a.Network((NetworkReference)null!)));
        Assert.Throws<ArgumentNullException>(() => lab.Cluster("lab", c => c.NodeNetwork((NetworkReference)null!)));
        Assert.Throws<ArgumentNullException>(() => lab.Workload("default/w", w => w.Attach((AttachmentReference)null!)));
    }

    /// <summary>Handles handed out by another lab builder, one per call (each its own <c>Lab.Create</c>).</summary>
    internal static class Foreign
    {
        public static NetworkReference Network(string name)
        {
            Lab.Create("other-lab").Network(name, n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"), out var network);
            return network;
        }

        public static AttachmentReference Attachment(string qualifiedName)
        {
            Lab.Create("other-lab").Attachment(qualifiedName, a => a.Network("lan").Bridge("cni0"), out var attachment);
            return attachment;
        }
    }
}
