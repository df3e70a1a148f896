using RouteFix.NamespaceHarness;

namespace GitOps.NodeEmulator.Tests;

/// <summary>
/// Issue 17: the emitted whereabouts DaemonSet runs as written on an emulated node (stand-in image
/// StandInImages.Whereabouts): its command sources the install script, which puts the <c>whereabouts</c> binary into
/// the HOST's /opt/cni/bin through the pod's hostPath mount (where every NAD's chain finds its IPAM) and makes the
/// host's /etc/cni/net.d/whereabouts.d; then the container keeps running the reconciler. The binary itself is a
/// stand-in: no allocation is proven here.
/// </summary>
[Trait("Category", "Namespace")]
public sealed class WhereaboutsDaemonSetTests
{
    [Fact]
    public void The_daemon_pod_installs_the_whereabouts_binary_on_the_host_and_keeps_running()
    {
        Emulator.RequirePrerequisites();
        var objects = EmittedManifests.Of(Labs.WhereaboutsLab());
        var daemonSet = objects.Single(o => o.Kind == "DaemonSet" && o.Name == "whereabouts").Object;
        Assert.Empty(PodSpecFields.Untranslated(daemonSet["spec"]!["template"]!["spec"]!.AsObject()));

        using var net = LabNetwork.Create("br-lan", dhcp: false);
        using var node = EmulatedNode.Create("node-a", net.Node, () => RouteFixImage.Archive);
        var binary = node.HostPath("/opt/cni/bin/whereabouts");
        Assert.False(File.Exists(binary));
        var pod = node.RunPod(daemonSet, objects.Select(o => o.Object).ToList());

        Assert.True(LabNetwork.WaitUntil(() => File.Exists(binary), TimeSpan.FromSeconds(20)), pod.Container("whereabouts").Output);
        Assert.True(LabNetwork.WaitUntil(
            () => Shell.Run("runc", "--root", node.RuncRoot, "state", pod.ContainerId("whereabouts")).Stdout.Contains("\"status\": \"running\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20)), pod.Container("whereabouts").Output);
        Assert.True(Directory.Exists(node.HostPath("/etc/cni/net.d/whereabouts.d")));
        Assert.True(File.GetUnixFileMode(binary).HasFlag(UnixFileMode.UserExecute));
        Assert.Contains("node-emulator stand-in for the whereabouts IPAM binary", File.ReadAllText(binary), StringComparison.Ordinal);
        // The env the reconciler reads: the node's name and the pod's namespace from the downward API.
        var env = pod.Specs.Values.Single()["process"]!["env"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains("NODENAME=node-a", env);
        Assert.Contains("WHEREABOUTS_NAMESPACE=kube-system", env);
    }
}
