using GitOps.Validation;
using GitOps.Diagnostics;
using GitOps.Hosts;
using GitOps.Tests.Fleet;
using GitOps.Tests.Support;
using Xunit;

namespace GitOps.Tests.Hosts;

/// <summary>The nodes' systemd-networkd files: the blog's four units per node, from the model, outside every synced path.</summary>
public sealed class HostNetworkdTests
{
    private static IReadOnlyDictionary<string, GitOps.Output.ManifestFile> Sample() => GitOpsLabs.Files(HomeLab.HomeLabModel.Build());

    [Fact]
    public void Every_node_gets_the_blogs_four_units()
    {
        var hosts = Sample().Keys.Where(k => k.StartsWith("hosts/", StringComparison.Ordinal)).ToArray();
        string[] units = ["10-netplan-eth0.network", "10-netplan-eth1.network", "cni0.netdev", "cni0.network"];
        // Beside the nodes' folders, the router the sample peers with gets its FRR configuration (docs/bgp.md),
        // and each Hyper-V host its adapter script.
        Assert.Equal(
            new[] { "k8s-1", "k8s-2" }.SelectMany(n => units.Select(u => $"hosts/{n}/{u}")).Append("hosts/router/frr.conf")
                .Concat(["hosts/hyperv/hyperv-1.ps1", "hosts/hyperv/hyperv-2.ps1"]).Order(StringComparer.Ordinal),
            hosts.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("k8s-1")]
    [InlineData("k8s-2")]
    public void Units_parse_with_the_expected_sections_and_values(string node)
    {
        var files = Sample();
        IReadOnlyList<NetworkdIni.Section> Unit(string name) => NetworkdIni.Parse(GitOpsLabs.Text(files[$"hosts/{node}/{name}"]));

        var eth0 = Unit("10-netplan-eth0.network");
        Assert.Equal(["Match", "Network"], eth0.Select(s => s.Name));
        Assert.Equal("eth0", eth0[0]["Name"]);
        Assert.Equal("cni0", eth0[1]["Bridge"]);

        var netdev = Unit("cni0.netdev");
        Assert.Equal(["NetDev"], netdev.Select(s => s.Name));
        Assert.Equal("cni0", netdev[0]["Name"]);
        Assert.Equal("bridge", netdev[0]["Kind"]);
        Assert.Equal(node == "k8s-1" ? "00:15:5d:02:cb:09" : "00:15:5d:02:cb:0a", netdev[0]["MACAddress"]);

        var bridge = Unit("cni0.network");
        Assert.Equal(["Match", "Network"], bridge.Select(s => s.Name));
        Assert.Equal("cni0", bridge[0]["Name"]);
        Assert.Equal("yes", bridge[1]["DHCP"]);
        Assert.Equal("yes", bridge[1]["IPv6AcceptRA"]);

        var eth1 = Unit("10-netplan-eth1.network");
        Assert.Equal(["Match", "Link", "Network", "Route"], eth1.Select(s => s.Name));
        Assert.Equal("eth1", eth1[0]["Name"]);
        Assert.Equal("9000", eth1[1]["MTUBytes"]);
        Assert.Equal("yes", eth1[2]["DHCP"]);
        Assert.Equal("0.0.0.0/0", eth1[3]["Destination"]);
        Assert.Equal("192.168.3.1", eth1[3]["Gateway"]);
        Assert.Equal("90", eth1[3]["Metric"]);
    }

    [Fact]
    public void Without_an_mtu_on_the_node_network_there_is_no_link_section()
    {
        var lab = BlogLab.OneNode(extra: l => l
            .Network("k8s2", n => n.Vlan(30).Subnet("192.168.4.0/24").Gateway("192.168.4.1"))
            .GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl).HostFiles()),
            secondNode: n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a")).Interface("eth1", "k8s").Interface("eth2", "k8s2"));
        var eth2 = NetworkdIni.Parse(GitOpsLabs.Text(GitOpsLabs.Files(lab)["hosts/k8s-2/10-netplan-eth2.network"]));
        // Not the cluster's node network: DHCP only, no preferred default route, no MTU.
        Assert.Equal(["Match", "Network"], eth2.Select(s => s.Name));
    }

    [Fact]
    public void Bridge_uplink_without_a_mac_is_GITOPS409_at_the_interface()
    {
        var d = GitOpsModelTests.Single(() => BlogLab.OneNode(
            extra: l => l.GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl).HostFiles()),
            secondNode: n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s")));
        Assert.Equal(DiagnosticCodes.HostBridgeMacMissing, d.Code);
        Assert.Equal("lab/nodes/k8s-2/interfaces/eth0/mac", d.Path);
        Assert.Contains(".Mac(", d.Message);
        // The hint asks for this interface's own MAC, never the sample's.
        Assert.DoesNotContain("00:15:5d", d.Message);
        Assert.Contains("the DHCP server of the 'lan' network", d.Message);
        Assert.EndsWith("HostNetworkdTests.cs", d.File);
    }

    /// <summary>A lab with a pods-only IoT VLAN tagged on each node's LAN NIC and bridged there (issue 17).</summary>
    internal static GitOps.Topology.Lab PodsOnlyIot(bool parentMac = true) => BlogLab.OneNode(
        extra: l => l
            .Network("iot", n => n.Vlan(30).Subnet("192.168.30.0/24").Gateway("192.168.30.1").HostAddressing(Topology.Addressing.None))
            .Attachment("default/iot", a => a.Network("iot").Bridge("br-iot").Dhcp().RouteFix(false))
            .GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl).HostFiles()),
        secondNode: n => n
            .Interface("eth0", "lan", i => { if (parentMac) { i.Mac("00:15:5d:02:cb:0a"); } })
            .Interface("eth0.30", "iot", i => i.Bridge("br-iot"))
            .Interface("eth1", "k8s"));

    [Fact]
    public void A_pods_only_bridge_gets_no_address_no_ra_and_no_link_local()
    {
        var files = GitOpsLabs.Files(PodsOnlyIot());
        var bridge = NetworkdIni.Parse(GitOpsLabs.Text(files["hosts/k8s-2/br-iot.network"]));
        Assert.Equal(["Match", "Link", "Network"], bridge.Select(s => s.Name));
        Assert.Equal("no", bridge[1]["RequiredForOnline"]);
        Assert.Equal(
            [new("DHCP", "no"), new("IPv6AcceptRA", "no"), new("LinkLocalAddressing", "no")],
            bridge[2].Entries);
        // The VLAN device's MAC is its parent's (vlan_dev_init); the bridge takes it, and the comment names the right network.
        var netdevText = GitOpsLabs.Text(files["hosts/k8s-2/br-iot.netdev"]);
        Assert.Equal("00:15:5d:02:cb:0a", NetworkdIni.Parse(netdevText)[0]["MACAddress"]);
        Assert.Contains("eth0's MAC, as the model gives it; the bridge takes no address on the 'iot' network.", netdevText);
        Assert.DoesNotContain("LAN", netdevText);
        // The VLAN is created by its parent, the untagged NIC (no bridge on the LAN on this node).
        Assert.Equal("eth0.30", NetworkdIni.Parse(GitOpsLabs.Text(files["hosts/k8s-2/10-netplan-eth0.network"])).Single(s => s.Name == "Network")["VLAN"]);
    }

    [Fact]
    public void A_pods_only_bridge_needs_no_mac()
    {
        var files = GitOpsLabs.Files(PodsOnlyIot(parentMac: false));
        Assert.Null(NetworkdIni.Parse(GitOpsLabs.Text(files["hosts/k8s-2/br-iot.netdev"]))[0]["MACAddress"]);
    }

    [Fact]
    public void A_dhcp_bridge_on_a_vlan_takes_the_parents_mac_and_names_its_own_network()
    {
        var lab = BlogLab.OneNode(
            extra: l => l.Network("iot", n => n.Vlan(30).Subnet("192.168.30.0/24").Gateway("192.168.30.1"))
                .GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl).HostFiles()),
            secondNode: n => n.Interface("eth2", "lan", i => i.Mac("00:15:5d:02:cb:0c")).Interface("eth2.30", "iot", i => i.Bridge("br-iot")).Interface("eth1", "k8s"));
        var text = GitOpsLabs.Text(GitOpsLabs.Files(lab)["hosts/k8s-2/br-iot.netdev"]);
        Assert.Equal("00:15:5d:02:cb:0c", NetworkdIni.Parse(text)[0]["MACAddress"]);
        Assert.Contains("eth2's MAC: the DHCP server of the 'iot' network keeps seeing the same host.", text);
    }

    [Fact]
    public void A_bridge_on_a_vlan_of_another_bridge_takes_that_bridges_uplink_mac()
    {
        var lab = BlogLab.OneNode(
            extra: l => l.Network("iot", n => n.Vlan(30).Subnet("192.168.30.0/24").Gateway("192.168.30.1"))
                .GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl).HostFiles()),
            secondNode: n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a")).Interface("cni0.30", "iot", i => i.Bridge("br-iot")).Interface("eth1", "k8s"));
        var text = GitOpsLabs.Text(GitOpsLabs.Files(lab)["hosts/k8s-2/br-iot.netdev"]);
        Assert.Equal("00:15:5d:02:cb:0a", NetworkdIni.Parse(text)[0]["MACAddress"]);
    }

    [Fact]
    public void A_dhcp_bridge_on_a_vlan_without_any_mac_is_GITOPS409_at_the_parent_with_no_sample_value()
    {
        var d = GitOpsModelTests.Single(() => BlogLab.OneNode(
            extra: l => l.Network("iot", n => n.Vlan(30).Subnet("192.168.30.0/24").Gateway("192.168.30.1"))
                .GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl).HostFiles()),
            secondNode: n => n.Interface("eth2", "lan").Interface("eth2.30", "iot", i => i.Bridge("br-iot")).Interface("eth1", "k8s")));
        Assert.Equal(DiagnosticCodes.HostBridgeMacMissing, d.Code);
        Assert.Equal("lab/nodes/k8s-2/interfaces/eth2/mac", d.Path);
        Assert.Contains("'eth2.30' is a VLAN of 'eth2' and carries its MAC", d.Message);
        Assert.Contains("'ip link show eth2' prints on node 'k8s-2'", d.Message);
        Assert.DoesNotContain("00:15:5d", d.Message);
    }

    [Fact]
    public void Without_host_files_a_missing_mac_is_fine()
    {
        var lab = BlogLab.OneNode(extra: l => l.GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl)),
            secondNode: n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"));
        // No networkd units; hosts/ holds only the K3s server files (config.yaml, the CNI layer) of a cluster without Rancher.
        Assert.DoesNotContain(GitOpsLabs.Files(lab).Keys, k => k.StartsWith("hosts/", StringComparison.Ordinal) && (k.EndsWith(".network", StringComparison.Ordinal) || k.EndsWith(".netdev", StringComparison.Ordinal)));
    }

    [Fact]
    public void Two_uplinks_in_one_bridge_is_GITOPS410()
    {
        var d = GitOpsModelTests.Single(() => BlogLab.OneNode(
            extra: l => l.GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl).HostFiles()),
            secondNode: n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a")).Interface("eth2", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0b")).Interface("eth1", "k8s")));
        Assert.Equal(DiagnosticCodes.HostBridgeUplinkAmbiguous, d.Code);
        Assert.Contains("'eth0' and 'eth2'", d.Message);
    }

    [Fact]
    public void Static_addressing_is_GITOPS411()
    {
        var e = Assert.Throws<LabValidationException>(() => BlogLab.Build(new LabChange { Lan = n => n.HostAddressing(Topology.Addressing.Static), Omit = LabSection.SecondNode }));
        var d = Assert.Single(e.Diagnostics, d => d.Code == DiagnosticCodes.HostStaticAddressingUnsupported);
        Assert.Equal("lab/nodes/k8s-1/interfaces/eth0", d.Path);
    }

    [Fact]
    public void The_same_mac_on_two_nodes_is_GITOPS412()
    {
        var d = GitOpsModelTests.Single(() => BlogLab.OneNode(
            extra: l => l.GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl).HostFiles()),
            secondNode: n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5D:02:CB:09")).Interface("eth1", "k8s")));
        Assert.Equal(DiagnosticCodes.MacAddressDuplicate, d.Code);
        Assert.Contains("00:15:5d:02:cb:09", d.Message);
        Assert.Contains("k8s-1/eth0", d.Message);
    }

    [Fact]
    public void Renderer_refuses_what_systemd_would_misread()
    {
        var unit = (string value) => new NetworkdUnit([], [new NetworkdSection("Network", [new NetworkdEntry("DHCP", value)])]);
        Assert.Equal("[Network]\nDHCP=yes\n", NetworkdRenderer.Render(unit("yes")));
        Assert.Throws<ArgumentException>(() => NetworkdRenderer.Render(unit("yes\nAddress=10.0.0.1/8")));
        Assert.Throws<ArgumentException>(() => NetworkdRenderer.Render(unit(" yes")));
        Assert.Throws<ArgumentException>(() => NetworkdRenderer.Render(new NetworkdUnit([], [new NetworkdSection("Net work", [])])));
    }

    [Fact]
    public void Host_files_are_outside_the_fleet_paths()
    {
        var gitRepo = YamlText.Documents(GitOpsLabs.Text(Sample()["rancher-local/gitrepo-home-lab.yaml"])).Single()!;
        Assert.DoesNotContain(gitRepo["spec"]!["paths"]!.AsArray(), p => ((string)p!).Contains("hosts", StringComparison.Ordinal));
    }
}
