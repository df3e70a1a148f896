using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>Networks: VLAN IDs, MTUs, gateways, subnets.</summary>
public sealed class NetworkRuleTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(4095)]
    [InlineData(-1)]
    public void Vlan_outside_1_to_4094_is_rejected(int vlan) =>
        Expect.Error(new() { K8s = n => n.Vlan(vlan) },
            VlanOutOfRange, "lab/networks/k8s/vlan", value: $"VLAN ID {vlan} ", fix: "1 to 4094");

    [Theory]
    [InlineData(67)]
    [InlineData(9217)]
    public void Network_mtu_outside_68_to_9216_is_rejected(int mtu) =>
        Expect.Error(new() { K8s = n => n.Mtu(mtu) },
            MtuOutOfRange, "lab/networks/k8s/mtu", value: $"MTU {mtu} ", fix: "use 68 to 9216");

    [Fact]
    public void Gateway_outside_its_subnet_is_rejected() =>
        Expect.Error(new() { Lan = n => n.Gateway("192.168.3.1") },
            GatewayOutsideSubnet, "lab/networks/lan/gateway", value: "192.168.3.1", fix: "e.g. 192.168.2.1");

    [Fact]
    public void Gateway_equal_to_the_network_address_is_rejected() =>
        Expect.Error(new() { Lan = n => n.Gateway("192.168.2.0") },
            GatewayOutsideSubnet, "lab/networks/lan/gateway", value: "192.168.2.0", fix: "use e.g. 192.168.2.1");

    [Fact]
    public void Gateway_equal_to_the_broadcast_address_is_rejected() =>
        Expect.Error(new() { Lan = n => n.Gateway("192.168.2.255") },
            GatewayOutsideSubnet, "lab/networks/lan/gateway", value: "192.168.2.255 is the broadcast address", fix: "use e.g. 192.168.2.1");

    [Fact]
    public void Gateway_given_as_an_interface_name_is_rejected_as_not_an_address() =>
        Expect.Error(new() { K8s = n => n.Gateway("eth1") },
            InvalidAddress, "lab/networks/k8s/gateway", value: "'eth1'", fix: "write it like \"192.168.2.1\"");

    [Theory]
    [InlineData("192.168.3")]
    [InlineData("10.1")]
    [InlineData("192.168.3.256")]
    [InlineData("::ffff:192.168.3.1")]
    public void Gateway_not_a_dotted_quad_is_rejected(string gateway) =>
        Expect.Error(new() { K8s = n => n.Gateway(gateway) },
            InvalidAddress, "lab/networks/k8s/gateway", value: $"'{gateway}'", fix: "write it like");

    [Theory]
    [InlineData("192.168.2.1/24", "192.168.2.0/24")]
    [InlineData("192.168.2.128/23", "192.168.2.0/23")]
    public void Subnet_with_host_bits_set_is_rejected_naming_the_network(string subnet, string network) =>
        Expect.Error(new() { Lan = n => n.Subnet(subnet) },
            HostBitsSet, "lab/networks/lan/subnet", value: subnet, fix: $"the network is \"{network}\"");

    [Theory]
    [InlineData("192.168.2.0")]
    [InlineData("192.168.2.0/-8")]
    [InlineData("lan")]
    [InlineData("192.168/16")]
    [InlineData("10/8")]
    public void Subnet_not_address_slash_prefix_is_rejected(string subnet) =>
        Expect.Error(new() { Lan = n => n.Subnet(subnet) },
            InvalidCidr, "lab/networks/lan/subnet", value: $"'{subnet}'", fix: "write it as address/prefix");

    [Theory]
    [InlineData("192.168.2.0/33", "must be 0 to 32 for an IPv4 address")]
    [InlineData("fd00::/129", "must be 0 to 128 for an IPv6 address")]
    public void Subnet_whose_prefix_length_is_out_of_range_is_rejected_naming_the_range(string subnet, string fix) =>
        Expect.Error(new() { Lan = n => n.Subnet(subnet) },
            InvalidCidr, "lab/networks/lan/subnet", value: $"'{subnet}'", fix: fix);

    [Fact]
    public void Network_without_subnet_is_rejected() =>
        Expect.Error(new() { Add = b => b.Network("iot", n => n.Vlan(30).Gateway("192.168.4.1")) },
            MissingElement, "lab/networks/iot/subnet", value: "missing", fix: ".Subnet(");

    [Fact]
    public void Network_without_gateway_is_rejected() =>
        Expect.Error(new() { Add = b => b.Network("iot", n => n.Vlan(30).Subnet("192.168.4.0/24")) },
            MissingElement, "lab/networks/iot/gateway", value: "missing", fix: ".Gateway(");

    [Theory]
    [InlineData("10.50.0.0/24", ".Gateway(\"10.50.0.1\")")]
    [InlineData("fd00:60::/64", ".Gateway(\"fd00:60::1\")")]
    public void The_missing_gateway_hint_names_an_address_of_the_networks_own_subnet(string subnet, string fix) =>
        Expect.Error(new() { Add = b => b.Network("iot", n => n.Vlan(30).Subnet(subnet)) },
            MissingElement, "lab/networks/iot/gateway", value: "missing", fix: fix);
}
