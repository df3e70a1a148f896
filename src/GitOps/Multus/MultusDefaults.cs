using GitOps.Topology;
using k8s.Models;

namespace GitOps.Multus;

/// <summary>
/// Values taken from upstream's quick-start manifests, one place per component:
/// k8snetworkplumbingwg/multus-cni <c>deployments/multus-daemonset.yml</c> at tag v3.9.3 (V3) and at
/// master after v4.3.0 (V4 thin), <c>deployments/multus-daemonset-thick.yml</c> at master after v4.3.0
/// (V4 thick). Everything else is derived from the lab model.
/// </summary>
internal static class MultusDefaults
{
    public const string Namespace = "kube-system";
    public const string Name = "multus";
    public const string DaemonSetName = "kube-multus-ds";
    public const string ConfigMapName = "multus-cni-config";
    public const string ConfigMapKey = "cni-conf.json";
    public const string ImageRepository = "ghcr.io/k8snetworkplumbingwg/multus-cni";

    /// <summary>Where the DaemonSet mounts the ConfigMap; the conf file argument points inside it.</summary>
    public const string ConfigMountPath = "/tmp/multus-conf";
    public const string HostConfMountPath = "/host/etc/cni/net.d";
    public const string HostBinMountPath = "/host/opt/cni/bin";

    /// <summary>Thick plugin: the daemon's ConfigMap, its key, and where multus-daemon reads it by default (<c>--config</c>).</summary>
    public const string DaemonConfigMapName = "multus-daemon-config";
    public const string DaemonConfigKey = "daemon-config.json";
    public const string DaemonConfigMountPath = "/etc/cni/net.d/multus.d";

    /// <summary>Thick plugin: the host's root, where the daemon chroots to run delegate plugins (<c>chrootDir</c>).</summary>
    public const string HostRootMountPath = "/hostroot";

    public static IDictionary<string, string> Labels() =>
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["app"] = "multus", ["tier"] = "node" };

    public static IDictionary<string, string> PodLabels() =>
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["app"] = "multus", ["name"] = "multus", ["tier"] = "node" };

    public static string Image(MultusSettings multus) => $"{ImageRepository}:{multus.ImageTag}";

    /// <summary>
    /// The DaemonSet around a Multus pod spec, the same for the thin and the thick plugin (upstream's
    /// multus-daemonset.yml and multus-daemonset-thick.yml): kube-system/kube-multus-ds, selector name=multus,
    /// rolling updates.
    /// </summary>
    public static V1DaemonSet DaemonSet(V1PodSpec pod) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "DaemonSet",
        Metadata = new V1ObjectMeta { Name = DaemonSetName, NamespaceProperty = Namespace, Labels = PodLabels() },
        Spec = new V1DaemonSetSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["name"] = "multus" } },
            UpdateStrategy = new V1DaemonSetUpdateStrategy { Type = "RollingUpdate" },
            Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = PodLabels() }, Spec = pod },
        },
    };
}
