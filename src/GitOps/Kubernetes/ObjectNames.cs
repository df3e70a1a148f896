using GitOps.Diagnostics;
using GitOps.Output;
using k8s;
using k8s.Models;

namespace GitOps.Kubernetes;

/// <summary>Every emitted object must be unique by API group, kind, namespace and name, or one would overwrite the other in the cluster.</summary>
internal static class ObjectNames
{
    /// <summary>
    /// File names are derived from names joined by '-' (<c>deployment-{namespace}-{name}.yaml</c>), so two
    /// valid model elements can map to one file ("a-b/c" and "a/b-c"); report it rather than overwrite.
    /// </summary>
    public static void ThrowIfFileCollisions(IReadOnlyList<ManifestFile> files)
    {
        var problems = files
            .GroupBy(f => f.RelativePath, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Diagnostic(DiagnosticCodes.DuplicateName, DiagnosticSeverity.Error, g.Key,
                $"the file would hold both {string.Join(" and ", g.Select(Describe))}; rename one of them in the model.",
                g.Select(f => f.Source).LastOrDefault(s => s is { File.Length: > 0 })?.File,
                g.Select(f => f.Source).LastOrDefault(s => s is { File.Length: > 0 })?.Line ?? 0))
            .ToArray();
        if (problems.Length > 0)
        {
            throw new LabValidationException(problems);
        }
    }

    /// <summary>The file's objects, and where in the lab's C# its element was declared when known
    /// (<c>Service 'smarthome/homeassistant' (declared at Program.cs:17)</c>), so two files with one path can be told apart.</summary>
    private static string Describe(ManifestFile file) =>
        string.Join(", ", file.Objects.Select(obj =>
        {
            var (_, kind, ns, name) = Identity(obj);
            return name is null ? $"a {kind} document" : $"{kind} '{(ns is null ? name : $"{ns}/{name}")}'";
        })) + (file.Source?.ShortText is { } at ? $" (declared at {at})" : "");

    /// <summary>
    /// apiVersion, kind, namespace and name of an object the cluster stores (k8s.Models types and
    /// <see cref="CustomResource"/>s); null name for files that are not cluster objects (kustomization.yaml).
    /// </summary>
    private static (string ApiVersion, string Kind, string? Namespace, string? Name) Identity(object obj) =>
        obj is IKubernetesObject<V1ObjectMeta> k
            ? (k.ApiVersion ?? "", k.Kind ?? "", k.Metadata?.NamespaceProperty, k.Metadata?.Name)
            : ("", obj.GetType().Name, null, null);

    /// <summary>One GITOPS112 error per object whose API group, kind, namespace and name an earlier file already has.</summary>
    public static IReadOnlyList<Diagnostic> Duplicates(ManifestSet set)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<Diagnostic>();
        foreach (var file in set.Files.Where(f => f.CopyOf is null))
        {
            foreach (var obj in file.Objects)
            {
                var (apiVersion, kind, objectNamespace, name) = Identity(obj);
                if (name is null)
                {
                    continue; // Not an object the cluster stores (kustomization.yaml).
                }

                var group = apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";
                var ns = objectNamespace ?? "";
                var key = $"{group}/{kind}/{ns}/{name}";
                if (!seen.TryAdd(key, file.RelativePath))
                {
                    var where = ns.Length == 0 ? name : $"{ns}/{name}";
                    problems.Add(new Diagnostic(DiagnosticCodes.DuplicateName, DiagnosticSeverity.Error, file.RelativePath,
                        $"{kind} '{where}' is also emitted in {seen[key]}; give one of them another name in the model."));
                }
            }
        }

        return problems;
    }
}
