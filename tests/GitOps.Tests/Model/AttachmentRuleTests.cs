using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>Layer-2 attachments: MTU against the uplink, IPAM (static, host-local, DHCP) and route-fix routes.</summary>
public sealed class AttachmentRuleTests
{
    private const string Path = "lab/attachments/default/layer2-bridge";

    [Fact]
    public void Attachment_mtu_above_the_uplink_networks_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Mtu(9000) },
            AttachmentMtuAboveUplink, $"{Path}/mtu", value: "MTU 9000 is above the MTU 1500 of network 'lan'", fix: "Use at most 1500");

    [Theory]
    [InlineData(67)]
    [InlineData(9217)]
    public void Attachment_mtu_outside_68_to_9216_is_rejected(int mtu) =>
        Expect.Error(new() { Attachment = a => a.Mtu(mtu) },
            MtuOutOfRange, $"{Path}/mtu", value: $"MTU {mtu} ", fix: "use 68 to 9216");

    [Fact]
    public void Static_address_outside_the_network_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.StaticAddress("192.168.3.50/24") },
            AddressOutsideSubnet, $"{Path}/ipam/address", value: "192.168.3.50/24 is not in network 'lan' (192.168.2.0/24)", fix: "pick an address inside it");

    [Theory]
    [InlineData("192.168.2.0/24")]
    [InlineData("192.168.2.255/24")]
    public void Static_address_network_or_broadcast_address_is_rejected(string address) =>
        Expect.Error(new() { Attachment = a => a.StaticAddress(address) },
            AddressOutsideSubnet, $"{Path}/ipam/address", value: $"{address} is the network or broadcast address", fix: "pick a host address such as 192.168.2.2/24");

    [Fact]
    public void Static_address_with_a_prefix_other_than_the_networks_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.StaticAddress("192.168.2.50/16") },
            AddressOutsideSubnet, $"{Path}/ipam/address", value: "192.168.2.50/16 has prefix /16", fix: "Use /24");

    [Fact]
    public void Static_address_without_prefix_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.StaticAddress("192.168.2.50") },
            InvalidAddress, $"{Path}/ipam/address", value: "'192.168.2.50'", fix: "write it like \"192.168.2.50/24\"");

    [Fact]
    public void Static_gateway_outside_the_network_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.StaticAddress("192.168.2.50/24", gateway: "192.168.3.1") },
            GatewayOutsideSubnet, $"{Path}/ipam/gateway", value: "gateway 192.168.3.1", fix: "e.g. 192.168.2.1");

    [Fact]
    public void Static_gateway_given_as_an_interface_name_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.StaticAddress("192.168.2.50/24", gateway: "eth0") },
            InvalidAddress, $"{Path}/ipam/gateway", value: "'eth0'", fix: "write it like \"192.168.2.1\"");

    [Fact]
    public void Host_local_range_reversed_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.HostLocalRange("192.168.2.200", "192.168.2.100") },
            InvalidValue, $"{Path}/ipam/range", value: "starts at 192.168.2.200, after its end 192.168.2.100", fix: "swap them");

    [Fact]
    public void Host_local_range_outside_the_network_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.HostLocalRange("192.168.2.200", "192.168.3.10") },
            AddressOutsideSubnet, $"{Path}/ipam/range", value: "192.168.2.200-192.168.3.10", fix: "pick addresses inside it");

    [Fact]
    public void Host_local_range_mixing_IPv4_and_IPv6_is_rejected_only_as_outside_the_network() =>
        Expect.Error(new() { Attachment = a => a.HostLocalRange("fd00::1", "192.168.2.5") },
            AddressOutsideSubnet, $"{Path}/ipam/range", value: "fd00::1-192.168.2.5", fix: "pick addresses inside it");

    [Fact]
    public void Host_local_range_with_a_non_address_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.HostLocalRange("192.168.2.200", "last") },
            InvalidAddress, $"{Path}/ipam/rangeEnd", value: "'last'", fix: "write it like");

    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    public void Dhcp_option_outside_1_to_254_is_rejected(int option) =>
        Expect.Error(new() { Attachment = a => a.Dhcp(d => d.ProvideOption(option, "K8S_POD_NAME")) },
            InvalidDhcpOption, $"{Path}/ipam/provide", value: $"DHCP option {option} ", fix: "1 to 254");

    [Fact]
    public void Dhcp_option_from_an_arg_that_is_not_a_cni_args_key_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Dhcp(d => d.ProvideOption(12, "K8S_POD_NAME=x")) },
            InvalidDhcpOption, $"{Path}/ipam/provide", value: "'K8S_POD_NAME=x'", fix: "K8S_POD_NAME");

    [Fact]
    public void Dhcp_daemon_socket_relative_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.Dhcp(d => d.DaemonSocketPath("run/cni/dhcp.sock")) },
            InvalidPath, $"{Path}/ipam/daemonSocketPath", value: "'run/cni/dhcp.sock'", fix: "absolute Linux path");

    [Fact]
    public void Route_fix_route_with_host_bits_set_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.RouteFix(r => r.Route("192.168.5.1/24")) },
            HostBitsSet, $"{Path}/routeFix/routes/192.168.5.1/24", value: "'192.168.5.1/24'", fix: "\"192.168.5.0/24\"");

    [Fact]
    public void Route_fix_route_via_a_router_off_the_network_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.RouteFix(r => r.Route("192.168.5.0/24", via: "192.168.3.1")) },
            GatewayOutsideSubnet, $"{Path}/routeFix/routes/192.168.5.0/24/via", value: "gateway 192.168.3.1", fix: "e.g. 192.168.2.1");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void IPv6_toggle_sets_the_attachments_IPv6_flag(bool enabled)
    {
        var lab = BlogLab.Build(new() { Attachment = a => a.IPv6().IPv6(enabled) });
        Assert.Equal(enabled, Assert.Single(lab.Attachments).IPv6);
        Assert.False(Assert.Single(BlogLab.Build(new()).Attachments).IPv6);
    }
}
