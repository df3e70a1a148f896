using System.Text.Json.Nodes;
using GitOps.Topology;
using RouteFix.NamespaceHarness;

namespace GitOps.NodeEmulator.Tests;

/// <summary>
/// Issue 21: the thick Multus daemon pod must not be Ready until its <c>00-multus.conf</c> exists, and not after it is
/// gone (multus-daemon v4.3.0 removes it on SIGTERM). The emitted DaemonSet runs on an emulated node with the thick
/// stand-in image (StandInImages.MultusThick: the Go binaries are not there, so the test writes and removes the conf
/// on the host where the daemon would), and the emitted exec readiness probe runs inside the container through
/// <c>runc exec</c>, as kubelet's ExecSync would.
/// </summary>
[Trait("Category", "Namespace")]
public sealed class MultusThickReadinessTests
{
    /// <summary>The second lab with the library's default Multus: v4.3.0 thick.</summary>
    public static Lab ThickLab() => Lab.Create("thick-lab")
        .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1").Untagged().HostAddressing(Addressing.Dhcp))
        .Network("k8s", n => n.Vlan(30).Subnet("10.30.0.0/24").Gateway("10.30.0.1"))
        .Node("node-a", n => n.Interface("enp1s0", "lan", i => i.Bridge("br-lan")).Interface("enp2s0", "k8s"))
        .Cluster("thick", c => c.NodeNetwork("k8s"))
        .Calico(c => c.IPPool("10.244.0.0/16", blockSize: 26).NatOutgoingTraffic())
        .Attachment("default/lan-dhcp", a => a.Network("lan").Bridge("br-lan").Dhcp(d => d.ProvidePodName()).RouteFix())
        .Workload("smarthome/homeassistant", w => w.Image("ghcr.io/home-assistant/home-assistant:2025.11").Attach("default/lan-dhcp"))
        .Build();

    [Fact]
    public void The_daemon_pod_is_ready_only_while_its_conf_file_exists()
    {
        Emulator.RequirePrerequisites();
        var objects = EmittedManifests.Of(ThickLab());
        var daemonSet = objects.Single(o => o.Kind == "DaemonSet" && o.Name == "kube-multus-ds").Object;
        Assert.Empty(PodSpecFields.Untranslated(daemonSet["spec"]!["template"]!["spec"]!.AsObject()));

        using var net = LabNetwork.Create("br-lan", dhcp: false);
        using var node = EmulatedNode.Create("node-a", net.Node, () => RouteFixImage.Archive);
        var pod = node.RunPod(daemonSet, objects.Select(o => o.Object).ToList());
        Assert.Equal(0, Assert.Single(pod.InitContainers).ExitCode);
        WaitRunning(node, pod, "kube-multus");
        var conf = node.HostPath("/etc/cni/net.d/00-multus.conf");

        // Started, no conf yet (the real daemon is still waiting for Calico's conflist, up to 120 s): not Ready.
        var before = pod.ReadinessProbe("kube-multus");
        Emulator.Log($"before: {string.Join(' ', before.Command)} → exit {before.ExitCode} in {before.Elapsed.TotalMilliseconds:F0} ms {before.Output}");
        Assert.False(before.Success);
        Assert.Equal(1, before.ExitCode); // test's "false", not a runc error
        Assert.Equal("", before.Output);

        // multus-daemon writes its conf (PersistMultusConfig): Ready.
        File.WriteAllText(conf, """{"cniVersion":"0.3.1","name":"multus-cni-network","type":"multus-shim","logLevel":"verbose","logToStderr":true}""");
        var after = pod.ReadinessProbe("kube-multus");
        Emulator.Log($"after: exit {after.ExitCode} in {after.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(after.Success, after.Output);

        // SIGTERM: the daemon removes its conf as its context ends (manager.go Start: os.Remove): not Ready again.
        File.Delete(conf);
        var removed = pod.ReadinessProbe("kube-multus");
        Assert.False(removed.Success);
        Assert.Equal(1, removed.ExitCode);

        // Guaranteed resources reached the runtime: 256Mi as the memory limit of both containers.
        Assert.All(pod.Specs.Values, spec => Assert.Equal(256L * 1024 * 1024, spec["linux"]!["resources"]!["memory"]!["limit"]!.GetValue<long>()));
    }

    /// <summary>A probe on the HOST path (not where the pod mounts the conf dir) never gets Ready: the emulator catches it.</summary>
    [Fact]
    public void A_probe_on_the_host_path_instead_of_the_mount_never_gets_ready()
    {
        Emulator.RequirePrerequisites();
        var objects = EmittedManifests.Of(ThickLab());
        var daemonSet = objects.Single(o => o.Kind == "DaemonSet" && o.Name == "kube-multus-ds").Object.DeepClone().AsObject();
        var container = daemonSet["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
        container["readinessProbe"]!["exec"]!["command"] = new JsonArray("/usr/bin/test", "-f", "/etc/cni/net.d/00-multus.conf");

        using var net = LabNetwork.Create("br-lan", dhcp: false);
        using var node = EmulatedNode.Create("node-a", net.Node, () => RouteFixImage.Archive);
        var pod = node.RunPod(daemonSet, objects.Select(o => o.Object).ToList());
        WaitRunning(node, pod, "kube-multus");
        File.WriteAllText(node.HostPath("/etc/cni/net.d/00-multus.conf"), "{}");
        var result = pod.ReadinessProbe("kube-multus");
        Assert.False(result.Success);
        Assert.Equal(1, result.ExitCode);
    }

    private static void WaitRunning(EmulatedNode node, PodRun pod, string container) =>
        Assert.True(LabNetwork.WaitUntil(
            () => Shell.Run("runc", "--root", node.RuncRoot, "state", pod.ContainerId(container)).Stdout.Contains("\"status\": \"running\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20)), pod.Container(container).Output);
}
