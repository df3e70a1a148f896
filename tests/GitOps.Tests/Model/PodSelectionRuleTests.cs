using GitOps.Cni;
using GitOps.Tests.Support;
using GitOps.Topology;
using GitOps.Workloads;
using k8s.Models;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>
/// Issue 17: a workload's own address and MAC on an attachment, asked for in the Multus network selection. The
/// emitted annotation and NAD, and each rule's bad input. The chain runs with Multus's runtimeConfig through the real
/// plugins in tests/RouteFix.IntegrationTests/PodSelectionChainTests.cs.
/// </summary>
public sealed class PodSelectionRuleTests
{
    private const string EspHome = "lab/workloads/smarthome/esphome/attachments/default/fixed";

    /// <summary>Attachment default/fixed (bridge cni0, addresses and MACs from the pods) and workloads joining it as <paramref name="workloads"/> say.</summary>
    internal static LabChange Fixed(params (string Name, Action<NetworkSelectionBuilder> Select)[] workloads) => new()
    {
        Add = b =>
        {
            b.Attachment("default/fixed", a => a.Network("lan").Bridge("cni0").PodAddresses().PodMac().RouteFix(false));
            foreach (var (name, select) in workloads)
            {
                b.Workload($"smarthome/{name}", w => w.Image("ghcr.io/esphome/esphome:2025.11").Attach("default/fixed", select));
            }
        },
    };

    /// <summary>
    /// Like <see cref="Expect.Error"/> for a diagnostic reported at the workload or its <c>.Attach</c> call, which
    /// <see cref="Fixed"/> makes: exactly one diagnostic, pointing into this file.
    /// </summary>
    private static void InFixedHelper(LabChange change, string code, string path, string value, string fix, [System.Runtime.CompilerServices.CallerFilePath] string file = "")
    {
        var diagnostic = Assert.Single(Expect.Errors(change));
        Assert.Equal((code, path), (diagnostic.Code, diagnostic.Path));
        Assert.Contains(value, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(fix, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(file, diagnostic.File);
        Assert.True(diagnostic.Line > 0);
    }

    [Fact]
    public void The_pods_address_and_mac_go_into_the_json_network_selection_and_the_nad_declares_the_capabilities()
    {
        var lab = BlogLab.Build(Fixed(("esphome", s => s.Ip("192.168.2.50/24").Mac("02:00:00:00:00:32"))));
        var template = new V1PodTemplateSpec();
        var esphome = lab.Workloads.Single(w => w.Name == "esphome");
        WorkloadEmitter.AttachTo(template, esphome.Attachments, esphome.Selections);
        Assert.Equal("""[{"name":"fixed","namespace":"default","ips":["192.168.2.50/24"],"mac":"02:00:00:00:00:32"}]""", template.Metadata.Annotations["k8s.v1.cni.cncf.io/networks"]);

        var conflist = LayerTwoConflist.Build(lab, lab.Attachments.Single(a => a.Name == "fixed")).ToJson();
        Assert.Equal(
            """
            {
              "cniVersion": "0.4.0",
              "name": "fixed",
              "plugins": [
                {
                  "type": "bridge",
                  "bridge": "cni0",
                  "isGateway": false,
                  "isDefaultGateway": false,
                  "ipMasq": false,
                  "capabilities": {
                    "ips": true
                  },
                  "ipam": {
                    "type": "static"
                  }
                },
                {
                  "type": "tuning",
                  "capabilities": {
                    "mac": true
                  }
                }
              ]
            }

            """.ReplaceLineEndings("\n"), conflist);

        // The blog's Home Assistant asks for nothing: the short form stays.
        var ha = lab.Workloads.Single(w => w.Name == "homeassistant");
        var plain = new V1PodTemplateSpec();
        WorkloadEmitter.AttachTo(plain, ha.Attachments, ha.Selections);
        Assert.Equal("default/layer2-bridge", plain.Metadata.Annotations["k8s.v1.cni.cncf.io/networks"]);
    }

    [Fact]
    public void Macvlan_takes_the_mac_capability_itself() =>
        Assert.Contains("\"capabilities\": {\n        \"mac\": true\n      },",
            LayerTwoConflist.Build(BlogLab.Build(MacvlanIpvlanRuleTests.IotOnPlainInterfaces(a => a.Macvlan().Dhcp().PodMac())), BlogLab.Build(MacvlanIpvlanRuleTests.IotOnPlainInterfaces(a => a.Macvlan().Dhcp().PodMac())).Attachments.Single(a => a.Name == "iot")).ToJson(), StringComparison.Ordinal);

    [Fact]
    public void An_address_on_a_dhcp_attachment_is_rejected() =>
        Expect.Error(new() { Add = b => b.Workload("smarthome/esphome", w => w.Image("ghcr.io/esphome/esphome:2025.11").Attach("default/layer2-bridge", s => s.Ip("192.168.2.50/24"))) },
            PodAddressIpamMismatch, "lab/workloads/smarthome/esphome/attachments/default/layer2-bridge/ips",
            value: "asks for 192.168.2.50/24 on 'default/layer2-bridge', whose dhcp IPAM ignores a pod's 'ips'", fix: "give the attachment .PodAddresses()");

    [Fact]
    public void Joining_a_pod_address_attachment_without_an_address_is_rejected() =>
        InFixedHelper(Fixed(("esphome", s => s.Mac("02:00:00:00:00:32"))), PodAddressIpamMismatch, $"{EspHome}/ips",
            value: "the workload names none", fix: "s => s.Ip(\"192.168.2.50/24\")");

    [Fact]
    public void An_address_outside_the_subnet_is_rejected() =>
        Expect.Error(Fixed(("esphome", s => s.Ip("192.168.3.50/24"))), AddressOutsideSubnet, $"{EspHome}/ips",
            value: "192.168.3.50/24 is not a host address of network 'lan' (192.168.2.0/24)", fix: "such as 192.168.2.50/24");

    [Fact]
    public void The_gateway_as_a_pods_address_is_rejected() =>
        InFixedHelper(Fixed(("esphome", s => s.Ip("192.168.2.1/24"))), AddressIsGateway, $"{EspHome}/ips",
            value: "192.168.2.1/24 is the gateway of network 'lan'", fix: "pick a free host address");

    [Fact]
    public void One_address_for_two_workloads_is_rejected() =>
        InFixedHelper(Fixed(("esphome", s => s.Ip("192.168.2.50/24")), ("frigate", s => s.Ip("192.168.2.50/24"))), PodAddressShared, "lab/workloads/smarthome/frigate/attachments/default/fixed/ips",
            value: "192.168.2.50/24 is also requested by 'smarthome/esphome'", fix: "give each workload its own address");

    [Fact]
    public void An_address_inside_a_host_local_range_is_rejected() =>
        InFixedHelper(Fixed(("esphome", s => s.Ip("192.168.2.150/24"))) with { Node = n => n.Interface("eth2", "lan"), Omit = LabSection.GitOps | LabSection.SecondNode, Attachment = a => a.HostLocalRange("192.168.2.100", "192.168.2.199") },
            PodAddressShared, $"{EspHome}/ips", value: "192.168.2.150/24 lies in the host-local range 192.168.2.100-192.168.2.199", fix: "pick an address outside it");

    [Fact]
    public void A_mac_on_an_attachment_without_pod_mac_is_rejected() =>
        Expect.Error(new() { Add = b => b.Workload("smarthome/esphome", w => w.Image("ghcr.io/esphome/esphome:2025.11").Attach("default/layer2-bridge", s => s.Mac("02:00:00:00:00:32"))) },
            PodMacNotEnabled, "lab/workloads/smarthome/esphome/attachments/default/layer2-bridge/mac",
            value: "asks for MAC 02:00:00:00:00:32 on 'default/layer2-bridge', whose chain declares no 'mac' capability", fix: "give the attachment .PodMac()");

    [Fact]
    public void A_multicast_mac_is_rejected() =>
        Expect.Error(Fixed(("esphome", s => s.Ip("192.168.2.50/24").Mac("01:00:5e:00:00:32"))), PodMacNotUnicast, $"{EspHome}/mac",
            value: "01:00:5e:00:00:32 is a multicast MAC", fix: "\"02:00:5e:00:00:32\"");

    [Fact]
    public void A_mac_that_is_not_a_mac_is_rejected() =>
        Expect.Error(Fixed(("esphome", s => s.Ip("192.168.2.50/24").Mac("02:00:00:00:32"))), InvalidMac, $"{EspHome}/mac",
            value: "'02:00:00:00:32' is not a MAC address", fix: "six hex pairs");

    [Fact]
    public void One_mac_for_two_workloads_is_rejected() =>
        InFixedHelper(Fixed(("esphome", s => s.Ip("192.168.2.50/24").Mac("02:00:00:00:00:32")), ("frigate", s => s.Ip("192.168.2.51/24").Mac("02:00:00:00:00:32"))), PodMacShared, "lab/workloads/smarthome/frigate/attachments/default/fixed/mac",
            value: "MAC 02:00:00:00:00:32 is also requested by 'smarthome/esphome'", fix: "Give each workload its own MAC");
}

/// <summary>The NADs of macvlan, ipvlan and tuning chains pass the strict CNI schemas (no unknown key, no schema-less type).</summary>
public sealed class MacvlanIpvlanSchemaTests
{
    public static TheoryData<string> Chains => new() { "macvlan", "ipvlan", "bridge-fixed" };

    [Theory]
    [MemberData(nameof(Chains))]
    public void The_nad_validates_with_no_diagnostic(string chain)
    {
        var change = chain switch
        {
            "macvlan" => MacvlanIpvlanRuleTests.IotOnPlainInterfaces(a => a.Macvlan(m => m.Mode(MacvlanMode.Vepa)).PodAddresses().PodMac().RouteFix(false)),
            "ipvlan" => MacvlanIpvlanRuleTests.IotOnPlainInterfaces(a => a.Ipvlan(i => i.Mode(IpvlanMode.L3S)).StaticAddress("192.168.30.50/24").RouteFix(false)),
            _ => PodSelectionRuleTests.Fixed(("esphome", s => s.Ip("192.168.2.50/24").Mac("02:00:00:00:00:32"))),
        };
        if (chain == "macvlan")
        {
            change = change with { Workload = w => w.Attach("default/iot", s => s.Ip("192.168.30.50/24").Mac("02:00:00:00:00:32")) };
        }

        var lab = BlogLab.Build(change);
        var files = GitOps.Networks.NetworkAttachmentEmitter.Emit(lab).Select(GitOps.Delivery.BundleLayout.Place).ToArray();
        var diagnostics = GitOps.Tests.Validation.ValidationHarness.Validate(files);
        Assert.True(diagnostics.Count == 0, GitOps.Tests.Validation.ValidationHarness.Show(diagnostics));
        Assert.Contains(files, f => f.RelativePath.EndsWith(chain == "bridge-fixed" ? "-fixed.yaml" : "-iot.yaml", StringComparison.Ordinal));
    }
}
