using System.Reflection;
using GitOps.Diagnostics;
using GitOps.Topology;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>
/// Guards that every GITOPS1xx code can be produced from the model: a new code without a mistake
/// here fails <see cref="Every_model_code_has_a_mistake_that_produces_it"/>. The rule tests check each
/// code's path, message and location in detail.
/// </summary>
public sealed class ModelCodeCoverageTests
{
    internal static readonly Dictionary<string, LabChange> OneMistakePerCode = new()
    {
        [InvalidName] = new() { LabName = "Home-Lab" },
        [InvalidCidr] = new() { Cluster = c => c.ServiceCidr("10.43.0.0") },
        [InvalidAddress] = new() { K8s = n => n.Gateway("eth1") },
        [GatewayOutsideSubnet] = new() { Lan = n => n.Gateway("192.168.3.1") },
        [VlanOutOfRange] = new() { K8s = n => n.Vlan(4095) },
        [MtuOutOfRange] = new() { K8s = n => n.Mtu(9217) },
        [AttachmentMtuAboveUplink] = new() { Attachment = a => a.Mtu(1501) },
        [SubnetOverlap] = new() { Calico = c => c.IPPool("192.168.3.0/24") },
        [BlockSizeOutOfRange] = new() { Calico = c => c.IPPool("192.168.7.0/24", blockSize: 19) },
        [InvalidInterfaceName] = new() { Node = n => n.Interface("enp0s31f6-uplink", "lan") },
        [CniVersionUnsupported] = new() { Attachment = a => a.CniVersion("1.0.0") },
        [UnknownReference] = new() { Attachment = a => a.Bridge("br0") },
        [DuplicateName] = new() { Add = b => b.Node("k8s-1", n => n.Interface("eth1", "k8s")) },
        [MissingElement] = new() { Omit = LabSection.Calico },
        [InvalidMac] = new() { Eth0 = i => i.Mac("00:15:5d:02:cb") },
        [HostBitsSet] = new() { Lan = n => n.Subnet("192.168.2.1/24") },
        [InvalidConfFileName] = new() { Multus = m => m.ConfFile("99-multus.conf") },
        [AddressOutsideSubnet] = new() { Attachment = a => a.StaticAddress("192.168.3.50/24") },
        [InvalidImage] = WorkloadRuleTests.Simple(w => w.Image("Home-Assistant")),
        [InvalidDhcpOption] = new() { Attachment = a => a.Dhcp(d => d.ProvideOption(255, "K8S_POD_NAME")) },
        [InvalidPath] = new() { Cluster = c => c.CniBinDir("opt/cni/bin") },
        [InvalidValue] = new() { Calico = c => c.MaxUnavailable(0) },
        [NodeAddressRegexAmbiguous] = new() { Calico = c => c.DetectNodeAddress(NodeAddress.Interface), Add = b => b.Node("k8s-3", n => n.Interface("eno1", "k8s").Interface("eth1", "lan")) },
        [VlanInterfaceIdMismatch] = new() { Add = WorkingNetworkRuleTests.Iot(), Node = n => n.Interface("eth1.31", "iot") },
        [WorkloadHasNoNode] = new() { Add = WorkingNetworkRuleTests.IotOnlyOnThirdNode(), Workload = w => w.Attach("default/iot") },
        [HostLocalRangeOnSeveralNodes] = new() { Attachment = a => a.HostLocalRange("192.168.2.200", "192.168.2.220") },
        [WhereaboutsOutsideRange] = new() { Attachment = a => a.Whereabouts("192.168.2.128/26", w => w.Exclude("192.168.2.10")) },
        [WhereaboutsPoolsOverlap] = new() { Attachment = a => a.Whereabouts("192.168.2.128/26", w => w.NetworkName("one")), Add = b => b.Attachment("default/second", a => a.Network("lan").Bridge("cni0").Whereabouts("192.168.2.128/26", w => w.NetworkName("two"))) },
        [AddressIsGateway] = new() { Attachment = a => a.StaticAddress("192.168.2.1/24") },
        [VlanIdDuplicate] = new() { Lan = n => n.Vlan(20) },
        [AttachmentAttachedTwice] = new() { Workload = w => w.Attach("default/layer2-bridge"), Attachment = a => a.RouteFix(false) },
        [PodAddressShared] = new() { Attachment = a => a.StaticAddress("192.168.2.50/24"), Add = b => b.Workload("smarthome/esphome", w => w.Image("ghcr.io/esphome/esphome:2025.11").Attach("default/layer2-bridge")) },
        [VlanMtuAboveParent] = new() { Add = WorkingNetworkRuleTests.Iot(mtu: 9000), Node = n => n.Interface("eth2", "lan").Interface("eth2.30", "iot") },
        [NodeNetworkAddressAmbiguous] = new() { Node = n => n.Interface("eth2", "k8s") },
        [NodeNetworkPodsOnly] = new() { K8s = n => n.HostAddressing(Addressing.None) },
        [CalicoMtuAboveNodeNetwork] = new() { Calico = c => c.Encapsulate(IPPoolEncapsulation.VXLAN).Mtu(9000) },
        [K3sAgentCniDirWithoutFlannel] = new() { Cluster = c => c.CniConfDir("/var/lib/rancher/k3s/agent/etc/cni/net.d") },
        [BridgeJoinsNetworks] = new() { Add = WorkingNetworkRuleTests.Iot(), Node = n => n.Interface("eth2", "iot", i => i.Bridge("cni0")), Omit = LabSection.GitOps },
        [MultusImageTagMismatch] = new() { Multus = m => m.Version(MultusVersion.V4, "v3.9.3", MultusPlugin.Thin) },
        [MultusKubeconfigNotWritten] = new() { Multus = m => m.Version(MultusVersion.V4, "v4.0.2", MultusPlugin.Thin) },
        [CalicoVersionInvalid] = new() { Calico = c => c.VersionTag("latest") },
        [MultusPluginUnsupported] = new() { Multus = m => m.Version(MultusVersion.V3, plugin: MultusPlugin.Thick) },
        [MultusSettingNotApplicable] = new() { Multus = m => m.Version(MultusVersion.V4) },
        [CalicoFeatureNeedsNewerVersion] = new() { Calico = c => c.LinuxDataplane(LinuxDataplane.Nftables).VersionTag("v3.28.2") },
        [MulticastOnTwoAttachments] = PodRouteMistakes.BothCarryMulticast,
        [ExtraRouteOverAttachedSubnet] = PodRouteMistakes.IotRouteOverTheLan,
        [SameDestinationOnTwoAttachments] = new() { Workload = w => w.Attach("default/layer2-bridge") },
        [BgpAsNumberInvalid] = new() { Calico = c => c.Bgp(b => b.AsNumber(23456).Router("router")) },
        [BgpRouterOutsideNodeNetwork] = new() { Calico = c => c.Bgp(b => b.Router("router", r => r.Address("192.168.2.1"))) },
        [BgpSameAsNumber] = new() { Calico = c => c.Bgp(b => b.AsNumber(64513).Router("router")) },
        [PodPoolUnroutable] = new() { Add = b => b.Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26)) },
        [BgpPeeringWithoutBgp] = new() { Calico = c => c.Bgp(false) },
        [BgpRequiredByPool] = new() { Add = b => b.Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(false).NatOutgoingTraffic()) },
        [BgpRouterConflict] = new() { Calico = c => c.Bgp(b => b.Router("k8s-1")) },
        [BgpAddressFamilyUnsupported] = new() { Calico = c => c.Bgp(b => b.Router("router", r => r.Address("fd00:3::1"))) },
        [MasterIsBridgePort] = new() { Attachment = a => a.Macvlan() },
        [MasterNamesDiffer] = MacvlanIpvlanRuleTests.IotOnPlainInterfaces(a => a.Macvlan().Dhcp(), secondName: "enp2s0"),
        [IpvlanL3WithDhcp] = MacvlanIpvlanRuleTests.IotOnPlainInterfaces(a => a.Ipvlan(i => i.Mode(IpvlanMode.L3)).Dhcp().RouteFix(false)),
        [IpvlanL3WithBroadcastRoutes] = MacvlanIpvlanRuleTests.IotOnPlainInterfaces(a => a.Ipvlan(i => i.Mode(IpvlanMode.L3S)).StaticAddress("192.168.30.50/24")),
        [PodAddressIpamMismatch] = PodSelectionRuleTests.Fixed(("esphome", s => s.Mac("02:00:00:00:00:32"))),
        [PodMacNotEnabled] = new() { Add = b => b.Workload("smarthome/esphome", w => w.Image("ghcr.io/esphome/esphome:2025.11").Attach("default/layer2-bridge", s => s.Mac("02:00:00:00:00:32"))) },
        [PodMacNotUnicast] = PodSelectionRuleTests.Fixed(("esphome", s => s.Ip("192.168.2.50/24").Mac("01:00:5e:00:00:32"))),
        [PodMacShared] = PodSelectionRuleTests.Fixed(("esphome", s => s.Ip("192.168.2.50/24").Mac("02:00:00:00:00:32")), ("frigate", s => s.Ip("192.168.2.51/24").Mac("02:00:00:00:00:32"))),
        [WorkloadDefinedTwice] = new() { Workload = w => w.Image("ghcr.io/home-assistant/home-assistant:2025.11") },
        [WorkloadWithoutPodTemplate] = new() { Workload = w => w.Object(new k8s.Models.V1Pod { Metadata = new() { Name = "probe" } }) },
        [WorkloadNetworksAnnotationSet] = WorkloadObjectTests.BlogDeployment(d => d.Spec.Template.Metadata.Annotations = new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = "default/layer2-bridge" }),
        [WorkloadHostNetworkAttached] = WorkloadObjectTests.BlogDeployment(d => d.Spec.Template.Spec.HostNetwork = true),
        [WorkloadObjectNameMismatch] = WorkloadObjectTests.BlogDeployment(d => d.Metadata.NamespaceProperty = "default"),
        [WorkloadYamlUnreadable] = new() { Workload = w => w.YamlFile("no-such-file.yaml") },
        [VmAdapterWithoutHyperV] = new() { SecondNode = n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a").VmAdapter("lan")).Interface("eth1", "k8s") },
        [InvalidHyperVName] = new() { Eth0 = i => i.VmAdapter("") },
        [DhcpDaemonSocketConflict] = new() { Add = b => b.Attachment("default/iot", a => a.Network("lan").Bridge("cni0").Dhcp(d => d.DaemonSocketPath("/run/iot/dhcp.sock"))) },
        [AddressFamilyTwice] = new() { Calico = c => c.IPv6Pool("10.99.0.0/16", blockSize: 26).NatOutgoingTraffic() },
        [ServiceCidrFamilyMismatch] = new() { Cluster = c => c.IPv6ServiceCidr("fd00:43::/112") },
        [IPv6PoolIpip] = new() { Calico = c => c.IPv6Pool("fd00:42::/56").Encapsulate(IPPoolEncapsulation.IPIP).NatOutgoingTraffic() },
        [NodeAddressFamilyUnknown] = new() { Calico = c => c.IPv6Pool("fd00:42::/56").NatOutgoingTraffic().DetectNodeAddressV6(NodeAddress.Subnet) },
        [DhcpIPv6Unsupported] = new() { Node = n => n.Interface("eth2", "lan6", i => i.Bridge("br6")), Add = b => b.Network("lan6", n => n.Vlan(60).Subnet("fd00:6::/64").Gateway("fd00:6::1").HostAddressing(Addressing.None)).Attachment("default/lan6", a => a.Network("lan6").Bridge("br6").Dhcp()) },
        [StaticIPv6AddressMisplaced] = new() { Attachment = a => a.StaticIPv6Address("fd00:2::50/64") },
        [ForeignReference] = new() { Attachment = a => a.Network(TypedHandleTests.Foreign.Network("lan")) },
    };

    public static TheoryData<string> ModelCodes => new(ModelCodeValues());

    [Fact]
    public void Every_model_code_has_a_mistake_that_produces_it() =>
        Assert.Equal(ModelCodeValues(), OneMistakePerCode.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ModelCodes))]
    public void One_mistake_yields_exactly_its_code(string code) =>
        Assert.Equal(code, Assert.Single(Expect.Errors(OneMistakePerCode[code])).Code);

    private static string[] ModelCodeValues() =>
        typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.GetCustomAttribute<ObsoleteAttribute>() is null)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(code => code.StartsWith("GITOPS1", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
