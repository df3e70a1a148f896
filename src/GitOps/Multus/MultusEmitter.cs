using GitOps.Output;
using GitOps.Topology;
using k8s.Models;

namespace GitOps.Multus;

/// <summary>
/// Multus: RBAC and, by plugin kind, either the thick plugin's daemon ConfigMap and DaemonSet (default), or the
/// thin plugin's ConfigMap with Calico as primary delegate and the DaemonSet whose <c>--multus-conf-file</c>
/// argument and ConfigMap volume item are both derived from one conf file name.
/// The NetworkAttachmentDefinition CRD goes to <c>crds/</c> (a CRD and objects of its kind cannot share a Fleet bundle).
/// </summary>
internal static class MultusEmitter
{
    public static IEnumerable<BundleFile> Emit(Lab lab) => Files(lab).Select(f => f with { Source = lab.Multus.Source });

    private static IEnumerable<BundleFile> Files(Lab lab)
    {
        yield return new BundleFile(Bundle.Crds, "customresourcedefinition-network-attachment-definitions.yaml", [NetworkAttachmentCrd.Build(lab.Multus.Version)]);
        yield return new BundleFile(Bundle.Multus, "serviceaccount-multus.yaml", [ServiceAccount()]);
        yield return new BundleFile(Bundle.Multus, "clusterrole-multus.yaml", [MultusRbac.ClusterRole(lab.Multus.Version)]);
        yield return new BundleFile(Bundle.Multus, "clusterrolebinding-multus.yaml", [MultusRbac.ClusterRoleBinding()]);
        if (lab.Multus.Plugin == MultusPlugin.Thick)
        {
            yield return new BundleFile(Bundle.Multus, $"configmap-{MultusDefaults.DaemonConfigMapName}.yaml", [DaemonConfigMap(lab)]);
            yield return new BundleFile(Bundle.Multus, "daemonset-kube-multus-ds.yaml", [MultusThickDaemonSet.Build(lab)]);
        }
        else
        {
            yield return new BundleFile(Bundle.Multus, "configmap-multus-cni-config.yaml", [ConfigMap(lab)]);
            yield return new BundleFile(Bundle.Multus, "daemonset-kube-multus-ds.yaml", [MultusDaemonSet.Build(lab)]);
        }
    }

    internal static V1ServiceAccount ServiceAccount() => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = new V1ObjectMeta { Name = MultusDefaults.Name, NamespaceProperty = MultusDefaults.Namespace },
    };

    internal static V1ConfigMap ConfigMap(Lab lab) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = MultusDefaults.ConfigMapName, NamespaceProperty = MultusDefaults.Namespace, Labels = MultusDefaults.Labels() },
        Data = new SortedDictionary<string, string>(StringComparer.Ordinal) { [MultusDefaults.ConfigMapKey] = MultusCniConfig.Build(lab).ToJson() },
    };

    internal static V1ConfigMap DaemonConfigMap(Lab lab) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = MultusDefaults.DaemonConfigMapName, NamespaceProperty = MultusDefaults.Namespace, Labels = MultusDefaults.Labels() },
        Data = new SortedDictionary<string, string>(StringComparer.Ordinal) { [MultusDefaults.DaemonConfigKey] = MultusDaemonConfig.Build(lab).ToJson() },
    };
}
