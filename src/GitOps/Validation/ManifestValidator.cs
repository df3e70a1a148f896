using System.Text.Json;
using GitOps.Diagnostics;
using GitOps.Output;

namespace GitOps.Validation;

/// <summary>
/// Validates every object of a <see cref="ManifestSet"/> in memory, before anything is written:
/// Kubernetes built-ins against the Kubernetes 1.35 OpenAPI schemas, custom resources against their CRDs,
/// files such as fleet.yaml against their schema, the CNI configs inside ConfigMaps and
/// NetworkAttachmentDefinitions against the CNI schemas and the Multus version rule, and the semantic rules
/// schemas cannot express (Calico canReach). Objects carried in another object's field as YAML (a Rancher Cluster's
/// <c>additionalManifest</c>, the tigera-operator HelmChart's values) are validated from their typed form, as objects of
/// their own, never parsed back from text (such a field given as text, in an object read from YAML, is checked as the
/// string its schema says). An object is judged as its consumer reads it: explicit nulls the
/// API server treats as unset are not errors (<see cref="NullValues"/>). Every problem is collected (GITOPS3xx); each names the file
/// that would have been written and the JSON path in the object: <c>manifests/calico/installation.yaml#/spec/calicoNetwork/bgp</c>.
/// Schemas are loaded once per process (<see cref="Shared"/>); the validator is thread-safe.
/// </summary>
internal sealed class ManifestValidator
{
    private static readonly Lazy<ManifestValidator> SharedInstance = new(() => new ManifestValidator(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly SchemaCatalog catalog;
    private readonly SchemaErrorReporter reporter;
    private readonly CniConfigValidator cni;

    private ManifestValidator()
    {
        catalog = new SchemaCatalog();
        reporter = new SchemaErrorReporter(catalog);
        cni = new CniConfigValidator(catalog, reporter);
    }

    /// <summary>The process-wide validator; the first use loads and builds the schemas.</summary>
    public static ManifestValidator Shared => SharedInstance.Value;

    /// <summary>How long loading and building the schemas took (once per process).</summary>
    internal TimeSpan SchemaLoadTime => catalog.LoadTime;

    /// <summary>Validates <paramref name="set"/> with default options (the Multus version read from the set).</summary>
    /// <param name="set">The files to check.</param>
    /// <returns>Every problem found (GITOPS3xx), errors and warnings; empty when the set is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="set"/> is null.</exception>
    public IReadOnlyList<Diagnostic> Validate(ManifestSet set) => Validate(set, new ManifestValidationOptions());

    /// <summary>Validates <paramref name="set"/>: every object of every file, and every file the schemas know by name (fleet.yaml).</summary>
    /// <param name="set">The files to check.</param>
    /// <param name="options">Which Multus version's CNI rules apply.</param>
    /// <returns>Every problem found (GITOPS3xx), errors and warnings; empty when the set is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="set"/> or <paramref name="options"/> is null.</exception>
    public IReadOnlyList<Diagnostic> Validate(ManifestSet set, ManifestValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        using var json = new ObjectJsonDocuments();
        return Validate(set, options, json);
    }

    /// <summary>As <see cref="Validate(ManifestSet, ManifestValidationOptions)"/>, reading each object's JSON from
    /// <paramref name="documents"/>, the documents the YAML writer rendered the files from.</summary>
    internal IReadOnlyList<Diagnostic> Validate(ManifestSet set, ManifestValidationOptions options, ObjectJsonDocuments documents)
    {
        var output = new List<Diagnostic>();
        var objects = new List<(string File, JsonElement Json)>();
        var values = new List<(string File, object Value)>();
        var owned = new List<JsonDocument>();
        try
        {
            foreach (var file in set.Files)
            {
                if (file.CopyOf is not null)
                {
                    continue; // The same objects as file.CopyOf, validated there.
                }

                for (var i = 0; i < file.Objects.Count; i++)
                {
                    if (file.Objects[i] is IFileDocument && catalog.ForFile(FileName(file.RelativePath)) is null)
                    {
                        continue; // A library file format (networkd unit, frr.conf, K3s config.yaml…) without a schema.
                    }

                    Add(file.RelativePath, file.Objects[i], null, i);
                }
            }

            // The typed children of embedded-YAML fields (a Rancher Cluster's additionalManifest, a HelmChart's values),
            // breadth first: validated like any object, at <file>#<field>. Read from the same documents, never parsed back.
            for (var next = 0; next < values.Count; next++)
            {
                var (file, value) = values[next];
                foreach (var field in (value as IEmbedsYaml)?.EmbeddedYaml ?? [])
                {
                    for (var i = 0; i < field.Content.Children.Count; i++)
                    {
                        Add($"{file}#{field.Content.Label}", field.Content.Children[i], field.Content.Label, i);
                    }
                }
            }

            // An object is named ("object 3", "additionalManifest object 0") only when it cannot be serialized.
            void Add(string file, object value, string? field, int index)
            {
                try
                {
                    objects.Add((file, documents.Of(value)));
                    values.Add((file, value));
                }
                catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
                {
                    output.Add(new Diagnostic(DiagnosticCodes.ObjectNotValidatable, DiagnosticSeverity.Error, file + "#",
                        $"{(field is null ? "" : field + " ")}object {index} ({value.GetType().Name}) cannot be serialized to JSON: {e.Message}"));
                }
            }

            var multus = options.MultusVersion ?? MultusImageVersion.Detect(objects.Select(o => o.Json));
            var kinds = BuildSchemasFor(objects);
            // On every core for a large set: each chunk's problems in a list of its own, read back in the objects' order.
            var found = new List<Diagnostic>?[ParallelChunks.Chunks(objects.Count)];
            ParallelChunks.Run(objects.Count, () => new List<JsonDocument>(), (documentsOfWorker, chunk, start, end) =>
            {
                var problems = new List<Diagnostic>();
                for (var i = start; i < end; i++)
                {
                    ValidateObject(objects[i].File, objects[i].Json, kinds[i], multus, problems, documentsOfWorker);
                }

                found[chunk] = problems.Count > 0 ? problems : null;
            }, documentsOfWorker =>
            {
                lock (owned)
                {
                    owned.AddRange(documentsOfWorker);
                }
            });
            foreach (var problems in found)
            {
                output.AddRange(problems ?? []);
            }

            return output;
        }
        finally
        {
            foreach (var document in owned)
            {
                document.Dispose();
            }
        }
    }

    /// <summary>
    /// Builds, here on one thread and in the objects' order, every kind and file schema the objects need: a schema is
    /// built on first use and registered in the catalog's schema registry, and the objects are then evaluated on every
    /// core; so no build meets an evaluation on another thread. Objects of one kind usually follow each other: a string
    /// is made only when the kind changes, and each object's <see cref="ObjectKind"/> (null without a string apiVersion
    /// and kind) shares it.
    /// </summary>
    private ObjectKind?[] BuildSchemasFor(List<(string File, JsonElement Json)> objects)
    {
        var kinds = new ObjectKind?[objects.Count];
        ObjectKind? last = null;
        for (var i = 0; i < objects.Count; i++)
        {
            var (file, json) = objects[i];
            _ = catalog.ForFile(file.AsSpan(file.LastIndexOf('/') + 1));
            if (json.ValueKind != JsonValueKind.Object ||
                !json.TryGetProperty("apiVersion", out var a) || a.ValueKind != JsonValueKind.String ||
                !json.TryGetProperty("kind", out var k) || k.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            if (last is null || !a.ValueEquals(last.ApiVersion) || !k.ValueEquals(last.Kind))
            {
                var (apiVersion, kind) = (a.GetString()!, k.GetString()!);
                last = new ObjectKind(apiVersion, kind, SchemaCatalog.KindKey(apiVersion, kind));
                _ = catalog.ForKind(last.Key);
                _ = catalog.SetAsideForKind(last.Key);
            }

            kinds[i] = last;
        }

        return kinds;
    }

    /// <summary>An object's <c>apiVersion</c> and <c>kind</c>, and the catalog's key for them.</summary>
    private sealed record ObjectKind(string ApiVersion, string Kind, string Key);

    /// <summary>The object with the nulls its reader treats as "not set" removed (<see cref="NullValues"/>).</summary>
    private JsonElement AsReadUpstream(JsonElement json, JsonElement? schema, List<JsonDocument> owned) =>
        schema is { } s && NullValues.Contains(json) ? NullValues.Prune(json, s, catalog.RawReference, owned) : json;

    private static string FileName(string relativePath) => relativePath[(relativePath.LastIndexOf('/') + 1)..];

    private void ValidateObject(string file, JsonElement json, ObjectKind? objectKind, Version? multus, List<Diagnostic> output, List<JsonDocument> owned)
    {
        var subject = ObjectSubject.Of(json);
        var path = ReportPath.Of(file);
        // The file name looked up in place: a string is made only for a file the schemas know (fleet.yaml), not per object.
        if (catalog.ForFile(file.AsSpan(file.LastIndexOf('/') + 1)) is { } fileSchema)
        {
            var fileName = FileName(file);
            reporter.Evaluate(fileSchema, AsReadUpstream(json, catalog.RawForFile(fileName), owned), SchemaFamily.Kubernetes, path, ObjectSubject.Named(fileName), output);
            return;
        }

        if (objectKind is not (var apiVersion, var kind, var kindKey))
        {
            output.Add(new Diagnostic(DiagnosticCodes.ObjectNotValidatable, DiagnosticSeverity.Error, path.ToString(),
                $"{subject}: the object has no {(json.GetString("apiVersion") is null ? "apiVersion" : "kind")}. Fix: set ApiVersion (group/version, e.g. apps/v1) and Kind (e.g. DaemonSet) on the object."));
            return;
        }

        if (catalog.ForKind(kindKey) is { } schema)
        {
            var instance = AsReadUpstream(json, catalog.RawForKind(kindKey), owned);
            if (catalog.SetAsideForKind(kindKey) is { } setAside)
            {
                reporter.EvaluateRepeatingExcept(schema, setAside, instance, SchemaFamily.Kubernetes, path, subject, output);
            }
            else
            {
                reporter.Evaluate(schema, instance, SchemaFamily.Kubernetes, path, subject, output);
            }
        }
        else
        {
            output.Add(new Diagnostic(DiagnosticCodes.NoSchemaForKind, DiagnosticSeverity.Warning, path.ToString(),
                $"{subject}: no schema bundled for {apiVersion}/{kind}; the object was not validated."));
        }

        ObjectMetadataRules.Check(json, apiVersion, kind, file, subject, output);
        cni.Check(json, file, subject, multus, output);
        CalicoRules.Check(json, file, subject, output);
    }
}
