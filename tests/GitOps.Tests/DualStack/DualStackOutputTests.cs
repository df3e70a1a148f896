using System.Text;
using System.Text.Json.Nodes;
using GitOps.Calico;
using GitOps.Cni;
using GitOps.K3s;
using GitOps.Output;
using GitOps.Tests.Support;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.DualStack;

/// <summary>
/// What a dual-stack lab writes: both pools and the IPv6 detection in the Installation (and so in the operator chart's
/// values), both families assigned by the Calico delegate, K3s's dual cluster/service CIDRs and per-family node masks in
/// the one settings object that the Rancher Cluster and the host config.yaml both carry. The CRD check of these objects is
/// GeneratedSetsValidateTests ("DualStack"); the bytes are the DualStack snapshots.
/// </summary>
public sealed class DualStackOutputTests
{
    [Fact]
    public void Installation_lists_both_pools_with_the_operators_names_and_detects_IPv6_by_interface()
    {
        var lab = DualStackLabs.Build();
        var network = CalicoEmitter.Build(lab).Spec.CalicoNetwork;
        Assert.Equal(
            ["default-ipv4-ippool 192.168.7.0/24 /26 None Enabled", "default-ipv6-ippool fd00:42::/56 /122 None Enabled"],
            network.IpPools.Select(p => $"{p.Name} {p.Cidr} /{p.BlockSize} {p.Encapsulation} {p.NatOutgoing}"));
        Assert.Equal(["192.168.3.0/24"], network.NodeAddressAutodetectionV4!.Cidrs!);
        Assert.Equal("^eth1$", network.NodeAddressAutodetectionV6!.Interface);
    }

    [Fact]
    public void Operator_chart_values_carry_the_same_pools_and_IPv6_detection()
    {
        // The values text the renderer writes into the chart, read back.
        var lab = DualStackLabs.Build();
        var chart = TigeraOperatorHelmChart.Build(CalicoEmitter.Build(lab), lab.GitOps!.TigeraOperator);
        var installation = YamlText.Documents((string)YamlRenderer.ToJson(chart)["spec"]!["valuesContent"]!).Single()!["installation"]!.AsObject();
        var calicoNetwork = installation["calicoNetwork"]!.AsObject();
        Assert.Equal(2, calicoNetwork["ipPools"]!.AsArray().Count);
        Assert.Equal("fd00:42::/56", (string?)calicoNetwork["ipPools"]![1]!["cidr"]);
        Assert.Equal("^eth1$", (string?)calicoNetwork["nodeAddressAutodetectionV6"]!["interface"]);
    }

    [Fact]
    public void Calico_delegate_assigns_both_families()
    {
        var settings = CalicoCniSettings.From(DualStackLabs.Build().Calico);
        Assert.True(settings.AssignIPv4);
        Assert.True(settings.AssignIPv6);
    }

    [Fact]
    public void K3s_settings_are_dual_stack_with_one_mask_per_family()
    {
        var settings = K3sServerConfig.For(DualStackLabs.Build());
        Assert.Equal("192.168.7.0/24,fd00:42::/56", (string?)settings[K3sServerConfig.ClusterCidr]);
        Assert.Equal("10.43.0.0/16,fd00:43::/112", (string?)settings[K3sServerConfig.ServiceCidr]);

        // Two nodes: the /24 pool keeps its /26 blocks; the /56 pool is cut at /72, the most kube-controller-manager
        // splits an IPv6 cluster CIDR (clusterSubnetMaxDiff 16). No node-cidr-mask-size: dual stack refuses it.
        Assert.Equal(["node-cidr-mask-size-ipv4=26", "node-cidr-mask-size-ipv6=72"], settings[K3sServerConfig.ControllerManagerArgs]!.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public void Single_stack_keeps_node_cidr_mask_size() =>
        Assert.Equal(["node-cidr-mask-size=26"], K3sServerConfig.For(BlogLab.Build())[K3sServerConfig.ControllerManagerArgs]!.AsArray().Select(a => (string?)a));

    [Fact]
    public void Rancher_cluster_and_host_config_carry_the_same_dual_stack_settings()
    {
        var host = Encoding.UTF8.GetString(YamlRenderer.Render(LabGenerator.GenerateSet(DualStackLabs.BuildHostFiles()).Files.Single(f => f.RelativePath == "hosts/k8s-1/etc/rancher/k3s/config.yaml")).Content);
        Assert.Contains("cluster-cidr: 192.168.7.0/24,fd00:42::/56\n", host, StringComparison.Ordinal);
        Assert.Contains("service-cidr: 10.43.0.0/16,fd00:43::/112\n", host, StringComparison.Ordinal);
        Assert.Contains("- node-cidr-mask-size-ipv6=72\n", host, StringComparison.Ordinal);

        var rancher = LabGenerator.GenerateSet(DualStackLabs.Build()).Files.Single(f => f.RelativePath == $"{GitOps.Output.DeliveryFolder.RancherLocal.Name}/cluster-example.yaml");
        var json = YamlRenderer.ToJson(Assert.Single(rancher.Objects));
        var global = json["spec"]!["rkeConfig"]!["machineGlobalConfig"]!;
        Assert.Equal("192.168.7.0/24,fd00:42::/56", (string?)global["cluster-cidr"]);
        Assert.Equal("10.43.0.0/16,fd00:43::/112", (string?)global["service-cidr"]);
        Assert.Equal(["node-cidr-mask-size-ipv4=26", "node-cidr-mask-size-ipv6=72"], global["kube-controller-manager-arg"]!.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public void The_attachment_gets_both_static_addresses()
    {
        var lab = DualStackLabs.Build();
        var ipam = LayerTwoConflist.Build(lab, lab.Attachments.Single()).ToJson();
        var addresses = JsonNode.Parse(ipam)!["plugins"]![0]!["ipam"]!["addresses"]!.AsArray();
        Assert.Equal(["192.168.2.50/24 192.168.2.1", "fd00:2::50/64 "], addresses.Select(a => $"{(string?)a!["address"]} {(string?)a["gateway"]}"));
    }
}
