using GitOps.Diagnostics;
using GitOps.Topology;
using k8s.Models;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>
/// The fix a model diagnostic gives is one that works: for each code, the smallest wrong lab
/// (<see cref="ModelCodeCoverageTests.OneMistakePerCode"/>) fails with that code and a message holding the hint;
/// the same lab with the hint applied builds without any error — the hint neither leaves the error nor causes another.
/// </summary>
public sealed class HintTests
{
    /// <summary>Per code: the hint as the message words it, and the mistake's lab with that hint applied.</summary>
    private static readonly Dictionary<string, (string Hint, LabChange Fixed)> Hints = new()
    {
        [InvalidName] = ("Use e.g. \"home-lab\"", new() { LabName = "home-lab" }),
        [InvalidCidr] = ("write it as address/prefix", new() { Cluster = c => c.ServiceCidr("10.43.0.0/16") }),
        [InvalidAddress] = ("write it like \"192.168.2.1\"", new() { K8s = n => n.Gateway("192.168.3.1") }),
        [GatewayOutsideSubnet] = ("e.g. 192.168.2.1", new() { Lan = n => n.Gateway("192.168.2.1") }),
        [VlanOutOfRange] = ("802.1Q VLAN IDs are 1 to 4094", new() { K8s = n => n.Vlan(4094) }),
        [MtuOutOfRange] = ("use 68 to 9216", new() { K8s = n => n.Mtu(9216) }),
        [AttachmentMtuAboveUplink] = ("Use at most 1500", new() { Attachment = a => a.Mtu(1500) }),
        [SubnetOverlap] = ("need their own address range", new() { Calico = c => c.IPPool("192.168.8.0/24") }),
        [BlockSizeOutOfRange] = ("26 is the default", new() { Calico = c => c.IPPool("192.168.7.0/24", blockSize: 26) }),
        [InvalidInterfaceName] = ("Use e.g. \"enp0s31f6-uplin\"", new() { Node = n => n.Interface("enp0s31f6-uplin", "lan") }),
        [CniVersionUnsupported] = ("use \"0.4.0\"", new() { Attachment = a => a.CniVersion("0.4.0") }),
        [UnknownReference] = (".Interface(\"eth0\", \"lan\", i => i.Bridge(\"br0\"))", new() { Attachment = a => a.Bridge("br0"), Eth0 = i => i.Bridge("br0") }),
        [DuplicateName] = ("node names are unique", new() { Add = b => b.Node("k8s-3", n => n.Interface("eth1", "k8s")) }),
        [MissingElement] = ("add .Calico(c => c.IPPool(\"<pod CIDR>\", blockSize: 26).Bgp(b => b.Router(\"<router>\")))", new() { Omit = LabSection.Calico, Add = b => b.Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(bgp => bgp.Router("router"))) }),
        [InvalidMac] = ("write six hex pairs separated by ':' (aa:bb:cc:dd:ee:ff)", new() { Eth0 = i => i.Mac("00:15:5d:02:cb:09") }),
        [HostBitsSet] = ("the network is \"192.168.2.0/24\"", new() { Lan = n => n.Subnet("192.168.2.0/24") }),
        [InvalidConfFileName] = ("e.g. \"0-multus.conf\"", new() { Multus = m => m.ConfFile("0-multus.conf") }),
        [AddressOutsideSubnet] = ("pick an address inside it", new() { Attachment = a => a.StaticAddress("192.168.2.50/24") }),
        [InvalidImage] = ("e.g. \"ghcr.io/home-assistant/home-assistant:2025.11\"", WorkloadRuleTests.Simple(w => w.Image("ghcr.io/home-assistant/home-assistant:2025.11"))),
        [InvalidDhcpOption] = ("(12 is the host name)", new() { Attachment = a => a.Dhcp(d => d.ProvideOption(12, "K8S_POD_NAME")) }),
        [InvalidPath] = ("use e.g. \"/opt/cni/bin\"", new() { Cluster = c => c.CniBinDir("/opt/cni/bin") }),
        [InvalidValue] = ("use 1 or more", new() { Calico = c => c.MaxUnavailable(1) }),
        [DhcpDaemonSocketConflict] = ("(or none, for /run/cni/dhcp.sock)", new() { Add = b => b.Attachment("default/iot", a => a.Network("lan").Bridge("cni0").Dhcp()) }),
        [MulticastOnTwoAttachments] = (".RouteFix(r => r.Multicast(false).Broadcast(false)) on attachment 'default/iot'",
            PodRouteMistakes.Iot(r => r.Multicast(false).Broadcast(false), w => w.Attach("default/iot"))),
        [ExtraRouteOverAttachedSubnet] = ("Remove .Route(\"192.168.2.0/24\") from attachment 'default/iot'",
            PodRouteMistakes.Iot(r => r.Multicast(false).Broadcast(false), w => w.Attach("default/iot"))),
        [SameDestinationOnTwoAttachments] = ("remove .Attach(\"default/layer2-bridge\")", new()),
        [NodeAddressRegexAmbiguous] = ("Remove .DetectNodeAddress(NodeAddress.Interface)", new() { Add = b => b.Node("k8s-3", n => n.Interface("eno1", "k8s").Interface("eth1", "lan")) }),
        [VlanInterfaceIdMismatch] = ("name the interface eth1.30", new() { Add = WorkingNetworkRuleTests.Iot(), Node = n => n.Interface("eth1.30", "iot") }),
        [WorkloadHasNoNode] = ("or attach fewer", new() { Add = WorkingNetworkRuleTests.IotOnlyOnThirdNode() }),
        [HostLocalRangeOnSeveralNodes] = ("Use .Dhcp(d => d.ProvidePodName())", new() { Attachment = a => a.HostLocalRange("192.168.2.200", "192.168.2.220").Dhcp(d => d.ProvidePodName()) }),
        [AddressIsGateway] = ("such as 192.168.2.2/24", new() { Attachment = a => a.StaticAddress("192.168.2.2/24") }),
        [VlanIdDuplicate] = ("Give 'k8s' its own VLAN ID", new() { Lan = n => n.Vlan(20), K8s = n => n.Vlan(21) }),
        [AttachmentAttachedTwice] = ("Remove the second .Attach(\"default/layer2-bridge\")", new() { Attachment = a => a.RouteFix(false) }),
        [PodAddressShared] = ("or use .Dhcp(...)", new() { Attachment = a => a.StaticAddress("192.168.2.50/24").Dhcp(d => d.ProvidePodName()), Add = b => b.Workload("smarthome/esphome", w => w.Image("ghcr.io/esphome/esphome:2025.11").Attach("default/layer2-bridge")) }),
        [VlanMtuAboveParent] = ("Give network 'lan' .Mtu(9000)", new() { Add = WorkingNetworkRuleTests.Iot(mtu: 9000), Lan = n => n.Mtu(9000), Node = n => n.Interface("eth2", "lan").Interface("eth2.30", "iot") }),
        [NodeNetworkAddressAmbiguous] = ("keep one device on 'k8s' per node", new()),
        [BridgeJoinsNetworks] = (".Bridge(\"br-iot\")", new() { Add = WorkingNetworkRuleTests.Iot(), Node = n => n.Interface("eth2", "iot", i => i.Bridge("br-iot")), Omit = LabSection.GitOps }),
        [MultusImageTagMismatch] = ("e.g. \"v4.3.0\"", new() { Multus = m => m.Version(MultusVersion.V4, "v4.3.0", MultusPlugin.Thin) }),
        [MultusKubeconfigNotWritten] = ("e.g. \"v4.3.0\"", new() { Multus = m => m.Version(MultusVersion.V4, "v4.3.0", MultusPlugin.Thin) }),
        [CalicoVersionInvalid] = ("pin one like \"v3.32.1\"", new() { Calico = c => c.VersionTag("v3.32.1") }),
        [MultusPluginUnsupported] = ("drop plugin: MultusPlugin.Thick", new() { Multus = m => m.Version(MultusVersion.V3) }),
        [MultusSettingNotApplicable] = ("remove .ConfFile(...)", new() { Multus = m => m.Version(MultusVersion.V4), MultusConfFile = null }),
        [CalicoFeatureNeedsNewerVersion] = ("use Calico v3.29.0 or later", new() { Calico = c => c.LinuxDataplane(LinuxDataplane.Nftables).VersionTag("v3.29.0") }),
        [BgpAsNumberInvalid] = ("e.g. 64512 for the cluster", new() { Calico = c => c.Bgp(b => b.AsNumber(64512).Router("router")) }),
        [BgpRouterOutsideNodeNetwork] = ("e.g. its gateway 192.168.3.1", new() { Calico = c => c.Bgp(b => b.Router("router", r => r.Address("192.168.3.1"))) }),
        [BgpSameAsNumber] = ("e.g. .AsNumber(64512)", new() { Calico = c => c.Bgp(b => b.AsNumber(64513).Router("router", r => r.AsNumber(64512))) }),
        [PodPoolUnroutable] = (".Bgp(b => b.Router(\"router\"))", new() { Add = b => b.Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(bgp => bgp.Router("router"))) }),
        [BgpPeeringWithoutBgp] = ("remove .Bgp(false)", new()),
        [BgpRouterConflict] = ("e.g. \"router\"", new() { Calico = c => c.Bgp(b => b.Router("router")) }),
        [BgpAddressFamilyUnsupported] = ("e.g. 192.168.3.1", new() { Calico = c => c.Bgp(b => b.Router("router", r => r.Address("192.168.3.1"))) }),
        [NodeNetworkPodsOnly] = ("Use .HostAddressing(Addressing.Dhcp) on 'k8s'", new() { K8s = n => n.HostAddressing(Addressing.None).HostAddressing(Addressing.Dhcp) }),
        [CalicoMtuAboveNodeNetwork] = ("Use .Mtu(8950) or less", new() { Calico = c => c.Encapsulate(IPPoolEncapsulation.VXLAN).Mtu(8950) }),
        [K3sAgentCniDirWithoutFlannel] = ("Leave the dir at its default /etc/cni/net.d (remove the call)", new()),
        [BgpRequiredByPool] = ("Remove .Bgp(false)", new() { Add = b => b.Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).NatOutgoingTraffic()) }),
        [WorkloadDefinedTwice] = ("set the image in the object's container and remove .Image/.Port",
            WorkloadObjectTests.BlogDeployment(d => d.Spec.Template.Spec.Containers[0].Image = "ghcr.io/home-assistant/home-assistant:2025.11")),
        [WorkloadWithoutPodTemplate] = ("when it has one already, in its own .Workload(\"namespace/name\", ...)", new() { Add = b => b.Workload("smarthome/probe", w => w.Deployment(Probe()).Attach("default/layer2-bridge")) }),
        [WorkloadNetworksAnnotationSet] = ("remove it and call .Attach(\"namespace/name\") for each attachment", WorkloadObjectTests.BlogDeployment(d =>
        {
            d.Spec.Template.Metadata.Annotations = new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = "default/layer2-bridge" };
            d.Spec.Template.Metadata.Annotations.Remove("k8s.v1.cni.cncf.io/networks");
        })),
        [WorkloadHostNetworkAttached] = ("drop hostNetwork", WorkloadObjectTests.BlogDeployment(d => d.Spec.Template.Spec.HostNetwork = null)),
        [WorkloadObjectNameMismatch] = ("or set it to 'smarthome'", WorkloadObjectTests.BlogDeployment(d => d.Metadata.NamespaceProperty = "smarthome")),
        [WhereaboutsOutsideRange] = ("Exclude addresses inside 192.168.2.128/26, or remove it", new() { Attachment = a => a.Whereabouts("192.168.2.128/26") }),
        [WhereaboutsPoolsOverlap] = ("Give them the same network_name (or none)", new()
        {
            Attachment = a => a.Whereabouts("192.168.2.128/26", w => w.NetworkName("one")),
            Add = b => b.Attachment("default/second", a => a.Network("lan").Bridge("cni0").Whereabouts("192.168.2.128/26", w => w.NetworkName("one"))),
        }),
        [MasterIsBridgePort] = ("Use .Bridge(\"cni0\") for this attachment", new()),
        [MasterNamesDiffer] = ("[Link] Name=eth2", MacvlanIpvlanRuleTests.IotOnPlainInterfaces(a => a.Macvlan().Dhcp())),
        [IpvlanL3WithDhcp] = ("use .Ipvlan(i => i.Mode(IpvlanMode.L2))", MacvlanIpvlanRuleTests.IotOnPlainInterfaces(a => a.Ipvlan(i => i.Mode(IpvlanMode.L2)).Dhcp().RouteFix(false))),
        [IpvlanL3WithBroadcastRoutes] = ("use .RouteFix(r => r.Multicast(false).Broadcast(false))",
            MacvlanIpvlanRuleTests.IotOnPlainInterfaces(a => a.Ipvlan(i => i.Mode(IpvlanMode.L3S)).StaticAddress("192.168.30.50/24").RouteFix(r => r.Multicast(false).Broadcast(false)))),
        [PodAddressIpamMismatch] = ("add .Attach(\"default/fixed\", s => s.Ip(\"192.168.2.50/24\"))", PodSelectionRuleTests.Fixed(("esphome", s => s.Ip("192.168.2.50/24").Mac("02:00:00:00:00:32")))),
        [PodMacNotEnabled] = ("give the attachment .PodMac()",
            new() { Attachment = a => a.PodMac(), Add = b => b.Workload("smarthome/esphome", w => w.Image("ghcr.io/esphome/esphome:2025.11").Attach("default/layer2-bridge", s => s.Mac("02:00:00:00:00:32"))) }),
        [PodMacNotUnicast] = ("e.g. a locally administered \"02:00:5e:00:00:32\"", PodSelectionRuleTests.Fixed(("esphome", s => s.Ip("192.168.2.50/24").Mac("02:00:5e:00:00:32")))),
        [PodMacShared] = ("Give each workload its own MAC",
            PodSelectionRuleTests.Fixed(("esphome", s => s.Ip("192.168.2.50/24").Mac("02:00:00:00:00:32")), ("frigate", s => s.Ip("192.168.2.51/24").Mac("02:00:00:00:00:33")))),
        [VmAdapterWithoutHyperV] = ("add .HyperV(\"<host>\") to the node", new() { SecondNode = n => n.HyperV("hyperv-2").Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a").VmAdapter("lan")).Interface("eth1", "k8s") }),
        [InvalidHyperVName] = ("e.g. .VmAdapter(\"eth0\")", new() { Eth0 = i => i.VmAdapter("eth0") }),
        [AddressFamilyTwice] = ("Give .IPv6Pool(...) an IPv6 CIDR", new() { Calico = c => c.IPv6Pool("fd00:42::/56").NatOutgoingTraffic() }),
        [ServiceCidrFamilyMismatch] = ("Add .IPv6Pool(\"fd00:42::/56\") to .Calico(...)", new() { Cluster = c => c.IPv6ServiceCidr("fd00:43::/112"), Calico = c => c.IPv6Pool("fd00:42::/56").NatOutgoingTraffic() }),
        [IPv6PoolIpip] = ("Use .Encapsulate(IPPoolEncapsulation.VXLAN)", new() { Calico = c => c.IPv6Pool("fd00:42::/56").Encapsulate(IPPoolEncapsulation.VXLAN).NatOutgoingTraffic() }),
        [NodeAddressFamilyUnknown] = ("Use .DetectNodeAddressV6(NodeAddress.Interface)", new() { Calico = c => c.IPv6Pool("fd00:42::/56").NatOutgoingTraffic().DetectNodeAddressV6(NodeAddress.Interface) }),
        [DhcpIPv6Unsupported] = ("Use .StaticAddress(\"fd00:6::50/64\")", new() { Node = n => n.Interface("eth2", "lan6", i => i.Bridge("br6")), Add = b => b.Network("lan6", n => n.Vlan(60).Subnet("fd00:6::/64").Gateway("fd00:6::1").HostAddressing(Addressing.None)).Attachment("default/lan6", a => a.Network("lan6").Bridge("br6").StaticAddress("fd00:6::50/64")) }),
        [StaticIPv6AddressMisplaced] = ("Give the pod its IPv4 address with .StaticAddress", new() { Attachment = a => a.StaticAddress("192.168.2.50/24").StaticIPv6Address("fd00:2::50/64") }),
        [ForeignReference] = ("or pass the name \"lan\"", new() { Attachment = a => a.Network("lan") }),
        [WorkloadYamlUnreadable] = ("give a path relative to it or an absolute one",
            new() { Workload = w => w.YamlFile(RepositoryPaths.In("tests", "GitOps.Tests", "Model", "Data", "homeassistant-settings.configmap.yaml")) }),
    };

    public static TheoryData<string> HintedCodes => new(Hints.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(HintedCodes))]
    public void Applying_the_hint_fixes_the_error_without_causing_another(string code)
    {
        var diagnostic = Assert.Single(Expect.Errors(ModelCodeCoverageTests.OneMistakePerCode[code]));
        Assert.Equal(code, diagnostic.Code);
        var (hint, fixedLab) = Hints[code];
        Assert.Contains(hint, diagnostic.Message, StringComparison.Ordinal);

        var problems = Build(fixedLab);

        Assert.True(problems.Count == 0, $"the lab with the hint of {code} applied still fails:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void Every_model_code_has_its_hint_tested() =>
        Assert.Equal(ModelCodeCoverageTests.OneMistakePerCode.Keys.Order(StringComparer.Ordinal), Hints.Keys.Order(StringComparer.Ordinal));

    /// <summary>The mistake's Pod as the hint has it: a Deployment's pod template (for its own workload).</summary>
    private static V1Deployment Probe() => new()
    {
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "probe" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "probe" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "probe", Image = "docker.io/library/busybox:1.37" }] },
            },
        },
    };

    private static IReadOnlyList<Diagnostic> Build(LabChange change)
    {
        try
        {
            _ = LabGenerator.GenerateSet(BlogLab.Builder(change).Build());
            return [];
        }
        catch (LabValidationException e)
        {
            return e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        }
    }
}
