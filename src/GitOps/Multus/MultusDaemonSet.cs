using GitOps.Topology;
using k8s.Models;

namespace GitOps.Multus;

/// <summary>
/// The thin-plugin <c>kube-multus-ds</c> DaemonSet: upstream's quick-start DaemonSet for the release line, with
/// the blog's changes: a pinned image, and the conf file name used in both places that must agree. The
/// commands exist in the image of that line (v3: <c>/entrypoint.sh</c> and <c>cp</c> from python:slim; v4:
/// <c>/thin_entrypoint</c>, <c>/install_multus</c> in a distroless image), which GITOPS150 guarantees.
/// </summary>
internal static class MultusDaemonSet
{
    public static V1DaemonSet Build(Lab lab)
    {
        var multus = lab.Multus;
        var image = MultusDefaults.Image(multus);
        var v3 = multus.Version == MultusVersion.V3;
        var confFileArg = $"--multus-conf-file={MultusDefaults.ConfigMountPath}/{multus.ConfFileName}";
        string[] args = v3
            ? [confFileArg, $"--cni-version={multus.CniVersion}"]
            : [confFileArg, $"--multus-autoconfig-dir={MultusDefaults.HostConfMountPath}", $"--cni-conf-dir={MultusDefaults.HostConfMountPath}"];
        var terminationMessagePolicy = v3 ? null : "FallbackToLogsOnError";

        return MultusDefaults.DaemonSet(new V1PodSpec
        {
                HostNetwork = true,
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
                        Command = [v3 ? "/entrypoint.sh" : "/thin_entrypoint"],
                        Args = args,
                        Resources = Resources("100m", "50Mi", withLimits: true),
                        SecurityContext = new V1SecurityContext { Privileged = true },
                        TerminationMessagePolicy = terminationMessagePolicy,
                        VolumeMounts =
                        [
                            new V1VolumeMount { Name = "cni", MountPath = MultusDefaults.HostConfMountPath },
                            new V1VolumeMount { Name = "cnibin", MountPath = MultusDefaults.HostBinMountPath },
                            new V1VolumeMount { Name = "multus-cfg", MountPath = MultusDefaults.ConfigMountPath },
                        ],
                    },
                ],
                InitContainers =
                [
                    new V1Container
                    {
                        Name = "install-multus-binary",
                        Image = image,
                        Command = v3 ? ["cp", "/usr/src/multus-cni/bin/multus", $"{MultusDefaults.HostBinMountPath}/multus"] : ["/install_multus"],
                        Args = v3 ? null : ["--type", "thin"],
                        Resources = Resources("10m", "15Mi", withLimits: false),
                        SecurityContext = new V1SecurityContext { Privileged = true },
                        TerminationMessagePolicy = terminationMessagePolicy,
                        VolumeMounts = [new V1VolumeMount { Name = "cnibin", MountPath = MultusDefaults.HostBinMountPath, MountPropagation = "Bidirectional" }],
                    },
                ],
                TerminationGracePeriodSeconds = v3 ? 10 : 30,
                Volumes =
                [
                    new V1Volume { Name = "cni", HostPath = new V1HostPathVolumeSource { Path = lab.Cluster.CniConfDir } },
                    new V1Volume { Name = "cnibin", HostPath = new V1HostPathVolumeSource { Path = lab.Cluster.CniBinDir } },
                    new V1Volume
                    {
                        Name = "multus-cfg",
                        ConfigMap = new V1ConfigMapVolumeSource
                        {
                            Name = MultusDefaults.ConfigMapName,
                            Items = [new V1KeyToPath { Key = MultusDefaults.ConfigMapKey, Path = multus.ConfFileName }],
                        },
                    },
                ],
        });
    }

    internal static V1ResourceRequirements Resources(string cpu, string memory, bool withLimits)
    {
        var requests = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["cpu"] = new(cpu), ["memory"] = new(memory) };
        return new V1ResourceRequirements
        {
            Requests = requests,
            Limits = withLimits ? new SortedDictionary<string, ResourceQuantity>(requests, StringComparer.Ordinal) : null,
        };
    }
}
