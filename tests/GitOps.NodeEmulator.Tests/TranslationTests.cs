using System.Text.Json.Nodes;

namespace GitOps.NodeEmulator.Tests;

/// <summary>The pod spec → OCI runtime spec translation, checked without running anything.</summary>
public sealed class TranslationTests
{
    private static readonly PodContext HostNetworkPod = new("p", "kube-system", "/run/netns/node", HostNetwork: true, HostPid: false, "node-1",
        new Dictionary<string, ResolvedVolume> { ["socket"] = new("/tmp/host/run/cni", false), ["cm"] = new("/tmp/cm", true) }, []);

    private static JsonObject Container(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void A_field_the_emulator_does_not_translate_fails_naming_it()
    {
        var spec = JsonNode.Parse("""
            {"containers":[{"name":"c","image":"x","lifecycle":{"preStop":{}},"env":[{"name":"A","valueFrom":{}}]}],
             "dnsPolicy":"ClusterFirstWithHostNet","volumes":[{"name":"s","secret":{"secretName":"s"}}]}
            """)!.AsObject();
        Assert.Equal(["spec.dnsPolicy", "spec.containers[0].lifecycle", "spec.containers[0].env[0].valueFrom", "spec.volumes[0].secret"], PodSpecFields.Untranslated(spec));
    }

    [Fact]
    public void Only_the_node_name_and_namespace_come_from_the_downward_api_and_only_exec_probes_are_translated()
    {
        var spec = JsonNode.Parse("""
            {"containers":[{"name":"c","image":"x",
              "env":[{"name":"N","valueFrom":{"fieldRef":{"fieldPath":"spec.nodeName"}}},{"name":"W","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}},{"name":"P","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}},{"name":"S","valueFrom":{"secretKeyRef":{"name":"s","key":"k"}}}],
              "readinessProbe":{"exec":{"command":["/usr/bin/test","-f","/x"]},"periodSeconds":5},
              "livenessProbe":{"httpGet":{"port":8080}}},
             {"name":"d","image":"x","readinessProbe":{"httpGet":{"port":8080}}}]}
            """)!.AsObject();
        Assert.Equal(
            ["spec.containers[0].livenessProbe", "spec.containers[0].env[2].valueFrom.fieldRef.fieldPath=status.podIP", "spec.containers[0].env[3].valueFrom.secretKeyRef", "spec.containers[1].readinessProbe.httpGet"],
            PodSpecFields.Untranslated(spec));
    }

    [Fact]
    public void Drop_all_add_net_admin_run_as_root_read_only_root_no_new_privileges()
    {
        var spec = OciSpec.Build(Container("""
            {"name":"d","image":"x","command":["/bin/sh","-c","true"],
             "securityContext":{"runAsUser":0,"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true,"capabilities":{"drop":["ALL"],"add":["NET_ADMIN","SYS_ADMIN"]}},
             "volumeMounts":[{"name":"socket","mountPath":"/host/run/cni"},{"name":"cm","mountPath":"/etc/x","subPath":"a"}]}
            """), StandInImages.CniPlugins, "/rootfs", HostNetworkPod);
        Assert.Equal(["CAP_NET_ADMIN", "CAP_SYS_ADMIN"], spec["process"]!["capabilities"]!["effective"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(spec["process"]!["noNewPrivileges"]!.GetValue<bool>());
        Assert.True(spec["root"]!["readonly"]!.GetValue<bool>());
        Assert.Null(spec["hostname"]);
        Assert.Equal("/run/netns/node", spec["linux"]!["namespaces"]!.AsArray().Single(n => n!["type"]!.GetValue<string>() == "network")!["path"]!.GetValue<string>());
        var mounts = spec["mounts"]!.AsArray().Select(m => m!.AsObject()).ToList();
        var socket = mounts.Single(m => m["destination"]!.GetValue<string>() == "/host/run/cni");
        Assert.Equal("/tmp/host/run/cni", socket["source"]!.GetValue<string>());
        Assert.Equal(["rbind", "rprivate", "rw"], socket["options"]!.AsArray().Select(n => n!.GetValue<string>()));
        var config = mounts.Single(m => m["destination"]!.GetValue<string>() == "/etc/x");
        Assert.Equal("/tmp/cm/a", config["source"]!.GetValue<string>());
        Assert.Contains("ro", config["options"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Null(spec["linux"]!["seccomp"]);
    }

    [Fact]
    public void Runtime_default_seccomp_denies_mount_without_sys_admin_and_non_root_user_from_the_image()
    {
        var spec = OciSpec.Build(Container("""
            {"name":"pause","image":"registry.k8s.io/pause:3.10","securityContext":{"runAsNonRoot":true,"capabilities":{"drop":["ALL"]},"seccompProfile":{"type":"RuntimeDefault"}},
             "resources":{"limits":{"memory":"8Mi"},"requests":{"cpu":"1m"}}}
            """), StandInImages.Pause, "/rootfs", HostNetworkPod);
        Assert.Equal(65535, spec["process"]!["user"]!["uid"]!.GetValue<long>());
        Assert.Equal(["/pause"], spec["process"]!["args"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(spec["process"]!["capabilities"]!["bounding"]!.AsArray());
        var denied = spec["linux"]!["seccomp"]!["syscalls"]![0]!["names"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("mount", denied);
        Assert.Contains("setns", denied);
        Assert.Equal(8L << 20, spec["linux"]!["resources"]!["memory"]!["limit"]!.GetValue<long>());
        Assert.Equal(2, spec["linux"]!["resources"]!["cpu"]!["shares"]!.GetValue<long>());
    }

    [Fact]
    public void Run_as_non_root_with_uid_zero_is_refused_like_kubelet() =>
        Assert.Contains("runAsNonRoot", Assert.Throws<InvalidOperationException>(() => OciSpec.Build(
            Container("""{"name":"c","image":"x","securityContext":{"runAsNonRoot":true,"runAsUser":0}}"""), StandInImages.CniPlugins, "/r", HostNetworkPod)).Message, StringComparison.Ordinal);

    [Fact]
    public void Bidirectional_propagation_needs_privileged() =>
        Assert.Contains("privileged", Assert.Throws<InvalidOperationException>(() => OciSpec.Build(
            Container("""{"name":"c","image":"x","volumeMounts":[{"name":"socket","mountPath":"/x","mountPropagation":"Bidirectional"}]}"""), StandInImages.CniPlugins, "/r", HostNetworkPod)).Message, StringComparison.Ordinal);

    [Fact]
    public void Stand_in_table_covers_the_librarys_default_node_agent_images()
    {
        Assert.NotNull(StandInImages.Find(GitOps.Topology.NodeAgentSettings.DefaultPluginsImage));
        Assert.NotNull(StandInImages.Find(GitOps.Topology.NodeAgentSettings.DefaultPauseImage));
        Assert.Same(StandInImages.RouteFix, StandInImages.Find(GitOps.Topology.NodeAgentSettings.DefaultRouteFixImage));
    }
}
