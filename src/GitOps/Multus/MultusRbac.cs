using GitOps.Topology;
using k8s.Models;

namespace GitOps.Multus;

/// <summary>Multus's ClusterRole and binding, as upstream's manifest for the chosen release line.</summary>
internal static class MultusRbac
{
    public static V1ClusterRole ClusterRole(MultusVersion version)
    {
        // v4 (both plugins, master after v4.3.0): list/watch on pods for the daemon's informers, and read
        // access to DRA objects, listed before the events rule as upstream does.
        var v3 = version == MultusVersion.V3;
        var rules = new List<V1PolicyRule>
        {
            new() { ApiGroups = ["k8s.cni.cncf.io"], Resources = ["*"], Verbs = ["*"] },
            new() { ApiGroups = [""], Resources = ["pods", "pods/status"], Verbs = v3 ? ["get", "update"] : ["get", "list", "update", "watch"] },
        };
        if (!v3)
        {
            rules.Add(new V1PolicyRule { ApiGroups = ["resource.k8s.io"], Resources = ["resourceclaims", "resourceclaims/status", "resourceslices"], Verbs = ["get", "list"] });
        }

        rules.Add(new V1PolicyRule { ApiGroups = ["", "events.k8s.io"], Resources = ["events"], Verbs = ["create", "patch", "update"] });

        return new V1ClusterRole
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "ClusterRole",
            Metadata = new V1ObjectMeta { Name = MultusDefaults.Name },
            Rules = rules,
        };
    }

    public static V1ClusterRoleBinding ClusterRoleBinding() => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRoleBinding",
        Metadata = new V1ObjectMeta { Name = MultusDefaults.Name },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = MultusDefaults.Name },
        Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = MultusDefaults.Name, NamespaceProperty = MultusDefaults.Namespace }],
    };
}
