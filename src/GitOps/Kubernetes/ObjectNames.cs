using GitOps.Diagnostics;
using GitOps.Output;

namespace GitOps.Kubernetes;

/// <summary>Every emitted object must be unique by apiVersion group, kind, namespace and name, or one would overwrite the other in the cluster.</summary>
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
                var json = YamlRenderer.ToJson(obj);
                var apiVersion = (string?)json["apiVersion"] ?? "";
                var group = apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";
                var kind = (string?)json["kind"] ?? "";
                var ns = (string?)json["metadata"]?["namespace"] ?? "";
                var name = (string?)json["metadata"]?["name"] ?? "";
                var key = $"{group}/{kind}/{ns}/{name}";
                if (!seen.TryAdd(key, file.RelativePath))
                {
                    var where = ns.Length == 0 ? name : $"{ns}/{name}";
                    problems.Add(new Diagnostic(DiagnosticCodes.DuplicateName, DiagnosticSeverity.Error, file.RelativePath,
                        $"{kind} '{where}' is also emitted in {seen[key]}; give one of them another name in the model."));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new LabValidationException(problems);
        }
    }
}
