using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>Required sections and settings: cluster, Calico and its pool, nodes, paths, rollout.</summary>
public sealed class SectionRuleTests
{
    [Theory]
    [InlineData(LabSection.Cluster, "lab/cluster", ".Cluster(\"name\"")]
    [InlineData(LabSection.Calico, "lab/calico", ".Calico(c => c.IPPool(")]
    [InlineData(LabSection.Nodes, "lab/nodes", ".Node(\"k8s-1\"")]
    public void Section_missing_is_rejected(LabSection missing, string path, string fix) =>
        Expect.Error(new() { Omit = missing },
            MissingElement, path, value: "the lab has no", fix: fix, Origin.BlogLab);

    [Fact]
    public void Calico_pool_missing_is_rejected() =>
        Expect.Error(new() { Add = b => b.Calico(c => c.Bgp(true)) },
            MissingElement, "lab/calico/ipPool", value: "no IP pool", fix: ".IPPool(\"<pod CIDR>\", blockSize: 26) with a range none of the lab's networks use");

    [Fact]
    public void Cluster_node_network_missing_is_rejected() =>
        Expect.Error(new() { Add = b => b.Cluster("example", c => c.ServiceCidr("10.43.0.0/16")) },
            MissingElement, "lab/cluster/nodeNetwork", value: "which network carries the node addresses", fix: ".NodeNetwork(\"k8s\")");

    [Fact]
    public void Attachment_without_ipam_is_rejected() =>
        Expect.Error(new() { Add = b => b.Attachment("default/iot", a => a.Network("lan").Bridge("cni0")) },
            MissingElement, "lab/attachments/default/iot/ipam", value: "no IPAM", fix: ".Dhcp(d => d.ProvidePodName())");

    [Fact]
    public void Attachment_without_bridge_is_rejected() =>
        Expect.Error(new() { Add = b => b.Attachment("default/iot", a => a.Network("lan").Dhcp()) },
            MissingElement, "lab/attachments/default/iot/bridge", value: "which node bridge", fix: ".Bridge(\"cni0\")");

    [Fact]
    public void Workload_without_image_is_rejected() =>
        Expect.Error(new() { Add = b => b.Workload("smarthome/mosquitto", w => w.Attach("default/layer2-bridge")) },
            MissingElement, "lab/workloads/smarthome/mosquitto/image", value: "no pods", fix: ".Image(");

    [Theory]
    [InlineData("etc/cni/net.d")]
    [InlineData("/etc/cni/../net.d")]
    [InlineData("")]
    public void Cni_conf_dir_not_an_absolute_path_is_rejected(string dir) =>
        Expect.Error(new() { Cluster = c => c.CniConfDir(dir) },
            InvalidPath, "lab/cluster/cniConfDir", value: $"'{dir}'", fix: "use e.g. \"/etc/cni/net.d\"");

    [Theory]
    [InlineData("/")]
    [InlineData("//")]
    public void Cni_conf_dir_the_root_directory_is_rejected(string dir) =>
        Expect.Error(new() { Cluster = c => c.CniConfDir(dir) },
            InvalidPath, "lab/cluster/cniConfDir", value: $"'{dir}' is the root directory", fix: "use e.g. \"/etc/cni/net.d\"");

    [Fact]
    public void Cni_bin_dir_not_an_absolute_path_is_rejected() =>
        Expect.Error(new() { Cluster = c => c.CniBinDir("opt/cni/bin") },
            InvalidPath, "lab/cluster/cniBinDir", value: "'opt/cni/bin'", fix: "absolute Linux path");

    [Fact]
    public void Calico_max_unavailable_zero_is_rejected() =>
        Expect.Error(new() { Calico = c => c.MaxUnavailable(0) },
            InvalidValue, "lab/calico/maxUnavailable", value: "maxUnavailable 0 ", fix: "use 1 or more");

    [Fact]
    public void Calico_node_selector_empty_label_is_rejected() =>
        Expect.Error(new() { Calico = c => c.ControlPlaneNodeSelector("", "true") },
            InvalidValue, "lab/calico/controlPlaneNodeSelector", value: "label ''", fix: "node-role.kubernetes.io/control-plane");
}
