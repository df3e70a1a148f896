using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GitOps;
using GitOps.Topology;
using RouteFix.IntegrationTests.Bgp;
using RouteFix.NamespaceHarness;

namespace RouteFix.IntegrationTests;

/// <summary>
/// The sample's BGP peering, both sides as generated, in network namespaces: Debian's FRR on the router runs the
/// frr.conf the library writes for it (hosts/router/frr.conf), two nodes run Debian's BIRD 2 configured the way
/// calico-node configures it for the model (<see cref="CalicoNodeBirdConfig"/>). The router learns the nodes'
/// pod blocks (and refuses a route outside the pool), a pod's datagram to a LAN host gets its reply without NAT,
/// and stopping a node's BIRD withdraws its block. Needs root, iproute2, bird2 and frr (test.sh installs them).
/// </summary>
[Trait("Category", "Namespace")]
public sealed class BgpPeeringTests
{
    private static readonly TimeSpan RouteTimeout = TimeSpan.FromSeconds(45);

    [Fact]
    public void Router_learns_the_pod_blocks_pod_gets_its_reply_from_the_lan_and_a_stopped_node_is_withdrawn()
    {
        RequirePrerequisites();
        var watch = Stopwatch.StartNew();
        var lab = HomeLab.HomeLabModel.Build();
        var peering = lab.Calico.Peering ?? throw new InvalidOperationException("the sample must peer with its router");
        var router = Assert.Single(peering.Routers);
        var frrConf = System.Text.Encoding.UTF8.GetString(GitOps.Output.YamlRenderer.Render(
            LabGenerator.GenerateSet(lab).Files.Single(f => f.RelativePath == $"hosts/{router.Name}/frr.conf")).Content);

        var nodeNetwork = lab.Cluster.NodeNetwork.Subnet;
        var lanNetwork = lab.Networks.Single(n => n != lab.Cluster.NodeNetwork);
        var lanHost = Offset(lanNetwork.Subnet.BaseAddress, 50);
        IPAddress[] nodes = [Offset(nodeNetwork.BaseAddress, 101), Offset(nodeNetwork.BaseAddress, 102)]; // as DHCP gives them, listed nowhere on the router
        var pool = lab.Calico.Pool;
        IPNetwork[] blocks = [new(pool.Cidr.BaseAddress, pool.BlockSize), new(Offset(pool.Cidr.BaseAddress, 1 << (32 - pool.BlockSize)), pool.BlockSize)];
        var podAddress = Offset(blocks[0].BaseAddress, 5);
        var outsidePool = IPNetwork.Parse("10.99.0.0/16");

        using var bgp = BgpLab.Create(nodeNetwork, router.Address, lanNetwork.Subnet, lanNetwork.Gateway, lanHost, nodes, podAddress);
        bgp.StartFrr(frrConf);
        for (var i = 0; i < nodes.Length; i++)
        {
            var others = nodes.Where((_, j) => j != i).ToArray();
            // Node 1 also exports a route outside the pool, as a misconfigured node might: the router's filter must drop it.
            var conf = CalicoNodeBirdConfig.Render(lab, nodes[i], [blocks[i]], others, i == 0 ? [outsidePool] : []);
            bgp.StartBird(i + 1, conf);
        }

        // The router learns each node's block over BGP and installs it via the node network.
        foreach (var block in blocks)
        {
            Assert.True(LabNetwork.WaitUntil(() => RouterRoute(bgp, block) is not null, RouteTimeout),
                $"router has no BGP route to {block}.\n{Diagnostics(bgp)}");
        }

        Log($"router learned {string.Join(", ", blocks.Select(b => RouterRoute(bgp, b)))} after {watch.Elapsed.TotalSeconds:F1} s");
        // bgpd read every line of the generated file (FRR logs a rejected line as "... on config line N").
        Assert.DoesNotContain("config line", bgp.Bgpd!.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unknown command", bgp.Bgpd.Output, StringComparison.Ordinal);

        // Node 1 did send the route outside the pool; the router refused it.
        Assert.Contains(outsidePool.ToString(), bgp.Birdc(1, $"show route export Global_{router.Address.ToString().Replace('.', '_')}"), StringComparison.Ordinal);
        Assert.Null(RouterRoute(bgp, outsidePool));

        // The mesh: node 2 reaches node 1's block directly.
        Assert.True(LabNetwork.WaitUntil(() => Shell.Ip("-n", bgp.Node(2), "route", "show", blocks[0].ToString()).Contains($"via {nodes[0]}", StringComparison.Ordinal), RouteTimeout),
            $"node 2 has no mesh route to {blocks[0]}: {Shell.Ip("-n", bgp.Node(2), "route")}");

        // A datagram from the pod to the LAN host arrives with the pod's own address (no NAT), and the reply comes back.
        var (seenSource, reply) = Exchange(bgp, lanHost, 7001, TimeSpan.FromSeconds(10));
        Assert.Equal(podAddress, seenSource);
        Assert.Equal(lanHost, reply);

        // Withdraw node 1: its block leaves the router (node 2 relearned it over the mesh and withdraws it too).
        bgp.StopBird(1);
        var withdrawn = Stopwatch.StartNew();
        Assert.True(LabNetwork.WaitUntil(() => RouterRoute(bgp, blocks[0]) is null, RouteTimeout),
            $"router still routes {blocks[0]} after BIRD on node 1 stopped.\n{Diagnostics(bgp)}");
        Log($"{blocks[0]} withdrawn {withdrawn.Elapsed.TotalSeconds:F1} s after BIRD on node 1 stopped");
        // Node 2's block stays routed. The router may have chosen node 1's copy of it (node 1 re-advertises what it
        // learned over the mesh; CI run of 2026-12-06 saw "192.168.7.64/26 via <node 1>"), so it takes a moment to fall
        // back to node 2's own announcement: wait for it, as for every other route here.
        Assert.True(LabNetwork.WaitUntil(() => RouterRoute(bgp, blocks[1]) is not null, RouteTimeout),
            $"router lost {blocks[1]} (node 2's block) after BIRD on node 1 stopped.\n{Diagnostics(bgp)}");
        Log($"{blocks[1]} routed via {RouterRoute(bgp, blocks[1])} after node 1 stopped");

        // Now the LAN host still gets the pod's datagram, but its reply has no way back.
        var (sourceAfter, replyAfter) = Exchange(bgp, lanHost, 7002, TimeSpan.FromSeconds(3));
        Assert.Equal(podAddress, sourceAfter);
        Assert.Null(replyAfter);
        Log($"total {watch.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The router's kernel route for exactly <paramref name="prefix"/> installed by bgpd (via zebra), or null.</summary>
    private static string? RouterRoute(BgpLab bgp, IPNetwork prefix)
    {
        var line = Shell.Ip("-n", bgp.Router, "route", "show", "exact", prefix.ToString()).Trim();
        return line.Contains("proto bgp", StringComparison.Ordinal) ? line : null;
    }

    /// <summary>One UDP datagram pod → LAN host, echoed back by the LAN host: the source the LAN host saw and who replied (null: no reply in time).</summary>
    private static (IPAddress? Seen, IPAddress? Reply) Exchange(BgpLab bgp, IPAddress lanHost, int port, TimeSpan replyTimeout)
    {
        using var lan = InNamespace.Run(bgp.LanNetnsPath, () => Bound(new IPEndPoint(lanHost, port)));
        using var pod = InNamespace.Run(bgp.PodNetnsPath, () => Bound(new IPEndPoint(IPAddress.Any, 40000 + port % 1000)));
        lan.ReceiveTimeout = 10_000;
        pod.ReceiveTimeout = (int)replyTimeout.TotalMilliseconds;
        var echo = Task.Run(() =>
        {
            var buffer = new byte[64];
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            var length = lan.ReceiveFrom(buffer, ref from);
            lan.SendTo(buffer.AsSpan(0, length), from);
            return ((IPEndPoint)from).Address;
        });
        pod.SendTo("bgp test datagram"u8, new IPEndPoint(lanHost, port));
        var seen = echo.GetAwaiter().GetResult();
        try
        {
            var buffer = new byte[64];
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            pod.ReceiveFrom(buffer, ref from);
            return (seen, ((IPEndPoint)from).Address);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            return (seen, null);
        }
    }

    private static Socket Bound(IPEndPoint endpoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(endpoint);
        return socket;
    }

    private static string Diagnostics(BgpLab bgp) =>
        $"router routes:\n{Shell.Ip("-n", bgp.Router, "route")}\nbgp summary:\n{bgp.Vtysh("show bgp summary")}\n" +
        $"bgpd:\n{bgp.Bgpd?.Output}\nnode 1 BIRD protocols:\n{bgp.Birdc(1, "show protocols all")}\n" +
        $"bird n1:\n{bgp.Birds.GetValueOrDefault(1)?.Output}";

    private static IPAddress Offset(IPAddress address, int offset)
    {
        var bytes = address.GetAddressBytes();
        var value = ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3]) + (uint)offset;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }

    private static void Log(string line) => NamespaceTest.Log(line);

    /// <summary>Skips with the reason when something is missing; with GITOPS_REQUIRE_NAMESPACE_TESTS=1 fails instead.</summary>
    private static void RequirePrerequisites()
    {
        var problems = new List<string>();
        if (!OperatingSystem.IsLinux())
        {
            problems.Add("network namespaces need Linux");
        }
        else
        {
            if (!Environment.IsPrivilegedProcess)
            {
                problems.Add("not root (namespaces, veths and setns need CAP_NET_ADMIN and CAP_SYS_ADMIN)");
            }

            foreach (var (tool, package) in new[] { ("ip", "iproute2"), ("bird", "bird2"), ("birdc", "bird2"), ("vtysh", "frr") })
            {
                if (Shell.Which(tool) is null)
                {
                    problems.Add($"{tool} missing (apt-get install {package})");
                }
            }

            foreach (var daemon in new[] { "zebra", "bgpd" })
            {
                if (!File.Exists(Path.Combine(BgpLab.FrrBinaries, daemon)))
                {
                    problems.Add($"{BgpLab.FrrBinaries}/{daemon} missing (apt-get install frr)");
                }
            }

            if (Shell.Run("id", "-u", "frr").ExitCode != 0)
            {
                problems.Add("user frr missing (apt-get install frr creates it)");
            }
        }

        if (problems.Count == 0)
        {
            return;
        }

        var missing = string.Join("; ", problems);
        if (Prerequisites.Required)
        {
            Assert.Fail($"{Prerequisites.RequireVariable}=1 but a BGP namespace test prerequisite is missing: {missing}");
        }

        Assert.Skip("BGP namespace test prerequisites missing: " + missing);
    }
}
