namespace GitOps.NodeEmulator.Tests;

/// <summary>The emulator scenario (see NodeScenario) for each lab; root and the Debian packages of test.sh.</summary>
[Trait("Category", "Namespace")]
public sealed class NodeScenarioTests
{
    [Fact]
    public void HomeLab_node_agent_pods_install_serve_and_survive_a_daemon_kill()
    {
        Emulator.RequirePrerequisites();
        new NodeScenario(Labs.HomeLab()).Run();
    }

    [Fact]
    public void SecondLab_other_bridge_custom_socket_two_attachments()
    {
        Emulator.RequirePrerequisites();
        new NodeScenario(Labs.SecondLab()).Run();
    }
}

/// <summary>What the emulator catches: a node whose glibc is older than route-fix's floor, and the old dhcp daemon spec.</summary>
[Trait("Category", "Namespace")]
public sealed class NodeRefusalTests
{
    [Fact]
    public void Installer_pod_on_a_node_with_an_older_glibc_fails_with_the_reason_and_installs_nothing()
    {
        Emulator.RequirePrerequisites();
        using var net = RouteFix.NamespaceHarness.LabNetwork.Create("cni0", dhcp: false);
        using var node = EmulatedNode.Create("old-node", net.Node, () => RouteFixImage.Archive);
        File.WriteAllText(node.HostPath("/usr/bin/ldd"), "#! /bin/bash\necho 'ldd (Debian GLIBC 2.31-13+deb11u11) 2.31'\n");
        var objects = EmittedManifests.Of(Labs.HomeLab());
        var installer = objects.Single(o => o.Kind == "DaemonSet" && o.Name == NodeAgent.NodeAgentEmitter.InstallerName).Object;
        var failure = Assert.Throws<PodFailedException>(() => node.RunPod(installer, objects.Select(o => o.Object).ToList()));
        Emulator.Log(failure.Message);
        Assert.Contains("init container install-route-fix exited 1", failure.Message, StringComparison.Ordinal);
        Assert.Contains("refusing: the host's glibc is 2.31", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(node.HostPath("/opt/cni/bin")));
    }

    /// <summary>The dhcp daemon container as emitted before issue 9 (socket dir at /run/cni, no stale-socket removal) fails in the emulator.</summary>
    [Fact]
    public void The_old_dhcp_daemon_spec_crashes_as_the_issue_said()
    {
        Emulator.RequirePrerequisites();
        using var net = RouteFix.NamespaceHarness.LabNetwork.Create("cni0", dhcp: false);
        using var node = EmulatedNode.Create("k8s-1", net.Node, () => RouteFixImage.Archive);
        var objects = EmittedManifests.Of(Labs.HomeLab());
        var daemon = objects.Single(o => o.Kind == "DaemonSet" && o.Name == NodeAgent.NodeAgentEmitter.DhcpDaemonName).Object.DeepClone().AsObject();
        var container = daemon["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
        container["command"] = new System.Text.Json.Nodes.JsonArray("/opt/cni/bin/dhcp", "daemon", "-hostprefix", "/host", "-socketpath", "/run/cni/dhcp.sock");
        container["volumeMounts"]![0]!["mountPath"] = "/run/cni";
        var pod = node.RunPod(daemon, objects.Select(o => o.Object).ToList());
        Assert.True(RouteFix.NamespaceHarness.LabNetwork.WaitUntil(() => pod.Container("dhcp-daemon").HasExited, TimeSpan.FromSeconds(15)));
        Emulator.Log(pod.Container("dhcp-daemon").Output);
        Assert.Contains("Error getting listener: mkdir /host/run/cni: read-only file system", pod.Container("dhcp-daemon").Output, StringComparison.Ordinal);
        Assert.False(File.Exists(node.HostPath("/run/cni/dhcp.sock")));
    }

    /// <summary>Without the stale-socket removal in its command, the daemon restarted after a SIGKILL cannot listen again.</summary>
    [Fact]
    public void Without_removing_the_stale_socket_the_restarted_daemon_fails()
    {
        Emulator.RequirePrerequisites();
        using var net = RouteFix.NamespaceHarness.LabNetwork.Create("cni0", dhcp: false);
        using var node = EmulatedNode.Create("k8s-1", net.Node, () => RouteFixImage.Archive);
        var objects = EmittedManifests.Of(Labs.HomeLab());
        var daemon = objects.Single(o => o.Kind == "DaemonSet" && o.Name == NodeAgent.NodeAgentEmitter.DhcpDaemonName).Object.DeepClone().AsObject();
        var container = daemon["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
        var command = container["command"]![2]!.GetValue<string>();
        Assert.StartsWith("rm -f /host/run/cni/dhcp.sock && exec ", command, StringComparison.Ordinal);
        container["command"]![2] = command["rm -f /host/run/cni/dhcp.sock && ".Length..];
        var pod = node.RunPod(daemon, objects.Select(o => o.Object).ToList());
        Assert.True(RouteFix.NamespaceHarness.LabNetwork.WaitUntil(() => File.Exists(node.HostPath("/run/cni/dhcp.sock")), TimeSpan.FromSeconds(15)), pod.Container("dhcp-daemon").Output);
        Assert.Equal(137, pod.Kill("dhcp-daemon"));
        pod.RestartContainer("dhcp-daemon");
        Assert.True(RouteFix.NamespaceHarness.LabNetwork.WaitUntil(() => pod.Container("dhcp-daemon").HasExited, TimeSpan.FromSeconds(15)));
        Emulator.Log(pod.Container("dhcp-daemon").Output);
        Assert.Contains("address already in use", pod.Container("dhcp-daemon").Output, StringComparison.Ordinal);
    }
}
