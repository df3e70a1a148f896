using k8s.Models;

namespace GitOps.Topology;

/// <summary>
/// The simple form <c>.Image(...).Port(...)</c> is sugar for this Deployment: one replica, one container named like the
/// workload, TCP ports as declared, strategy <c>Recreate</c> (one pod with one LAN identity — DHCP lease, mDNS name — at
/// a time, and a ReadWriteOnce volume is never claimed by two pods at once), label <c>app.kubernetes.io/name</c>.
/// </summary>
internal static class SimpleDeployment
{
    public static V1Deployment Build(string name, string ns, string image, IEnumerable<WorkloadPort> ports)
    {
        var portList = ports.Select(p => new V1ContainerPort { Name = p.Name, ContainerPort = p.Port, Protocol = "TCP" }).ToList();
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = Labels(name) },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Strategy = new V1DeploymentStrategy { Type = "Recreate" },
                Selector = new V1LabelSelector { MatchLabels = Labels(name) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = Labels(name) },
                    Spec = new V1PodSpec
                    {
                        Containers = [new V1Container { Name = name, Image = image, Ports = portList.Count == 0 ? null : portList }],
                    },
                },
            },
        };
    }

    private static SortedDictionary<string, string> Labels(string name) => new(StringComparer.Ordinal) { ["app.kubernetes.io/name"] = name };
}
