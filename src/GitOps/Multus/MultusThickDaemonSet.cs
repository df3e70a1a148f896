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
/// </summary>
internal static class MultusThickDaemonSet
{
    public const string DaemonBinary = "/usr/src/multus-cni/bin/multus-daemon";
    public const string Installer = "/usr/src/multus-cni/bin/install_multus";

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
                        Resources = MultusDaemonSet.Resources("100m", "50Mi", withLimits: true),
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
                        Resources = MultusDaemonSet.Resources("10m", "15Mi", withLimits: false),
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
