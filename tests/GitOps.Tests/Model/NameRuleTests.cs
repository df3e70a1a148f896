using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>Kubernetes names are DNS-1123 labels; Linux interface names fit IFNAMSIZ.</summary>
public sealed class NameRuleTests
{
    private const string LowerCaseFix = "lower-case letters, digits and '-'";

    public static TheoryData<string, string> BadDnsLabels => new()
    {
        { "Storage", LowerCaseFix },
        { "-storage", "starts and ends with a letter or digit" },
        { "storage-", "starts and ends with a letter or digit" },
        { "storage_net", LowerCaseFix },
        { new string('a', 64), "at most 63" },
        { "", LowerCaseFix },
    };

    [Theory]
    [MemberData(nameof(BadDnsLabels))]
    public void Network_name_not_a_dns_label_is_rejected(string name, string fix) =>
        Expect.Error(new() { Add = b => b.Network(name, n => n.Subnet("192.168.4.0/24").Gateway("192.168.4.1")) },
            InvalidName, $"lab/networks/{name}", value: $"'{name}'", fix: fix);

    [Theory]
    [MemberData(nameof(BadDnsLabels))]
    public void Attachment_name_not_a_dns_label_is_rejected(string name, string fix) =>
        Expect.Error(new() { Add = b => b.Attachment($"default/{name}", a => a.Network("lan").Bridge("cni0").Dhcp()) },
            InvalidName, $"lab/attachments/default/{name}/name", value: $"'{name}'", fix: fix);

    [Fact]
    public void Workload_namespace_not_a_dns_label_is_rejected() =>
        Expect.Error(new() { Add = b => b.Workload("Smart-Home/mosquitto", w => w.Image("docker.io/library/eclipse-mosquitto:2")) },
            InvalidName, "lab/workloads/Smart-Home/mosquitto/namespace", value: "'Smart-Home'", fix: LowerCaseFix);

    [Fact]
    public void Attachment_name_without_namespace_is_rejected() =>
        Expect.Error(new() { Add = b => b.Attachment("iot-bridge", a => a.Network("lan").Bridge("cni0").Dhcp()) },
            InvalidName, "lab/attachments/iot-bridge", value: "'iot-bridge'", fix: "\"default/layer2-bridge\"");

    [Fact]
    public void Cni_network_name_not_a_dns_label_is_rejected() =>
        Expect.Error(new() { Attachment = a => a.CniNetworkName("DHCP_net") },
            InvalidName, "lab/attachments/default/layer2-bridge/cniNetworkName", value: "'DHCP_net'", fix: LowerCaseFix);

    [Fact]
    public void Lab_name_not_a_dns_label_is_rejected() =>
        Expect.Error(new() { LabName = "Home Lab" },
            InvalidName, "lab/name", value: "'Home Lab'", fix: LowerCaseFix, Origin.BlogLab);

    [Fact]
    public void Node_name_too_long_is_rejected() =>
        Expect.Error(new() { Add = b => b.Node(new string('n', 64), n => n.Interface("eth1", "k8s")) },
            InvalidName, $"lab/nodes/{new string('n', 64)}", value: "64 characters", fix: "at most 63");

    [Theory]
    [InlineData("enp0s31f6-uplink", "at most 15")]
    [InlineData("eth:1", "cannot be")]
    [InlineData("eth 1", "cannot be")]
    [InlineData("eth/1", "cannot be")]
    [InlineData("..", "cannot be")]
    public void Node_interface_name_too_long_or_invalid_is_rejected(string name, string fix) =>
        Expect.Error(new() { Node = n => n.Interface(name, "lan") },
            InvalidInterfaceName, $"lab/nodes/k8s-1/interfaces/{name}", value: $"'{name}'", fix: fix);

    [Fact]
    public void Node_bridge_name_too_long_is_rejected() =>
        Expect.Error(new() { Node = n => n.Interface("eth2", "lan", i => i.Bridge("br-home-lan-bridge").Mac("00:15:5d:02:cb:0b")) },
            InvalidInterfaceName, "lab/nodes/k8s-1/interfaces/eth2/bridge", value: "'br-home-lan-bridge'", fix: "at most 15");

    [Fact]
    public void Attachment_bridge_name_too_long_is_rejected_once() =>
        Expect.Error(new() { Attachment = a => a.Bridge("cni0-lan-bridge0") },
            InvalidInterfaceName, "lab/attachments/default/layer2-bridge/bridge", value: "16 characters", fix: "at most 15");

    [Theory]
    [InlineData("Home Lab", "\"home-lab\"")]
    [InlineData("storage_net", "\"storage-net\"")]
    [InlineData("-Storage-", "\"storage\"")]
    public void A_bad_name_comes_with_a_valid_name_to_use(string name, string suggestion) =>
        Expect.Error(new() { Add = b => b.Network(name, n => n.Subnet("192.168.4.0/24").Gateway("192.168.4.1")) },
            InvalidName, $"lab/networks/{name}", value: $"'{name}'", fix: $"Use e.g. {suggestion}.");

    [Theory]
    [InlineData("enp0s31f6-uplink", "\"enp0s31f6-uplin\"")]
    [InlineData("eth:1", "\"eth1\"")]
    [InlineData("eth 1", "\"eth1\"")]
    public void A_bad_interface_name_comes_with_a_valid_name_to_use(string name, string suggestion) =>
        Expect.Error(new() { Node = n => n.Interface(name, "lan") },
            InvalidInterfaceName, $"lab/nodes/k8s-1/interfaces/{name}", value: $"'{name}'", fix: $"Use e.g. {suggestion}.");

    [Fact]
    public void No_suggestion_when_nothing_valid_is_left() =>
        Expect.Error(new() { Node = n => n.Interface("..", "lan") },
            InvalidInterfaceName, "lab/nodes/k8s-1/interfaces/..", value: "'..'", fix: "cannot be");
}
