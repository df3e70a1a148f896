using System.Net;
using System.Text.Json.Nodes;
using GitOps.Cni;
using GitOps.Topology;
using GitOps.TestSupport;
using GitOps.Workloads;
using k8s.Models;
using RouteFix.NamespaceHarness;

namespace RouteFix.IntegrationTests;

/// <summary>
/// Issue 17: a workload's own address and MAC, as Multus passes them. The test reads the network-selection annotation
/// the library writes on the pod template and turns its <c>ips</c>/<c>mac</c> into capability args as Multus does
/// (multus-cni pkg/types/conf.go); the executor injects them into the <c>runtimeConfig</c> of the plugins that declare
/// them, as libcni does. The NAD's conflist (bridge + static IPAM with the ips capability, tuning with mac, route-fix)
/// runs through Debian's reference plugins and the published route-fix in namespaces lan/node/pod.
/// </summary>
[Trait("Category", "Namespace")]
public sealed class PodSelectionChainTests
{
    [Fact]
    public void The_pod_gets_the_address_and_mac_its_network_selection_names()
    {
        NamespaceTest.RequirePrerequisites();
        using var net = LabNetwork.Create("cni0", dhcp: false);
        var lab = FixedAddressLab.Build();

        var template = new V1PodTemplateSpec();
        var workload = lab.Workloads.Single();
        WorkloadEmitter.AttachTo(template, workload.Attachments, workload.Selections);
        var selection = JsonNode.Parse(template.Metadata.Annotations["k8s.v1.cni.cncf.io/networks"])!.AsArray().Single()!.AsObject();
        Assert.Equal(("fixed", "default"), ((string?)selection["name"], (string?)selection["namespace"]));

        var executor = new ConflistExecutor(
            LayerTwoConflist.Build(lab, lab.Attachments.Single()).ToJson(),
            [Path.GetDirectoryName(RouteFixBinary.Path)!, Prerequisites.PluginDirectory],
            _ => ["ip", "netns", "exec", net.Node])
        {
            CapabilityArgs = new Dictionary<string, JsonNode> { ["ips"] = selection["ips"]!.DeepClone(), ["mac"] = selection["mac"]!.DeepClone() },
        };
        Assert.Equal(["bridge", "tuning", "route-fix"], executor.Plugins.Select(p => (string?)p["type"]));
        var invocation = new CniInvocation("c0ffee" + net.Suffix, net.PodNetnsPath, "net1",
            $"IgnoreUnknown=1;K8S_POD_NAMESPACE=smarthome;K8S_POD_NAME=esphome-{net.Suffix};K8S_POD_INFRA_CONTAINER_ID=c0ffee{net.Suffix}");
        var result = executor.Add(invocation);
        try
        {
            Assert.Equal("192.168.2.50/24", (string?)result["ips"]!.AsArray().Single()!["address"]);
            var link = Shell.Ip("-n", net.Pod, "link", "show", "net1");
            NamespaceTest.Log(link);
            Assert.Contains("link/ether 02:00:00:00:00:32 ", link, StringComparison.Ordinal);
            Assert.Contains("inet 192.168.2.50/24", Shell.Ip("-n", net.Pod, "-4", "addr", "show", "net1"), StringComparison.Ordinal);

            // A unicast datagram to the router arrives from that address, and the router learns that MAC for it
            // (from the pod's ARP request); multicast leaves net1 from it too (route-fix after tuning).
            using var lan = PacketCapture.Start(net.Lan, net.LanDevice);
            var port = Random.Shared.Next(40000, 60000);
            // net1 has just been taken down and up by tuning (its MAC): under load the first multicast datagram can be
            // dropped before the kernel's link watch activates the device (the unicast one waits in ARP and survives), so
            // the datagrams are sent again, as mDNS itself repeats, until both have been seen; each must come from the
            // selected address. A missing route or a wrong source still fails every attempt.
            string[] expected = [$"192.168.2.50:{port} > 192.168.2.1:9", $"192.168.2.50:{port} > 224.0.0.251:5353"];
            var seen = new SortedSet<string>(StringComparer.Ordinal);
            for (var attempt = 0; attempt < 5 && seen.Count < expected.Length; attempt++)
            {
                Datagrams.Send(net.PodNetnsPath, port, [new IPEndPoint(LabNetwork.RouterAddress, 9), new IPEndPoint(IPAddress.Parse("224.0.0.251"), 5353)]);
                seen.UnionWith(lan.WaitFor(d => d.SourcePort == port, expected.Length, TimeSpan.FromSeconds(2)).Select(d => d.ToString()));
            }

            Assert.Equal(expected.Order(StringComparer.Ordinal), seen);
            Assert.Contains("lladdr 02:00:00:00:00:32", Shell.Ip("-n", net.Lan, "neigh", "show", "192.168.2.50"), StringComparison.Ordinal);
        }
        finally
        {
            executor.Del(invocation, result);
            foreach (var run in executor.Runs)
            {
                NamespaceTest.Log($"{run.Type} {run.Command}: {run.Elapsed.TotalMilliseconds:F0} ms");
            }
        }

        Assert.DoesNotContain("net1", Shell.Ip("-n", net.Pod, "-o", "link", "show"), StringComparison.Ordinal);
    }
}
