using System.Net;
using System.Text.Json.Nodes;
using GitOps.Diagnostics;
using GitOps.Tests.Model;
using GitOps.Topology;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Fleet;

/// <summary>
/// Issue 21: K3s's kube-controller-manager gives every node a pod CIDR out of cluster-cidr (the Calico pool), /24 by
/// default, so the sample's /24 pool had room for one node. The written K3s config now carries
/// <c>kube-controller-manager-arg: node-cidr-mask-size=…</c>; these tests read it back from the written files (the
/// Rancher Cluster's machineGlobalConfig, or the server's config.yaml without Rancher) and carve the pool the way the
/// range allocator does (kubernetes <c>cidrset.NewCIDRSet</c>: <c>1 &lt;&lt; (nodeMask - clusterMask)</c> CIDRs, handed out in order).
/// </summary>
public sealed class NodePodCidrTests
{
    public static TheoryData<string, int> Labs() => new()
    {
        { "sample", 26 },               // HomeLabModel: Rancher, pool 192.168.7.0/24, block 26, 2 nodes → the block size
        { "flux-non-default", 26 },     // host files: pool 10.244.0.0/22, block 26 → the block size
        { "three-nodes-big-blocks", 26 }, // host files: pool /24 with block /24 (one block) and 3 nodes → /26, 4 CIDRs
    };

    [Theory]
    [MemberData(nameof(Labs))]
    public void Every_declared_node_gets_its_own_pod_cidr_from_the_pool(string name, int expectedMask)
    {
        var lab = Build(name);
        var config = MachineConfig(DayZeroWalk.Texts(LabGenerator.GenerateSet(lab)));

        var args = Assert.IsType<JsonArray>(config["kube-controller-manager-arg"]).Select(a => (string)a!).ToArray();
        var arg = Assert.Single(args, a => a.StartsWith("node-cidr-mask-size=", StringComparison.Ordinal));
        var mask = int.Parse(arg["node-cidr-mask-size=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expectedMask, mask);

        var pool = IPNetwork.Parse((string)config["cluster-cidr"]!);
        var allocated = Allocate(pool, mask, lab.Nodes.Count);
        Assert.Equal(lab.Nodes.Count, allocated.Distinct().Count());
        Assert.All(allocated, c => Assert.True(pool.Contains(c.BaseAddress) && c.PrefixLength == mask, $"{c} outside {pool}"));
    }

    [Fact]
    public void Without_the_mask_the_sample_pool_holds_one_node_as_the_issue_said()
    {
        // kube-controller-manager's default (core.go defaultNodeMaskCIDRIPv4 = 24) on the sample's pool.
        var lab = HomeLab.HomeLabModel.Build();
        Assert.Equal(2, lab.Nodes.Count);
        Assert.Single(Allocate(lab.Calico.Pool.Cidr, 24, lab.Nodes.Count));
    }

    [Theory]
    [InlineData("192.168.7.0/24", 26, 2, 26)]   // the block fits: the block size
    [InlineData("192.168.7.0/24", 26, 4, 26)]   // exactly four blocks
    [InlineData("192.168.7.0/24", 26, 5, 27)]   // five nodes: eight /27s
    [InlineData("192.168.7.0/24", 24, 2, 25)]   // one block for the whole pool: two /25s
    [InlineData("10.42.0.0/16", 26, 3, 26)]
    [InlineData("192.168.7.0/30", 30, 4, 32)]   // one address per node
    [InlineData("fd00:7::/48", 122, 3, 64)]     // IPv6: at most 16 bits below the pool (clusterSubnetMaxDiff)
    [InlineData("fd00:7::/120", 122, 3, 122)]
    public void Mask_is_the_block_size_when_it_fits_else_the_largest_that_does(string pool, int block, int nodes, int expected) =>
        Assert.Equal(expected, NodePodCidr.MaskSize(IPNetwork.Parse(pool), block, nodes));

    [Theory]
    [InlineData("192.168.7.0/31", 31, 3)]
    [InlineData("192.168.7.4/32", 32, 2)]
    public void No_mask_when_the_pool_has_fewer_addresses_than_nodes(string pool, int block, int nodes) =>
        Assert.Null(NodePodCidr.MaskSize(IPNetwork.Parse(pool), block, nodes));

    [Fact]
    public void A_pool_too_small_for_the_nodes_is_GITOPS423_at_the_pool_line() =>
        Expect.Error(new LabChange { Calico = c => c.IPPool("192.168.7.0/31", blockSize: 31).NatOutgoingTraffic(), Add = ThirdNode }, DiagnosticCodes.PodPoolTooSmallForNodes, "lab/calico/ipPool/cidr", "192.168.7.0/31", "a /30 or larger");

    [Fact]
    public void Without_a_gitops_section_nothing_writes_the_k3s_config_and_nothing_is_refused()
    {
        var lab = BlogLab.Builder(new LabChange
        {
            Calico = c => c.IPPool("192.168.7.0/31", blockSize: 31).NatOutgoingTraffic(),
            Add = ThirdNode,
            Omit = LabSection.GitOps,
        }).Build();
        Assert.Null(lab.GitOps);
    }

    private static void ThirdNode(LabBuilder lab) => lab.Node("k8s-3", n => n
        .Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0b"))
        .Interface("eth1", "k8s"));

    private static Lab Build(string name) => name switch
    {
        "sample" => HomeLab.HomeLabModel.Build(),
        "flux-non-default" => GitOpsLabs.FluxNonDefaultCidrs(),
        _ => BlogLab.Builder(new LabChange
        {
            Calico = c => c.IPPool("192.168.7.0/24", blockSize: 24),
            Add = lab => ThirdNode(lab.GitOps(g => g.Repository(GitOpsLabs.RepositoryUrl).Flux().K3sServer("k8s-1").HostFiles())),
            Omit = LabSection.GitOps,
        }).Build(),
    };

    /// <summary>The range allocator's order: index i is the pool's base + i node CIDRs; none left when the set is full.</summary>
    private static IReadOnlyList<IPNetwork> Allocate(IPNetwork pool, int mask, int nodes)
    {
        var capacity = 1L << (mask - pool.PrefixLength);
        var size = System.Numerics.BigInteger.One << ((pool.BaseAddress.GetAddressBytes().Length * 8) - mask);
        var start = new System.Numerics.BigInteger(pool.BaseAddress.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        var result = new List<IPNetwork>();
        for (var i = 0; i < nodes && i < capacity; i++)
        {
            var bytes = (start + (size * i)).ToByteArray(isUnsigned: true, isBigEndian: true);
            var full = new byte[pool.BaseAddress.GetAddressBytes().Length];
            bytes.CopyTo(full, full.Length - bytes.Length);
            result.Add(new IPNetwork(new IPAddress(full), mask));
        }

        return result;
    }

    /// <summary>The K3s server config as written: the Rancher Cluster's machineGlobalConfig, else the server's config.yaml.</summary>
    private static JsonNode MachineConfig(IReadOnlyDictionary<string, string> files)
    {
        var cluster = files.Where(f => f.Key.StartsWith("rancher-local/cluster-", StringComparison.Ordinal)).Select(f => YamlText.Documents(f.Value).Single()!).SingleOrDefault();
        return cluster is not null
            ? cluster["spec"]!["rkeConfig"]!["machineGlobalConfig"]!
            : YamlText.Documents(files.First(f => f.Key.EndsWith("/etc/rancher/k3s/config.yaml", StringComparison.Ordinal)).Value).Single()!;
    }
}
