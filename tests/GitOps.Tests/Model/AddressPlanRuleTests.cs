using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>The address plan: LAN, VLAN, pod pool and service CIDR may not overlap; Calico's block size.</summary>
public sealed class AddressPlanRuleTests
{
    [Fact]
    public void Vlan_subnet_overlapping_the_lan_is_rejected() =>
        Expect.Error(new() { K8s = n => n.Subnet("192.168.0.0/22") },
            SubnetOverlap, "lab/networks/k8s/subnet", value: "192.168.0.0/22 (network 'k8s') overlaps 192.168.2.0/24 (network 'lan')", fix: "need their own address range");

    [Fact]
    public void Pod_pool_overlapping_the_vlan_is_rejected() =>
        Expect.Error(new() { Calico = c => c.IPPool("192.168.3.0/25", blockSize: 26) },
            SubnetOverlap, "lab/calico/ipPool/cidr", value: "192.168.3.0/25 (Calico pod pool) overlaps 192.168.3.0/24 (network 'k8s')", fix: "need their own address range");

    [Fact]
    public void Service_cidr_overlapping_the_pod_pool_is_rejected() =>
        Expect.Error(new() { Cluster = c => c.ServiceCidr("192.168.7.0/24") },
            SubnetOverlap, "lab/cluster/serviceCidr", value: "192.168.7.0/24 (service CIDR) overlaps 192.168.7.0/24 (Calico pod pool)", fix: "need their own address range");

    [Fact]
    public void Default_service_cidr_overlapping_a_network_points_at_the_cluster() =>
        Expect.Error(new() { Add = b => b.Network("iot", n => n.Subnet("10.43.8.0/24").Gateway("10.43.8.1")) },
            SubnetOverlap, "lab/cluster/serviceCidr", value: "10.43.0.0/16 (service CIDR) overlaps 10.43.8.0/24 (network 'iot')", fix: "need their own address range", Origin.BlogLab);

    [Theory]
    [InlineData(19)]
    [InlineData(33)]
    public void Block_size_outside_20_to_32_is_rejected(int blockSize) =>
        Expect.Error(new() { Calico = c => c.IPPool("192.168.7.0/24", blockSize) },
            BlockSizeOutOfRange, "lab/calico/ipPool/blockSize", value: $"block size {blockSize} ", fix: "20 to 32");

    [Fact]
    public void Block_size_shorter_than_the_pool_prefix_is_rejected() =>
        Expect.Error(new() { Calico = c => c.IPPool("192.168.7.0/24", blockSize: 22) },
            BlockSizeOutOfRange, "lab/calico/ipPool/blockSize", value: "/22", fix: "at least 24");

    [Fact]
    public void Pod_pool_with_host_bits_set_is_rejected() =>
        Expect.Error(new() { Calico = c => c.IPPool("192.168.7.1/24") },
            HostBitsSet, "lab/calico/ipPool/cidr", value: "192.168.7.1/24", fix: "\"192.168.7.0/24\"");

    [Fact]
    public void Service_cidr_not_a_cidr_is_rejected() =>
        Expect.Error(new() { Cluster = c => c.ServiceCidr("10.43.0.0") },
            InvalidCidr, "lab/cluster/serviceCidr", value: "'10.43.0.0'", fix: "address/prefix");
}
