using GitOps.Networks;
using GitOps.Output;
using GitOps.Topology;
using k8s.Models;

namespace GitOps.Workloads;

/// <summary>
/// The workloads' namespaces and Deployments. The Multus networks annotation goes on the POD
/// template (Multus reads pods), never on the Deployment's own metadata.
/// </summary>
internal static class WorkloadEmitter
{
    /// <summary>Namespaces every cluster has; they are never emitted.</summary>
    private static readonly HashSet<string> BuiltInNamespaces = new(StringComparer.Ordinal) { "default", "kube-system", "kube-public", "kube-node-lease" };

    public static IEnumerable<ManifestFile> Emit(Lab lab)
    {
        foreach (var ns in lab.Workloads.Select(w => w.Namespace).Where(n => !BuiltInNamespaces.Contains(n)).Distinct(StringComparer.Ordinal))
        {
            yield return new ManifestFile($"workloads/namespace-{ns}.yaml", [Namespace(ns)]);
        }

        foreach (var workload in lab.Workloads)
        {
            var nodes = WorkloadPlacement.IsRestricted(lab, workload) ? WorkloadPlacement.NodesFor(lab, workload).Select(n => n.Name).ToArray() : null;
            yield return new ManifestFile($"workloads/deployment-{workload.Namespace}-{workload.Name}.yaml", [Deployment(workload, nodes)]);
        }
    }

    private static V1Affinity OnlyOn(IReadOnlyList<string> nodes) => new()
    {
        NodeAffinity = new V1NodeAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
            {
                NodeSelectorTerms =
                [
                    new V1NodeSelectorTerm
                    {
                        MatchExpressions = [new V1NodeSelectorRequirement { Key = HostNameLabel, OperatorProperty = "In", Values = nodes.ToList() }],
                    },
                ],
            },
        },
    };

    internal static V1Namespace Namespace(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta { Name = name },
    };

    /// <summary>
    /// Adds the networks annotation for <paramref name="attachments"/> to a pod template: the short form
    /// <c>ns/name,ns/name</c>, or, when a selection asks for an address or MAC, the JSON form
    /// <c>[{"name":…,"namespace":…,"ips":[…],"mac":…}]</c> (multus-cni pkg/types/types.go <c>NetworkSelectionElement</c>).
    /// </summary>
    public static void AttachTo(V1PodTemplateSpec template, IEnumerable<Attachment> attachments, IReadOnlyList<NetworkSelection>? selections = null)
    {
        var value = selections is not null && selections.Any(s => s.Ips.Count > 0 || s.Mac is not null)
            ? System.Text.Json.JsonSerializer.Serialize(selections.Select(s => new SelectionElement(s.Attachment.Name, s.Attachment.Namespace, s.Ips.Count == 0 ? null : s.Ips, s.Mac)), SelectionJson)
            : string.Join(",", attachments.Select(a => a.QualifiedName));
        if (value.Length == 0)
        {
            return;
        }

        template.Metadata ??= new V1ObjectMeta();
        template.Metadata.Annotations ??= new SortedDictionary<string, string>(StringComparer.Ordinal);
        template.Metadata.Annotations[NetworkAttachmentDefinition.NetworksAnnotation] = value;
    }

    private static readonly System.Text.Json.JsonSerializerOptions SelectionJson = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record SelectionElement(
        [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("namespace")] string Namespace,
        [property: System.Text.Json.Serialization.JsonPropertyName("ips")] IReadOnlyList<string>? Ips,
        [property: System.Text.Json.Serialization.JsonPropertyName("mac")] string? Mac);

    /// <summary>
    /// The well-known node label the kubelet sets to the node's host name (kubernetes.io/docs/reference/labels-annotations-taints,
    /// "kubernetes.io/hostname"); K3s registers a node under its host name, the lab's node name.
    /// </summary>
    public const string HostNameLabel = "kubernetes.io/hostname";

    /// <param name="onlyNodes">
    /// Null: the pod may run on every node. Otherwise the nodes that have every bridge the pod's attachments
    /// plug into: a required node affinity keeps the pod off the others, where the bridge plugin would create a
    /// fresh bridge with no uplink (containernetworking/plugins plugins/main/bridge/README.md: "If the bridge is
    /// missing, the plugin will create one on first use") and the pod would get no lease.
    /// </param>
    internal static V1Deployment Deployment(Workload workload, IReadOnlyList<string>? onlyNodes = null)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["app.kubernetes.io/name"] = workload.Name };
        var template = new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = labels },
            Spec = new V1PodSpec
            {
                Containers =
                [
                    new V1Container
                    {
                        Name = workload.Name,
                        Image = workload.Image,
                        Ports = workload.Ports.Count == 0 ? null : workload.Ports.Select(p => new V1ContainerPort { Name = p.Name, ContainerPort = p.Port, Protocol = "TCP" }).ToList(),
                    },
                ],
                Affinity = onlyNodes is null ? null : OnlyOn(onlyNodes),
            },
        };
        AttachTo(template, workload.Attachments, workload.Selections);
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = workload.Name, NamespaceProperty = workload.Namespace, Labels = new SortedDictionary<string, string>(labels, StringComparer.Ordinal) },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                // One pod with one LAN identity (DHCP lease, mDNS name) at a time.
                Strategy = new V1DeploymentStrategy { Type = "Recreate" },
                Selector = new V1LabelSelector { MatchLabels = new SortedDictionary<string, string>(labels, StringComparer.Ordinal) },
                Template = template,
            },
        };
    }
}
