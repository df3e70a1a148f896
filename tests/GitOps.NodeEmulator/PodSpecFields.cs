using System.Text.Json.Nodes;

namespace GitOps.NodeEmulator;

/// <summary>A pod-spec field the emulator cannot translate faithfully: the test fails with every such field named.</summary>
public sealed class UnsupportedPodSpecException(string pod, IReadOnlyList<string> fields)
    : Exception($"the node emulator cannot run pod {pod} faithfully; untranslated field(s): {string.Join("; ", fields)}")
{
    public IReadOnlyList<string> Fields { get; } = fields;
}

/// <summary>
/// The fields the emulator understands, per object: anything else in a pod template makes the run fail (no silent
/// skip). Fields marked "no runtime effect" only matter to the scheduler or the API server, not to what kubelet +
/// runc do on one node.
/// </summary>
public static class PodSpecFields
{
    private static readonly HashSet<string> Pod =
    [
        "containers", "initContainers", "volumes", "hostNetwork", "hostPID", "serviceAccountName", "automountServiceAccountToken",
        // no runtime effect on one node: scheduling and priority
        "tolerations", "priorityClassName", "nodeSelector",
        // the emulator stops containers with SIGKILL at once (it never waits for a grace period)
        "terminationGracePeriodSeconds",
    ];

    private static readonly HashSet<string> Container =
    [
        "name", "image", "command", "args", "env", "workingDir", "volumeMounts", "securityContext", "resources",
        // exec probes only: PodRun.ReadinessProbe runs the command inside the container as kubelet's ExecSync does
        "readinessProbe",
        // no runtime effect: what kubelet reports as the termination message
        "terminationMessagePolicy",
    ];

    private static readonly HashSet<string> Probe = ["exec", "initialDelaySeconds", "periodSeconds", "timeoutSeconds", "successThreshold", "failureThreshold"];
    private static readonly HashSet<string> ExecAction = ["command"];
    private static readonly HashSet<string> EnvSource = ["fieldRef"];
    private static readonly HashSet<string> FieldRef = ["fieldPath", "apiVersion"];

    private static readonly HashSet<string> SecurityContext =
    [
        "privileged", "capabilities", "runAsUser", "runAsGroup", "runAsNonRoot", "readOnlyRootFilesystem", "allowPrivilegeEscalation", "seccompProfile",
    ];

    private static readonly HashSet<string> Capabilities = ["add", "drop"];
    private static readonly HashSet<string> Seccomp = ["type"];
    private static readonly HashSet<string> Resources = ["requests", "limits"];
    private static readonly HashSet<string> ResourceNames = ["cpu", "memory"];
    private static readonly HashSet<string> Env = ["name", "value", "valueFrom"];
    private static readonly HashSet<string> Mount = ["name", "mountPath", "readOnly", "subPath", "mountPropagation"];
    private static readonly HashSet<string> Volume = ["name", "hostPath", "configMap", "emptyDir"];
    private static readonly HashSet<string> HostPath = ["path", "type"];
    private static readonly HashSet<string> ConfigMap = ["name", "items", "defaultMode"];
    private static readonly HashSet<string> ConfigMapItem = ["key", "path"];
    private static readonly HashSet<string> EmptyDir = [];
    private static readonly HashSet<string> Toleration = ["key", "operator", "value", "effect"];

    /// <summary>Every field of <paramref name="spec"/> outside the translated set, as JSON paths.</summary>
    public static IReadOnlyList<string> Untranslated(JsonObject spec)
    {
        var problems = new List<string>();
        Check(spec, Pod, "spec", problems);
        foreach (var key in new[] { "initContainers", "containers" })
        {
            foreach (var (c, i) in Items(spec[key]))
            {
                var path = $"spec.{key}[{i}]";
                Check(c, Container, path, problems);
                if (c["securityContext"] is JsonObject sc)
                {
                    Check(sc, SecurityContext, path + ".securityContext", problems);
                    Sub(sc, "capabilities", Capabilities, path + ".securityContext", problems);
                    Sub(sc, "seccompProfile", Seccomp, path + ".securityContext", problems);
                    if (sc["seccompProfile"]?["type"]?.GetValue<string>() is { } type && type is not ("RuntimeDefault" or "Unconfined"))
                    {
                        problems.Add($"{path}.securityContext.seccompProfile.type={type}");
                    }
                }

                if (c["resources"] is JsonObject r)
                {
                    Check(r, Resources, path + ".resources", problems);
                    Sub(r, "requests", ResourceNames, path + ".resources", problems);
                    Sub(r, "limits", ResourceNames, path + ".resources", problems);
                }

                foreach (var (e, j) in Items(c["env"]))
                {
                    Check(e, Env, $"{path}.env[{j}]", problems);
                    Sub(e, "valueFrom", EnvSource, $"{path}.env[{j}]", problems);
                    if (e["valueFrom"] is JsonObject from)
                    {
                        Sub(from, "fieldRef", FieldRef, $"{path}.env[{j}].valueFrom", problems);
                        var field = from["fieldRef"]?["fieldPath"]?.GetValue<string>();
                        if (field is null && from.Count == 0)
                        {
                            problems.Add($"{path}.env[{j}].valueFrom");
                        }
                        else if (field is not null && field is not ("spec.nodeName" or "metadata.namespace"))
                        {
                            problems.Add($"{path}.env[{j}].valueFrom.fieldRef.fieldPath={field}");
                        }
                    }
                }

                if (c["readinessProbe"] is JsonObject probe)
                {
                    Check(probe, Probe, path + ".readinessProbe", problems);
                    Sub(probe, "exec", ExecAction, path + ".readinessProbe", problems);
                }

                foreach (var (m, j) in Items(c["volumeMounts"]))
                {
                    Check(m, Mount, $"{path}.volumeMounts[{j}]", problems);
                }
            }
        }

        foreach (var (v, i) in Items(spec["volumes"]))
        {
            var path = $"spec.volumes[{i}]";
            Check(v, Volume, path, problems);
            Sub(v, "hostPath", HostPath, path, problems);
            Sub(v, "configMap", ConfigMap, path, problems);
            Sub(v, "emptyDir", EmptyDir, path, problems);
            if (v["hostPath"]?["type"]?.GetValue<string>() is { } type && type is not ("" or "Directory" or "DirectoryOrCreate" or "File"))
            {
                problems.Add($"{path}.hostPath.type={type}");
            }

            foreach (var (item, j) in Items(v["configMap"]?["items"]))
            {
                Check(item, ConfigMapItem, $"{path}.configMap.items[{j}]", problems);
            }
        }

        foreach (var (t, i) in Items(spec["tolerations"]))
        {
            Check(t, Toleration, $"spec.tolerations[{i}]", problems);
        }

        return problems;
    }

    private static IEnumerable<(JsonObject Item, int Index)> Items(JsonNode? array) =>
        array is JsonArray a ? a.Select((n, i) => (n!.AsObject(), i)) : [];

    private static void Sub(JsonObject parent, string key, HashSet<string> allowed, string path, List<string> problems)
    {
        if (parent[key] is JsonObject o)
        {
            Check(o, allowed, $"{path}.{key}", problems);
        }
    }

    private static void Check(JsonObject o, HashSet<string> allowed, string path, List<string> problems) =>
        problems.AddRange(o.Select(p => p.Key).Where(k => !allowed.Contains(k)).Select(k => $"{path}.{k}"));
}
