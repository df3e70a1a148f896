using GitOps.Kubernetes;
using GitOps.Networks;
using GitOps.Output;
using GitOps.Topology;
using k8s;
using k8s.Models;

namespace GitOps.Workloads;

/// <summary>
/// The workloads' namespaces, pod owners (Deployment, StatefulSet, DaemonSet) and companion objects, one file each in
/// <c>workloads/</c> (<c>&lt;kind&gt;-&lt;namespace&gt;-&lt;name&gt;.yaml</c>). Each object is written as the user wrote it
/// except for two additions to the pod template (never to the owner's own metadata: Multus reads pods): the Multus
/// networks annotation and, where only some nodes have the bridges, a required node affinity.
/// </summary>
internal static partial class WorkloadEmitter
{
    /// <summary>Namespaces every cluster has; they are never emitted.</summary>
    private static readonly HashSet<string> BuiltInNamespaces = new(StringComparer.Ordinal) { "default", "kube-system", "kube-public", "kube-node-lease" };

    public static IEnumerable<BundleFile> Emit(Lab lab)
    {
        foreach (var ns in lab.Workloads.Select(w => w.Namespace).Where(n => !BuiltInNamespaces.Contains(n)).Distinct(StringComparer.Ordinal))
        {
            yield return new BundleFile(Bundle.Workloads, $"namespace-{ns}.yaml", [Namespace(ns)]) { Source = lab.Workloads.First(w => w.Namespace == ns).Source };
        }

        foreach (var workload in lab.Workloads)
        {
            var nodes = WorkloadPlacement.IsRestricted(lab, workload) ? WorkloadPlacement.NodesFor(lab, workload).Select(n => n.Name).ToArray() : null;
            // Each file points where its object was declared (.Deployment, .Object, .YamlFile…), so two objects for one file
            // (GITOPS112) or a bad name read from YAML (GITOPS306) are reported at the line that brought the object.
            yield return File(PodOwner(workload, nodes)) with { Source = workload.PodOwnerSource.Or(workload.Source) };
            for (var i = 0; i < workload.Companions.Count; i++)
            {
                yield return File(KubernetesObjects.Copy(workload.Companions[i])) with { Source = workload.CompanionSources.ElementAtOrDefault(i).Or(workload.Source) };
            }
        }
    }

    private static BundleFile File(IKubernetesObject<V1ObjectMeta> obj) =>
        new(Bundle.Workloads, $"{obj.Kind.ToLowerInvariant()}-{obj.Metadata.NamespaceProperty ?? "cluster"}-{obj.Metadata.Name}.yaml", [obj]);

    /// <summary>
    /// A copy of the workload's pod owner with the attachments' annotation and, when <paramref name="onlyNodes"/> is not
    /// null, the node requirement merged into its pod template; nothing else changes.
    /// </summary>
    /// <param name="onlyNodes">
    /// Null: the pod may run on every node. Otherwise the nodes that have every bridge the pod's attachments
    /// plug into: a required node affinity keeps the pod off the others, where the bridge plugin would create a
    /// fresh bridge with no uplink (containernetworking/plugins plugins/main/bridge/README.md: "If the bridge is
    /// missing, the plugin will create one on first use") and the pod would get no lease.
    /// </param>
    internal static IKubernetesObject<V1ObjectMeta> PodOwner(Workload workload, IReadOnlyList<string>? onlyNodes = null)
    {
        var owner = KubernetesObjects.Copy(workload.PodOwner);
        if (KubernetesObjects.PodTemplate(owner) is { } template)
        {
            AttachTo(template, workload.Attachments, workload.Selections);
            if (onlyNodes is not null)
            {
                template.Spec ??= new V1PodSpec();
                RequireNodes(template.Spec, onlyNodes);
            }
        }

        return owner;
    }

    internal static V1Namespace Namespace(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta { Name = name },
    };

    /// <summary>
    /// Adds the networks annotation for <paramref name="attachments"/> to a pod template, after the template's own
    /// annotations (which stay in their order): the short form <c>ns/name,ns/name</c>, or, when a selection asks for an
    /// address or MAC, the JSON form <c>[{"name":…,"namespace":…,"ips":[…],"mac":…}]</c> (multus-cni pkg/types/types.go
    /// <c>NetworkSelectionElement</c>). The model rejects a template that already has it (GITOPS172).
    /// </summary>
    public static void AttachTo(V1PodTemplateSpec template, IEnumerable<Attachment> attachments, IReadOnlyList<NetworkSelection>? selections = null)
    {
        var value = selections is not null && selections.Any(s => s.Ips.Count > 0 || s.Mac is not null)
            ? System.Text.Json.JsonSerializer.Serialize(selections.Select(s => new SelectionElement(s.Attachment.Name, s.Attachment.Namespace, s.Ips.Count == 0 ? null : s.Ips, s.Mac)), (System.Text.Json.Serialization.Metadata.JsonTypeInfo<IEnumerable<SelectionElement>>)SelectionJson.GetTypeInfo(typeof(IEnumerable<SelectionElement>)))
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
        TypeInfoResolver = SelectionJsonContext.Default,
    };

    /// <summary>The networks annotation's JSON form, source-generated.</summary>
    [System.Text.Json.Serialization.JsonSerializable(typeof(IEnumerable<SelectionElement>))]
    private sealed partial class SelectionJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

    private sealed record SelectionElement(
        [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("namespace")] string Namespace,
        [property: System.Text.Json.Serialization.JsonPropertyName("ips")] IReadOnlyList<string>? Ips,
        [property: System.Text.Json.Serialization.JsonPropertyName("mac")] string? Mac);

    /// <summary>
    /// Requires <c>kubernetes.io/hostname In (nodes)</c>. Node selector terms are ORed and the expressions of one term
    /// ANDed (kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node, "nodeSelectorTerms"), so with the
    /// user's own required terms the requirement is added to every term (each keeps its meaning, restricted to these
    /// nodes); without any, one term holds it. Preferred terms, pod (anti-)affinity and nodeSelector stay as written.
    /// </summary>
    public static void RequireNodes(V1PodSpec spec, IReadOnlyList<string> nodes)
    {
        spec.Affinity ??= new V1Affinity();
        spec.Affinity.NodeAffinity ??= new V1NodeAffinity();
        var required = spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution ??= new V1NodeSelector { NodeSelectorTerms = [] };
        required.NodeSelectorTerms ??= [];
        if (required.NodeSelectorTerms.Count == 0)
        {
            required.NodeSelectorTerms.Add(new V1NodeSelectorTerm());
        }

        foreach (var term in required.NodeSelectorTerms)
        {
            term.MatchExpressions ??= [];
            term.MatchExpressions.Add(new V1NodeSelectorRequirement { Key = HostNameLabel, OperatorProperty = "In", Values = nodes.ToList() });
        }
    }

    /// <summary>
    /// The well-known node label the kubelet sets to the node's host name (kubernetes.io/docs/reference/labels-annotations-taints,
    /// "kubernetes.io/hostname"); K3s registers a node under its host name, the lab's node name.
    /// </summary>
    public const string HostNameLabel = "kubernetes.io/hostname";
}
