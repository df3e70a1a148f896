using GitOps.Topology;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>One dhcp daemon per node listens on one socket: every DHCP attachment must dial that socket.</summary>
public sealed class DhcpDaemonRuleTests
{
    private const string Iot = "default/iot-dhcp";

    [Fact]
    public void Two_dhcp_attachments_with_different_socket_paths_are_rejected_naming_both() =>
        Expect.Error(new() { Add = b => b.Attachment(Iot, a => a.Network("lan").Bridge("cni0").Dhcp(d => d.DaemonSocketPath("/run/cni-iot/dhcp.sock"))) },
            DhcpDaemonSocketConflict, $"lab/attachments/{Iot}/ipam/daemonSocketPath",
            value: $"attachment '{Iot}' dials the dhcp daemon at '/run/cni-iot/dhcp.sock' but attachment 'default/layer2-bridge' at '/run/cni/dhcp.sock'",
            fix: "give every DHCP attachment the same DaemonSocketPath");

    [Fact]
    public void Two_dhcp_attachments_with_the_same_custom_socket_path_are_one_daemon()
    {
        var lab = BlogLab.Build(new()
        {
            Attachment = a => a.Dhcp(d => d.DaemonSocketPath("/run/lab/dhcp.sock")),
            Add = b => b.Attachment(Iot, a => a.Network("lan").Bridge("cni0").Dhcp(d => d.DaemonSocketPath("/run/lab/dhcp.sock"))),
        });
        Assert.All(lab.Attachments, a => Assert.Equal("/run/lab/dhcp.sock", ((DhcpIpamOptions)a.Ipam).DaemonSocketPath));
    }

    [Fact]
    public void Explicit_default_socket_path_agrees_with_an_attachment_that_leaves_it_out() =>
        Assert.Equal(2, BlogLab.Build(new() { Add = b => b.Attachment(Iot, a => a.Network("lan").Bridge("cni0").Dhcp(d => d.DaemonSocketPath(DhcpIpamOptions.DefaultDaemonSocketPath))) }).Attachments.Count);

    [Fact]
    public void Socket_directly_in_root_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Dhcp(d => d.DaemonSocketPath("/dhcp.sock")) },
            InvalidPath, "lab/attachments/default/layer2-bridge/ipam/daemonSocketPath", value: "'/dhcp.sock' is directly in /", fix: "\"/run/cni/dhcp.sock\"");
}
