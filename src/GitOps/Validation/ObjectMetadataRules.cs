using System.Text.Json;
using System.Text.RegularExpressions;
using GitOps.Diagnostics;
using GitOps.Topology;

namespace GitOps.Validation;

/// <summary>
/// What the API server checks in every object's <c>metadata</c> and no OpenAPI schema states (GITOPS306), and fields
/// only the API server sets (GITOPS307, a warning). The formats are k8s.io/apimachinery's
/// (<c>pkg/util/validation/validation.go</c>: <c>IsDNS1123Subdomain</c>, <c>IsDNS1123Label</c>, <c>IsDNS1035Label</c>,
/// <c>IsQualifiedName</c>, <c>IsValidLabelValue</c>), applied as <c>pkg/api/validation/objectmeta.go</c>
/// <c>ValidateObjectMetaAccessor</c> applies them: the namespace a DNS-1123 label, label keys and values, annotation keys
/// (lower-cased first, <c>ValidateAnnotations</c>). A name is checked only for the kinds whose name function is known
/// here (kubernetes <c>pkg/apis/core/validation/validation.go</c>: <c>ValidateServiceName = NameIsDNS1035Label</c>,
/// <c>ValidateNamespaceName</c> a DNS-1123 label, <c>NameIsDNSSubdomain</c> for ConfigMap, Secret, PersistentVolume(Claim),
/// ServiceAccount, Pod; <c>pkg/apis/apps/validation/validation.go</c>: Deployment, DaemonSet, and StatefulSet at least a
/// subdomain); another kind's name rule (RBAC's path segments, a custom resource's) is its API's own.
/// </summary>
internal static partial class ObjectMetadataRules
{
    private const string Subdomain = "a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)";
    private const string Label1123 = "a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)";
    private const string Label1035 = "a DNS-1035 label (lower-case letters, digits and '-', starting with a letter and ending with a letter or digit, at most 63 characters)";

    /// <summary>Server-set fields of <c>metadata</c> that change what an apply does, in the order they are reported (others a
    /// server sets, <c>creationTimestamp</c>, <c>generation</c>, <c>selfLink</c>, are ignored when sent and not reported).</summary>
    private static readonly string[] ServerSetFields = ["uid", "resourceVersion", "managedFields"];

    public static void Check(JsonElement obj, string apiVersion, string kind, string file, ObjectSubject subject, List<Diagnostic> output)
    {
        if (!obj.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        // The kind first: the name is read (a string) only for the kinds whose name rule is known, not for every object.
        if (NameFormat(apiVersion, kind) is { } format && metadata.GetString("name") is { Length: > 0 } name && !format.Valid(name))
        {
            var example = Suggest(name, format.Dots);
            example = format.Valid(example) ? example : "my-" + example; // a DNS-1035 label starts with a letter
            Error(file, "/metadata/name", $"{subject}: metadata.name '{name}' is not a valid {kind} name: the API server takes {format.Text}. Fix: e.g. '{example}'.", output);
        }

        if (metadata.GetString("namespace") is { Length: > 0 } ns && !Names.IsDns1123Label(ns))
        {
            Error(file, "/metadata/namespace", $"{subject}: metadata.namespace '{ns}' is not {Label1123}. Fix: e.g. '{Suggest(ns, dots: false)}'.", output);
        }

        if (metadata.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in labels.EnumerateObject())
            {
                if (!Names.IsQualifiedName(label.Name))
                {
                    Error(file, "/metadata/labels", $"{subject}: the label key '{label.Name}' is not a qualified name (an optional DNS-1123 subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit). Fix: e.g. 'app.kubernetes.io/name'.", output);
                }

                if (label.Value.ValueKind == JsonValueKind.String && label.Value.GetString() is { } value && !Names.IsLabelValue(value))
                {
                    Error(file, JsonPointerText.Append("/metadata/labels", label.Name), $"{subject}: the label value '{value}' of '{label.Name}' is not a valid label value (empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit). Fix: e.g. '{Suggest(value, dots: true, lower: false)}', or put free text in an annotation.", output);
                }
            }
        }

        if (metadata.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object)
        {
            foreach (var annotation in annotations.EnumerateObject().Where(a => !Names.IsQualifiedName(a.Name.ToLowerInvariant())))
            {
                Error(file, "/metadata/annotations", $"{subject}: the annotation key '{annotation.Name}' is not a qualified name (an optional DNS-1123 subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit). Fix: e.g. 'example.com/note'.", output);
            }
        }

        List<string>? serverSet = null; // runs for every object: no allocation unless one is there
        foreach (var field in ServerSetFields)
        {
            if (metadata.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                (serverSet ??= []).Add(field);
            }
        }

        if (serverSet is not null)
        {
            output.Add(new Diagnostic(DiagnosticCodes.KubernetesServerSetField, DiagnosticSeverity.Warning, file + "#/metadata",
                $"{subject}: metadata has {string.Join(", ", serverSet)}, which only the API server sets (an object exported with kubectl get -o yaml?): they tie the object to one cluster's copy (a stale resourceVersion is a conflict, a uid a failed precondition) and server-side apply refuses managedFields. Fix: remove them."));
        }
    }

    private static void Error(string file, string pointer, string message, List<Diagnostic> output) =>
        output.Add(new Diagnostic(DiagnosticCodes.KubernetesInvalidMetadata, DiagnosticSeverity.Error, file + "#" + pointer, message));

    private sealed record Format(string Text, Func<string, bool> Valid, bool Dots);

    private static readonly Format ServiceName = new(Label1035, Names.IsDns1035Label, Dots: false);
    private static readonly Format NamespaceName = new(Label1123, Names.IsDns1123Label, Dots: false);
    private static readonly Format SubdomainName = new(Subdomain, Names.IsDns1123Subdomain, Dots: true);

    private static Format? NameFormat(string apiVersion, string kind) => (apiVersion, kind) switch
    {
        ("v1", "Service") => ServiceName,
        ("v1", "Namespace") => NamespaceName,
        ("v1", "ConfigMap" or "Secret" or "PersistentVolumeClaim" or "PersistentVolume" or "ServiceAccount" or "Pod") or
        ("apps/v1", "Deployment" or "DaemonSet" or "StatefulSet") => SubdomainName,
        _ => null,
    };

    /// <summary>The text lower-cased (unless <paramref name="lower"/> is false), each run of other characters made one
    /// '-', trimmed to letters or digits at both ends and to the length limit: an example, not a promise.</summary>
    private static string Suggest(string text, bool dots, bool lower = true)
    {
        var cleaned = NotAllowed(dots).Replace(lower ? text.ToLowerInvariant() : text, "-").Replace("..", ".").Trim('-', '.', '_');
        cleaned = cleaned.Length > 63 && !dots ? cleaned[..63].TrimEnd('-', '.', '_') : cleaned;
        return cleaned.Length == 0 ? "my-name" : cleaned;
    }

    private static Regex NotAllowed(bool dots) => dots ? NotAllowedWithDots() : NotAllowedNoDots();

    [GeneratedRegex("[^a-zA-Z0-9.]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotAllowedWithDots();

    [GeneratedRegex("[^a-zA-Z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotAllowedNoDots();
}
