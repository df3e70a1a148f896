using GitOps.Topology;
using k8s.Models;

namespace GitOps.Multus;

/// <summary>
/// The thick-plugin <c>kube-multus-ds</c>: upstream's <c>deployments/multus-daemonset-thick.yml</c> (master after
/// v4.3.0) with these changes, each derived from the lab: the pinned image (tag from the model instead of
/// <c>snapshot-thick</c>) and the node's CNI dirs (conf dir as the <c>cni</c> hostPath; bin dir as the
/// <c>cnibin</c> hostPath and, because multus-daemon needs the same path inside the pod as on the host,
/// also as its mountPath). Every command path exists in both v4 images (<c>/usr/src/multus-cni/bin</c>,
/// multus-cni <c>images/Dockerfile.thick</c>, <c>hack/build-go.sh</c>).
/// <para>Two changes of the library's own (issue 21, docs/multus.md "Start-up gap"):</para>
/// <list type="bullet">
/// <item>A readiness probe: the pod is Ready only while <c>00-multus.conf</c> exists. multus-daemon v4.3.0 writes it
/// after its socket is up and removes it when its context ends, at once on SIGTERM (multus-cni
/// <c>cmd/multus-daemon/main.go</c>, <c>pkg/server/config/manager.go</c> <c>Start</c>); upstream's manifest has no
/// probe, and the <c>/readyz</c> endpoint of master after v4.3.0 (commit 47ca9dfd9) is served on the daemon's
/// unix socket, which an HTTP probe cannot reach. The probe is an exec of <c>/usr/bin/test</c> (coreutils,
/// Essential in the image's <c>debian:stable-slim</c> base).</item>
/// <item>Guaranteed QoS: request = limit on both containers, from <see cref="MultusSettings.DaemonCpu"/> and
/// <see cref="MultusSettings.DaemonMemory"/>. Upstream gives the init container requests only, which makes the pod
/// Burstable (oom_score_adj 999 instead of -997: multus-cni #1160), and a 50Mi limit that OOMs (#1349).</item>
/// </list>
/// </summary>
internal static class MultusThickDaemonSet
{
    public const string DaemonBinary = "/usr/src/multus-cni/bin/multus-daemon";
    public const string Installer = "/usr/src/multus-cni/bin/install_multus";

    /// <summary>The readiness probe's command: true while the daemon's conf file exists in the host's conf dir (mounted at <see cref="MultusDefaults.HostConfMountPath"/>).</summary>
    public static IList<string> ReadinessCommand(Lab lab) =>
        ["/usr/bin/test", "-f", $"{MultusDefaults.HostConfMountPath}/{lab.Multus.ConfFileName}"];

    /// <summary>Seconds between probes: a restarted daemon is seen Ready within this of writing its conf.</summary>
    public const int ReadinessPeriodSeconds = 5;

    public static V1DaemonSet Build(Lab lab)
    {
        var image = MultusDefaults.Image(lab.Multus);
        var binDir = lab.Cluster.CniBinDir;
        return MultusDefaults.DaemonSet(new V1PodSpec
        {
                HostNetwork = true,
                HostPID = true,
                Tolerations =
                [
                    new V1Toleration { OperatorProperty = "Exists", Effect = "NoSchedule" },
                    new V1Toleration { OperatorProperty = "Exists", Effect = "NoExecute" },
                ],
                ServiceAccountName = MultusDefaults.Name,
                Containers =
                [
                    new V1Container
                    {
                        Name = "kube-multus",
                        Image = image,
                        Command = [DaemonBinary],
                        Resources = MultusDaemonSet.Resources(lab.Multus.DaemonCpu, lab.Multus.DaemonMemory, withLimits: true),
                        ReadinessProbe = new V1Probe
                        {
                            Exec = new V1ExecAction { Command = ReadinessCommand(lab) },
                            PeriodSeconds = ReadinessPeriodSeconds,
                        },
                        SecurityContext = new V1SecurityContext { Privileged = true },
                        TerminationMessagePolicy = "FallbackToLogsOnError",
                        VolumeMounts =
                        [
                            new V1VolumeMount { Name = "cni", MountPath = MultusDefaults.HostConfMountPath },
                            new V1VolumeMount { Name = "cnibin", MountPath = binDir },
                            new V1VolumeMount { Name = "host-run", MountPath = "/host/run" },
                            new V1VolumeMount { Name = "host-var-lib-cni-multus", MountPath = "/var/lib/cni/multus" },
                            new V1VolumeMount { Name = "host-var-lib-kubelet", MountPath = "/var/lib/kubelet", MountPropagation = "HostToContainer" },
                            new V1VolumeMount { Name = "host-run-k8s-cni-cncf-io", MountPath = "/run/k8s.cni.cncf.io" },
                            new V1VolumeMount { Name = "host-run-netns", MountPath = "/run/netns", MountPropagation = "HostToContainer" },
                            new V1VolumeMount { Name = "multus-daemon-config", MountPath = MultusDefaults.DaemonConfigMountPath, ReadOnlyProperty = true },
                            new V1VolumeMount { Name = "hostroot", MountPath = MultusDefaults.HostRootMountPath, MountPropagation = "HostToContainer" },
                            new V1VolumeMount { Name = "multus-conf-dir", MountPath = "/etc/cni/multus/net.d" },
                        ],
                        Env =
                        [
                            new V1EnvVar { Name = "MULTUS_NODE_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "spec.nodeName" } } },
                        ],
                    },
                ],
                InitContainers =
                [
                    new V1Container
                    {
                        Name = "install-multus-binary",
                        Image = image,
                        Command = [Installer, "-d", MultusDefaults.HostBinMountPath, "-t", "thick"],
                        Resources = MultusDaemonSet.Resources(lab.Multus.DaemonCpu, lab.Multus.DaemonMemory, withLimits: true),
                        SecurityContext = new V1SecurityContext { Privileged = true },
                        TerminationMessagePolicy = "FallbackToLogsOnError",
                        VolumeMounts = [new V1VolumeMount { Name = "cnibin", MountPath = MultusDefaults.HostBinMountPath, MountPropagation = "Bidirectional" }],
                    },
                ],
                TerminationGracePeriodSeconds = 30,
                Volumes =
                [
                    new V1Volume { Name = "cni", HostPath = new V1HostPathVolumeSource { Path = lab.Cluster.CniConfDir } },
                    new V1Volume { Name = "cnibin", HostPath = new V1HostPathVolumeSource { Path = binDir } },
                    new V1Volume { Name = "hostroot", HostPath = new V1HostPathVolumeSource { Path = "/" } },
                    new V1Volume
                    {
                        Name = "multus-daemon-config",
                        ConfigMap = new V1ConfigMapVolumeSource
                        {
                            Name = MultusDefaults.DaemonConfigMapName,
                            Items = [new V1KeyToPath { Key = MultusDefaults.DaemonConfigKey, Path = MultusDefaults.DaemonConfigKey }],
                        },
                    },
                    new V1Volume { Name = "host-run", HostPath = new V1HostPathVolumeSource { Path = "/run" } },
                    new V1Volume { Name = "host-var-lib-cni-multus", HostPath = new V1HostPathVolumeSource { Path = "/var/lib/cni/multus" } },
                    new V1Volume { Name = "host-var-lib-kubelet", HostPath = new V1HostPathVolumeSource { Path = "/var/lib/kubelet" } },
                    new V1Volume { Name = "host-run-k8s-cni-cncf-io", HostPath = new V1HostPathVolumeSource { Path = "/run/k8s.cni.cncf.io" } },
                    new V1Volume { Name = "host-run-netns", HostPath = new V1HostPathVolumeSource { Path = "/run/netns/" } },
                    new V1Volume { Name = "multus-conf-dir", HostPath = new V1HostPathVolumeSource { Path = "/etc/cni/multus/net.d" } },
                ],
        });
    }
}
