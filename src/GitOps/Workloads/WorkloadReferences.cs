using System.Globalization;
using GitOps.Diagnostics;
using GitOps.Topology;
using k8s.Models;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Workloads;

/// <summary>
/// What a workload's objects say about each other, read as the cluster will read it (GITOPS322–324, warnings): a
/// Service of the workload whose selector takes none of its pods, a Service port whose <c>targetPort</c> names no
/// container port of the pods, and a volume whose claim the workload does not declare. Each builds and applies cleanly and
/// fails only in the running cluster (no endpoints, no port, a Pending pod). Warnings, not errors: the model cannot know
/// everything in the cluster, so a claim the workload does not manage at all is not reported. Each is reported at the
/// call that brought the object in.
/// </summary>
internal static class WorkloadReferences
{
    public static IReadOnlyList<Diagnostic> Check(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var problems = new List<Diagnostic>();
        var podsByNamespace = lab.Workloads.ToLookup(w => w.Namespace, w => new Pods(w.Kind, KubernetesObjects.PodTemplate(w.PodOwner)), StringComparer.Ordinal);
        var claims = lab.Workloads
            .SelectMany(w => w.Companions.OfType<V1PersistentVolumeClaim>().Select(claim => (w.Namespace, Name: claim.Metadata?.Name ?? "")))
            .ToArray();
        foreach (var workload in lab.Workloads)
        {
            var path = $"lab/workloads/{workload.Namespace}/{workload.Name}";
            var template = KubernetesObjects.PodTemplate(workload.PodOwner);
            for (var i = 0; i < workload.Companions.Count; i++)
            {
                if (workload.Companions[i] is V1Service service)
                {
                    var at = workload.CompanionSources.ElementAtOrDefault(i).Or(workload.Source);
                    CheckService(service, template, podsByNamespace[workload.Namespace], $"{path}/objects/Service/{service.Metadata?.Name}", at, problems);
                }
            }

            // A workload that declares claims, as objects or as a StatefulSet's volumeClaimTemplates, manages its storage here.
            if (workload.Companions.OfType<V1PersistentVolumeClaim>().Any() || workload.PodOwner is V1StatefulSet { Spec.VolumeClaimTemplates.Count: > 0 })
            {
                CheckClaims(template, claims, workload.Namespace, path, workload.PodOwnerSource.Or(workload.Source), problems);
            }
        }

        return problems;
    }

    /// <summary>
    /// GITOPS322 and GITOPS323. A Service with no selector (its endpoints are managed by hand) or of type ExternalName is
    /// not read: kubernetes.io/docs/concepts/services-networking/service, "Services without selectors". A Service may
    /// select the pods of any workload of its namespace (<paramref name="namespacePods"/>); it is reported only when it
    /// selects none. Selector keys that a controller puts on the pods it makes (<see cref="ControllerLabels"/>) are not
    /// in a pod template and are taken as matching.
    /// </summary>
    private static void CheckService(V1Service service, V1PodTemplateSpec? own, IEnumerable<Pods> namespacePods, string path, SourceLocation at, List<Diagnostic> problems)
    {
        var selector = service.Spec?.Selector;
        if (selector is not { Count: > 0 } || service.Spec!.Type == "ExternalName")
        {
            return;
        }

        var selected = namespacePods.Where(pods => Selects(selector, pods)).Select(pods => pods.Template).ToArray();
        if (selected.Length == 0)
        {
            var labels = own?.Metadata?.Labels ?? new Dictionary<string, string>();
            problems.Add(Warning(ServiceSelectsNoPod, $"{path}/spec/selector", at,
                $"the Service selects {Pairs(selector)}, but the workload's pods are labelled {(labels.Count == 0 ? "with nothing" : Pairs(labels))} " +
                "and no other workload of the namespace has pods with those labels: the Service gets no endpoints and its traffic goes nowhere " +
                "(a Service's pods are those that carry every label of its selector, kubernetes.io \"Service\"); make spec.selector a subset of " +
                "the pod template's labels" +
                (labels.Count == 0 ? "." : $", e.g. {Pairs(labels.OrderBy(p => p.Key, StringComparer.Ordinal).Take(1))}.")));
            return;
        }

        // The containers kubernetes' FindPort (pkg/api/v1/pod/util.go) reads a port name in: the containers, and the init
        // containers with restartPolicy Always (sidecars).
        var named = selected
            .SelectMany(pod => (pod?.Spec?.Containers ?? []).Concat((pod?.Spec?.InitContainers ?? []).Where(c => c.RestartPolicy == "Always")))
            .SelectMany(container => container.Ports ?? [])
            .Where(port => !string.IsNullOrEmpty(port.Name))
            .DistinctBy(port => (port.Name, port.Protocol ?? "TCP", port.ContainerPort))
            .ToArray();
        foreach (var port in service.Spec.Ports ?? [])
        {
            var target = port.TargetPort?.Value;
            if (string.IsNullOrEmpty(target) || long.TryParse(target, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                continue; // unset (then the port's own number), or a number: KubernetesClient writes such a value as a JSON number
            }

            var protocol = port.Protocol ?? "TCP";
            if (!named.Any(p => p.Name == target && (p.Protocol ?? "TCP") == protocol))
            {
                var declared = named.Length == 0 ? "none" : string.Join(", ", named.Select(p => $"{p.Name} ({p.Protocol ?? "TCP"} {p.ContainerPort})"));
                var otherProtocol = named.FirstOrDefault(p => p.Name == target)?.Protocol ?? (named.Any(p => p.Name == target) ? "TCP" : null);
                problems.Add(Warning(ServiceTargetPortUnknown, $"{path}/spec/ports/{port.Name ?? port.Port.ToString(CultureInfo.InvariantCulture)}/targetPort", at,
                    $"targetPort '{target}' ({protocol}) names no port of the selected pods' containers (named ports: {declared}): a port name " +
                    "is looked up among the named ports of the same protocol of the pod's containers and sidecar init containers, and " +
                    "without a match the Service has no endpoint for this port (kubernetes pkg/api/v1/pod/util.go, FindPort); " +
                    (otherProtocol is not null
                        ? $"the container declares '{target}' for {otherProtocol}: set the Service port's protocol to {otherProtocol} (Protocol = \"{otherProtocol}\")."
                        : NameSuggestion.Fix(target, named.Select(p => p.Name), "use a declared port name or the container port's number."))));
            }
        }
    }

    /// <summary>A workload's pods: its kind (which labels its controller adds) and its pod template.</summary>
    private sealed record Pods(string Kind, V1PodTemplateSpec? Template);

    /// <summary>
    /// The labels a controller adds to the pods it makes, which a pod template does not hold (kubernetes.io "Well-Known
    /// Labels, Annotations and Taints" and "Deployments"): <c>pod-template-hash</c> on a Deployment's pods (through its
    /// ReplicaSets); <c>controller-revision-hash</c>, <c>statefulset.kubernetes.io/pod-name</c> and
    /// <c>apps.kubernetes.io/pod-index</c> on a StatefulSet's (a Service per pod selects the pod name);
    /// <c>controller-revision-hash</c> and <c>pod-template-generation</c> on a DaemonSet's.
    /// </summary>
    private static readonly Dictionary<string, HashSet<string>> ControllerLabels = new(StringComparer.Ordinal)
    {
        ["Deployment"] = new(StringComparer.Ordinal) { "pod-template-hash" },
        ["StatefulSet"] = new(StringComparer.Ordinal) { "controller-revision-hash", "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index" },
        ["DaemonSet"] = new(StringComparer.Ordinal) { "controller-revision-hash", "pod-template-generation" },
    };

    /// <summary>Whether the pods carry every label of <paramref name="selector"/>: in their template, or added by their controller.</summary>
    private static bool Selects(IDictionary<string, string> selector, Pods pods)
    {
        var labels = pods.Template?.Metadata?.Labels;
        var added = ControllerLabels.GetValueOrDefault(pods.Kind);
        return selector.All(pair => added?.Contains(pair.Key) == true || (labels is not null && labels.TryGetValue(pair.Key, out var value) && value == pair.Value));
    }

    /// <summary>
    /// GITOPS324, only for a workload that declares claims (one that declares none may use claims made outside the lab):
    /// a PersistentVolumeClaim volume must name a claim in the pod's own namespace, or the pod is not started
    /// (kubernetes.io/docs/concepts/storage/persistent-volumes, "Claims As Volumes": "Claims must exist in the same
    /// namespace as the Pod using the claim").
    /// </summary>
    private static void CheckClaims(V1PodTemplateSpec? template, (string Namespace, string Name)[] claims, string ns, string path, SourceLocation at, List<Diagnostic> problems)
    {
        var here = claims.Where(c => c.Namespace == ns).Select(c => c.Name).Order(StringComparer.Ordinal).ToArray();
        foreach (var volume in template?.Spec?.Volumes ?? [])
        {
            if (volume.PersistentVolumeClaim?.ClaimName is { Length: > 0 } claim && !here.Contains(claim, StringComparer.Ordinal))
            {
                var elsewhere = claims.Where(c => c.Name == claim).Select(c => c.Namespace).Order(StringComparer.Ordinal).ToArray();
                problems.Add(Warning(ClaimNotInLab, $"{path}/volumes/{volume.Name}", at,
                    $"volume '{volume.Name}' uses the claim '{claim}', which no workload of the lab declares in namespace '{ns}' " +
                    $"(declared there: {(here.Length == 0 ? "none" : string.Join(", ", here))}" +
                    (elsewhere.Length > 0 ? $"; '{claim}' is declared in namespace {string.Join(", ", elsewhere.Select(n => $"'{n}'"))}" : "") +
                    "): the pod stays Pending until such a claim exists (claims must be in the pod's own namespace, kubernetes.io " +
                    "\"Persistent Volumes\"); " +
                    (elsewhere.Length > 0
                        ? $"declare the claim in '{ns}' or run the workload in the claim's namespace."
                        : NameSuggestion.Fix(claim, here, "name a claim of the workload (.Object(new V1PersistentVolumeClaim { ... })) or declare this one."))));
            }
        }
    }

    private static string Pairs(IEnumerable<KeyValuePair<string, string>> pairs) =>
        "{" + string.Join(", ", pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}")) + "}";

    private static Diagnostic Warning(string code, string path, SourceLocation at, string message) =>
        new(code, DiagnosticSeverity.Warning, path, message, at.File, at.Line);
}
