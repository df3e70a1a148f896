using GitOps.Output;
using GitOps.Topology;
using k8s.Models;

namespace GitOps.Whereabouts;

/// <summary>
/// Whereabouts, when any attachment uses it: the CRDs in crds/ (beside the NAD CRD, in the CNI layer) and upstream's
/// install objects (ServiceAccount, ClusterRole, ClusterRoleBinding, ConfigMap, DaemonSet) in node-agent/, the bundle
/// that installs the binaries the NADs' chains call, before networks/. The DaemonSet's <c>install-cni.sh</c> copies the
/// <c>whereabouts</c> binary to the host's /opt/cni/bin and writes <c>/etc/cni/net.d/whereabouts.d/</c> (kubeconfig and
/// flat config) on every node. Objects equal upstream's (see <see cref="WhereaboutsDefaults"/>) but for the pinned image.
/// </summary>
internal static class WhereaboutsEmitter
{
    /// <summary>The CRDs (crds/, part of the CNI layer); none when no attachment uses whereabouts.</summary>
    public static IEnumerable<BundleFile> Crds(Lab lab)
    {
        if (!lab.UsesWhereabouts)
        {
            yield break;
        }

        yield return new BundleFile(Bundle.Crds, "customresourcedefinition-ippools-whereabouts.yaml", [WhereaboutsCrds.IPPools()]);
        yield return new BundleFile(Bundle.Crds, "customresourcedefinition-overlappingrangeipreservations-whereabouts.yaml", [WhereaboutsCrds.OverlappingRangeIPReservations()]);
    }

    /// <summary>Account, RBAC, ConfigMap and DaemonSet (node-agent/); none when no attachment uses whereabouts.</summary>
    public static IEnumerable<BundleFile> Install(Lab lab)
    {
        if (!lab.UsesWhereabouts)
        {
            yield break;
        }

        yield return new BundleFile(Bundle.NodeAgent, "serviceaccount-whereabouts.yaml", [ServiceAccount()]);
        yield return new BundleFile(Bundle.NodeAgent, "clusterrole-whereabouts-cni.yaml", [ClusterRole()]);
        yield return new BundleFile(Bundle.NodeAgent, "clusterrolebinding-whereabouts.yaml", [ClusterRoleBinding()]);
        yield return new BundleFile(Bundle.NodeAgent, "configmap-whereabouts-config.yaml", [ConfigMap()]);
        yield return new BundleFile(Bundle.NodeAgent, "daemonset-whereabouts.yaml", [DaemonSet()]);
    }

    internal static V1ServiceAccount ServiceAccount() => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = new V1ObjectMeta { Name = WhereaboutsDefaults.Name, NamespaceProperty = WhereaboutsDefaults.Namespace },
    };

    internal static V1ClusterRole ClusterRole() => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRole",
        Metadata = new V1ObjectMeta { Name = WhereaboutsDefaults.ClusterRoleName },
        Rules =
        [
            new() { ApiGroups = [WhereaboutsDefaults.Group], Resources = ["ippools", "overlappingrangeipreservations", "nodeslicepools"], Verbs = ["get", "list", "watch", "create", "update", "patch", "delete"] },
            new() { ApiGroups = ["coordination.k8s.io"], Resources = ["leases"], Verbs = ["*"] },
            new() { ApiGroups = [""], Resources = ["pods"], Verbs = ["list", "watch", "get"] },
            new() { ApiGroups = [""], Resources = ["nodes"], Verbs = ["get", "list", "watch"] },
            new() { ApiGroups = ["k8s.cni.cncf.io"], Resources = ["network-attachment-definitions"], Verbs = ["get", "list", "watch"] },
            new() { ApiGroups = ["", "events.k8s.io"], Resources = ["events"], Verbs = ["create", "patch", "update", "get"] },
        ],
    };

    internal static V1ClusterRoleBinding ClusterRoleBinding() => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRoleBinding",
        Metadata = new V1ObjectMeta { Name = WhereaboutsDefaults.Name },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = WhereaboutsDefaults.ClusterRoleName },
        Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = WhereaboutsDefaults.Name, NamespaceProperty = WhereaboutsDefaults.Namespace }],
    };

    internal static V1ConfigMap ConfigMap() => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = WhereaboutsDefaults.ConfigMapName,
            NamespaceProperty = WhereaboutsDefaults.Namespace,
            Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/description"] = "Configmap containing user customizable cronjob schedule\n" },
        },
        Data = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["cron-expression"] = WhereaboutsDefaults.CronExpression },
    };

    internal static V1DaemonSet DaemonSet()
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["app"] = WhereaboutsDefaults.Name, ["tier"] = "node" };
        return new V1DaemonSet
        {
            ApiVersion = "apps/v1",
            Kind = "DaemonSet",
            Metadata = new V1ObjectMeta { Name = WhereaboutsDefaults.Name, NamespaceProperty = WhereaboutsDefaults.Namespace, Labels = labels },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["name"] = WhereaboutsDefaults.Name } },
                UpdateStrategy = new V1DaemonSetUpdateStrategy { Type = "RollingUpdate" },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new SortedDictionary<string, string>(labels, StringComparer.Ordinal) { ["name"] = WhereaboutsDefaults.Name } },
                    Spec = new V1PodSpec
                    {
                        HostNetwork = true,
                        ServiceAccountName = WhereaboutsDefaults.Name,
                        Tolerations = [new V1Toleration { OperatorProperty = "Exists", Effect = "NoSchedule" }],
                        Containers =
                        [
                            new V1Container
                            {
                                Name = WhereaboutsDefaults.Name,
                                Command = ["/bin/sh"],
                                Args = ["-c", WhereaboutsDefaults.Script],
                                Image = WhereaboutsDefaults.Image,
                                Env =
                                [
                                    new V1EnvVar { Name = "NODENAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { ApiVersion = "v1", FieldPath = "spec.nodeName" } } },
                                    new V1EnvVar { Name = "WHEREABOUTS_NAMESPACE", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } } },
                                ],
                                Resources = new V1ResourceRequirements
                                {
                                    Requests = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["cpu"] = new("100m"), ["memory"] = new("100Mi") },
                                    Limits = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["cpu"] = new("100m"), ["memory"] = new("200Mi") },
                                },
                                SecurityContext = new V1SecurityContext { Privileged = true },
                                VolumeMounts =
                                [
                                    new V1VolumeMount { Name = "cnibin", MountPath = "/host/opt/cni/bin" },
                                    new V1VolumeMount { Name = "cni-net-dir", MountPath = "/host/etc/cni/net.d" },
                                ],
                            },
                        ],
                        Volumes =
                        [
                            new V1Volume { Name = "cnibin", HostPath = new V1HostPathVolumeSource { Path = "/opt/cni/bin" } },
                            new V1Volume { Name = "cni-net-dir", HostPath = new V1HostPathVolumeSource { Path = "/etc/cni/net.d" } },
                        ],
                    },
                },
            },
        };
    }
}
