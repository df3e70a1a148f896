using GitOps.Diagnostics;
using GitOps.Output;
using k8s;
using k8s.Models;

namespace GitOps.Kubernetes;

/// <summary>Every emitted object must be unique by API group, kind, namespace and name, or one would overwrite the other in the cluster.</summary>
internal static class ObjectNames
{
    public static void ThrowIfDuplicates(ManifestSet set)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<Diagnostic>();
        foreach (var file in set.Files)
        {
            foreach (var obj in file.Objects)
            {
                if (obj is not IKubernetesObject<V1ObjectMeta> k)
                {
                    throw new InvalidOperationException($"{obj.GetType().Name} in {file.RelativePath} is not a Kubernetes object (IKubernetesObject<V1ObjectMeta>).");
                }

                var group = k.ApiVersion.Contains('/') ? k.ApiVersion[..k.ApiVersion.IndexOf('/')] : "";
                var ns = k.Metadata?.NamespaceProperty ?? "";
                var name = k.Metadata?.Name ?? "";
                var key = $"{group}/{k.Kind}/{ns}/{name}";
                if (!seen.TryAdd(key, file.RelativePath))
                {
                    var where = ns.Length == 0 ? name : $"{ns}/{name}";
                    problems.Add(new Diagnostic(DiagnosticCodes.DuplicateName, DiagnosticSeverity.Error, file.RelativePath,
                        $"{k.Kind} '{where}' is also emitted in {seen[key]}; give one of them another name in the model."));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new LabValidationException(problems);
        }
    }
}
