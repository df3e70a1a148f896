using GitOps.Calico;
using GitOps.Hosts;
using GitOps.Tests.Fleet;
using GitOps.Tests.Support;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Bgp;

/// <summary>What the BGP peering writes: Calico's objects in calico-bgp/ (after calico/), and the router's FRR configuration.</summary>
public sealed class BgpOutputTests
{
    [Fact]
    public void Calico_objects_are_projectcalico_V3_in_their_own_folder()
    {
        var files = GitOpsLabs.Files(BlogLab.OneNode());
        var configuration = Assert.IsType<BgpConfiguration>(Assert.Single(files["calico-bgp/bgpconfiguration-default.yaml"].Objects));
        Assert.Equal(("projectcalico.org/v3", "default", 64512u, true), (configuration.ApiVersion, configuration.Metadata.Name, configuration.Spec.AsNumber, configuration.Spec.NodeToNodeMeshEnabled));
        Assert.Null(configuration.Spec.ServiceClusterIPs);
        var peer = Assert.IsType<BgpPeer>(Assert.Single(files["calico-bgp/bgppeer-router.yaml"].Objects));
        Assert.Equal(("projectcalico.org/v3", "router", "192.168.3.1", 64513u), (peer.ApiVersion, peer.Metadata.Name, peer.Spec.PeerIP, peer.Spec.AsNumber));
    }

    [Fact]
    public void Service_cidr_is_advertised_and_accepted_by_the_router_when_asked()
    {
        var lab = BlogLab.OneNode(calico: c => c.Bgp(b => b.NodeToNodeMesh(false).AdvertiseServiceCidr().Router("router")), extra: l => l.GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl).HostFiles()));
        var files = GitOpsLabs.Files(lab);
        var configuration = (BgpConfiguration)files["calico-bgp/bgpconfiguration-default.yaml"].Objects[0];
        Assert.False(configuration.Spec.NodeToNodeMeshEnabled);
        Assert.Equal("10.43.0.0/16", Assert.Single(configuration.Spec.ServiceClusterIPs!).Cidr);
        var frr = GitOpsLabs.Text(files["hosts/router/frr.conf"]);
        Assert.Contains("ip prefix-list example-from-cluster seq 10 permit 192.168.7.0/24 le 32\n", frr, StringComparison.Ordinal);
        Assert.Contains("ip prefix-list example-from-cluster seq 20 permit 10.43.0.0/16 le 32\n", frr, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_peering_nothing_is_written()
    {
        var lab = BlogLab.OneNode(calico: c => c.NatOutgoingTraffic(), extra: l => l.Calico(c => c.IPPool("192.168.7.0/24").NatOutgoingTraffic()).GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl).Fleet().HostFiles()));
        var paths = GitOpsLabs.Files(lab).Keys;
        Assert.DoesNotContain(paths, p => p.StartsWith("calico-bgp/", StringComparison.Ordinal) || p.EndsWith("/frr.conf", StringComparison.Ordinal));
    }

    [Fact]
    public void Calico_bgp_bundle_depends_on_the_namespaces_and_the_node_agent_on_it()
    {
        // The Installation is part of the day-0 CNI layer, so no calico/ bundle precedes calico-bgp/ in the blog lab.
        var files = GitOpsLabs.Files(GitOpsLabs.Fleet());
        Assert.DoesNotContain(files.Keys, p => p.StartsWith("calico/", StringComparison.Ordinal));
        Assert.Contains("- name: home-lab-manifests-namespaces\n", GitOpsLabs.Text(files["calico-bgp/fleet.yaml"]), StringComparison.Ordinal);
        Assert.Contains("- name: home-lab-manifests-calico-bgp\n", GitOpsLabs.Text(files["node-agent/fleet.yaml"]), StringComparison.Ordinal);
        Assert.Contains("manifests/calico-bgp", GitOpsLabs.Text(files[files.ContainsKey("rancher-local/gitrepo-home-lab.yaml") ? "rancher-local/gitrepo-home-lab.yaml" : "rancher/gitrepo-home-lab.yaml"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Calico_objects_are_checked_against_calicos_crd_schema()
    {
        // A wrong type in the v3 object is caught by the bundled crd.projectcalico.org/v1 schema (same spec).
        var set = new GitOps.Output.ManifestSet([new GitOps.Output.ManifestFile("calico-bgp/bgppeer-x.yaml", [new BgpPeer
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = "x" },
            Spec = new BgpPeerSpec { PeerIP = "192.168.3.1", AsNumber = 3000000000 },
        }])]);
        var problem = Assert.Single(ManifestValidator.Shared.Validate(set));
        Assert.Equal(GitOps.Diagnostics.DiagnosticCodes.KubernetesInvalidValue, problem.Code);
        Assert.Contains("/spec/asNumber", problem.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Frr_listens_on_the_node_network_accepts_only_the_pool_and_sends_nothing()
    {
        var lab = HomeLab.HomeLabModel.Build();
        var frr = GitOpsLabs.Text(GitOpsLabs.Files(lab)["hosts/router/frr.conf"]);
        string[] expected =
        [
            "frr defaults traditional",
            "ip prefix-list example-from-cluster seq 10 permit 192.168.7.0/24 le 32",
            "route-map example-import permit 10",
            " match ip address prefix-list example-from-cluster",
            "route-map example-export deny 10",
            "router bgp 64513",
            " bgp router-id 192.168.3.1",
            " neighbor example-nodes peer-group",
            " neighbor example-nodes remote-as 64512",
            " bgp listen range 192.168.3.0/24 peer-group example-nodes",
            "  neighbor example-nodes route-map example-import in",
            "  neighbor example-nodes route-map example-export out",
        ];
        var lines = frr.Split('\n');
        foreach (var line in expected)
        {
            Assert.Contains(line, lines);
        }

        Assert.DoesNotContain(lines, l => l.StartsWith("ip prefix-list", StringComparison.Ordinal) && !l.Contains("192.168.7.0/24", StringComparison.Ordinal));
        Assert.StartsWith("! router: BGP with the cluster 'example'", frr, StringComparison.Ordinal);
        Assert.Contains("/etc/frr/frr.conf", frr, StringComparison.Ordinal);
        Assert.EndsWith("!\n", frr, StringComparison.Ordinal);
    }

    [Fact]
    public void Frr_one_per_router()
    {
        var lab = BlogLab.OneNode(calico: c => c.Bgp(b => b.Router("router").Router("backup", r => r.Address("192.168.3.2").AsNumber(64514))), extra: l => l.GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl).HostFiles()));
        var files = GitOpsLabs.Files(lab);
        Assert.Contains("router bgp 64514\n bgp router-id 192.168.3.2\n", GitOpsLabs.Text(files["hosts/backup/frr.conf"]), StringComparison.Ordinal);
        Assert.Contains("router bgp 64513\n bgp router-id 192.168.3.1\n", GitOpsLabs.Text(files["hosts/router/frr.conf"]), StringComparison.Ordinal);
        Assert.Equal(["calico-bgp/bgppeer-backup.yaml", "calico-bgp/bgppeer-router.yaml"], files.Keys.Where(k => k.StartsWith("calico-bgp/bgppeer-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }
}
