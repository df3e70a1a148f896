using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Tests.Support;
using GitOps.Validation;

namespace GitOps.Tests.Validation.SchemaBundle;

/// <summary>
/// Builds <c>src/GitOps/Validation/Schemas/kubernetes.schema.json</c>: one JSON Schema 2020-12 document whose
/// <c>$defs</c> hold only the kinds the library emits and the definitions reachable from them, translated from
/// the upstream OpenAPI v3 documents and CRDs in <c>../shared/upstream</c> (see its SOURCES.md) by
/// <see cref="OpenApiTranslator"/>. <c>x-gitops-kinds</c> maps <c>apiVersion/kind</c> to a definition;
/// <c>x-gitops-files</c> maps a file name (fleet.yaml) to one. Output is deterministic: one definition per line,
/// ordinal order, so a regeneration diff shows exactly which definitions changed.
/// </summary>
internal static class SchemaBundleGenerator
{
    public const string BundleId = "https://schemas.gitops.invalid/kubernetes.json";

    private const string ObjectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";

    /// <summary>Built-in kinds we validate, with the OpenAPI v3 document that defines each (k8s 1.35).</summary>
    private static readonly (string File, string ApiVersion, string Kind)[] BuiltIns =
    [
        ("k8s-1.35-api__v1_openapi.json", "v1", "ConfigMap"),
        ("k8s-1.35-api__v1_openapi.json", "v1", "Namespace"),
        ("k8s-1.35-api__v1_openapi.json", "v1", "Pod"), // not emitted; the most common object users bring (examples, BYO YAML)
        ("k8s-1.35-api__v1_openapi.json", "v1", "Secret"),
        ("k8s-1.35-api__v1_openapi.json", "v1", "Service"),
        ("k8s-1.35-api__v1_openapi.json", "v1", "ServiceAccount"),
        ("k8s-1.35-apis__apps__v1_openapi.json", "apps/v1", "DaemonSet"),
        ("k8s-1.35-apis__apps__v1_openapi.json", "apps/v1", "Deployment"),
        ("k8s-1.35-apis__apps__v1_openapi.json", "apps/v1", "StatefulSet"),
        ("k8s-1.35-apis__rbac.authorization.k8s.io__v1_openapi.json", "rbac.authorization.k8s.io/v1", "ClusterRole"),
        ("k8s-1.35-apis__rbac.authorization.k8s.io__v1_openapi.json", "rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
        ("k8s-1.35-apis__rbac.authorization.k8s.io__v1_openapi.json", "rbac.authorization.k8s.io/v1", "Role"),
        ("k8s-1.35-apis__rbac.authorization.k8s.io__v1_openapi.json", "rbac.authorization.k8s.io/v1", "RoleBinding"),
        ("k8s-1.35-apis__apiextensions.k8s.io__v1_openapi.json", "apiextensions.k8s.io/v1", "CustomResourceDefinition"),
    ];

    /// <summary>Custom resources we validate, each from its CRD (the served version named).</summary>
    private static readonly (string File, string Version)[] Crds =
    [
        ("operator.tigera.io_installations.yaml", "v1"),
        ("networks-crd-from-multus-latest.yaml", "v1"),
        ("fleet-crd-gitrepos.yaml", "v1alpha1"),
        ("fleet-crd-bundles.yaml", "v1alpha1"),
        ("kustomize.toolkit.fluxcd.io_kustomizations.yaml", "v1"),
        ("flux-gitrepositories-crd.yaml", "v1"),
        ("flux-helmrepositories-crd.yaml", "v1"),
        ("flux-helmreleases-crd.yaml", "v2"),
        ("helm-controller-helmcharts-crd.yaml", "v1"),
        ("helm-controller-helmchartconfigs-crd.yaml", "v1"),
        ("rancher-provisioning-clusters-crd.yaml", "v1"),
        ("calico-bgpconfigurations-crd.yaml", "v1"),
        ("calico-bgppeers-crd.yaml", "v1"),
        ("calico-ippools-crd.yaml", "v1"),
    ];

    /// <summary>Files that are not Kubernetes objects, validated by file name.</summary>
    private static readonly (string File, string FileName)[] FileSchemas =
    [
        ("fleet.yaml.schema.json", "fleet.yaml"),
    ];

    public static string Generate(string upstreamDir)
    {
        var defs = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var kinds = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        var droppedFormats = new SortedSet<string>(StringComparer.Ordinal);

        // Built-ins: merge components.schemas of every document (shared types such as ObjectMeta are identical in each).
        var openApi = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var file in BuiltIns.Select(b => b.File).Distinct())
        {
            sources.Add(file);
            var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(upstreamDir, file)))!;
            foreach (var (name, schema) in doc["components"]!["schemas"]!.AsObject())
            {
                openApi.TryAdd(name, schema!.AsObject());
            }
        }

        var roots = new List<string> { ObjectMeta };
        foreach (var (_, apiVersion, kind) in BuiltIns)
        {
            var name = FindByGroupVersionKind(openApi, apiVersion, kind);
            kinds[$"{apiVersion}/{kind}"] = name;
            roots.Add(name);
        }

        var builtInTranslator = new OpenApiTranslator(SchemaSource.KubernetesOpenApi, r => "#/$defs/" + StripPrefix(r, "#/components/schemas/"));
        foreach (var name in Reachable(openApi, roots))
        {
            var translated = builtInTranslator.Translate(openApi[name]).AsObject();
            if (name == Quantity)
            {
                // apimachinery's resource.ParseQuantity rejects strings outside this expression with
                // "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'".
                translated["pattern"] = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
            }

            defs[name] = translated;
        }

        droppedFormats.UnionWith(builtInTranslator.DroppedFormats);

        foreach (var (file, version) in Crds)
        {
            sources.Add(file);
            var crd = YamlText.Documents(File.ReadAllText(Path.Combine(upstreamDir, file))).Single()!;
            var group = crd["spec"]!["group"]!.GetValue<string>();
            var kind = crd["spec"]!["names"]!["kind"]!.GetValue<string>();
            var served = crd["spec"]!["versions"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == version)!;
            var translator = new OpenApiTranslator(SchemaSource.CrdStructural, r => throw new InvalidDataException($"{file}: structural schemas have no $ref ({r})."));
            var schema = translator.Translate(served["schema"]!["openAPIV3Schema"]!).AsObject();
            droppedFormats.UnionWith(translator.DroppedFormats);

            // The API server validates a custom resource's metadata as ObjectMeta whatever the CRD says
            // (CRDs may only write `metadata: {type: object}`), and always accepts apiVersion/kind.
            var properties = schema["properties"]!.AsObject();
            properties["metadata"] = new JsonObject { ["$ref"] = "#/$defs/" + ObjectMeta };
            properties["apiVersion"] ??= new JsonObject { ["type"] = "string" };
            properties["kind"] ??= new JsonObject { ["type"] = "string" };

            var name = $"{group}.{version}.{kind}";
            defs[name] = schema;
            kinds[$"{group}/{version}/{kind}"] = name;
        }

        foreach (var (file, fileName) in FileSchemas)
        {
            sources.Add(file);
            var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(upstreamDir, file)))!.AsObject();
            string Map(string r) => "#/$defs/" + fileName + "." + StripPrefix(r, "#/$defs/");
            var translator = new OpenApiTranslator(SchemaSource.JsonSchema, Map);
            foreach (var (name, def) in doc["$defs"]!.AsObject())
            {
                defs[$"{fileName}.{name}"] = translator.Translate(def!);
            }

            var root = new JsonObject(doc.Where(p => p.Key != "$defs").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            defs[fileName] = translator.Translate(root);
            files[fileName] = fileName;
            droppedFormats.UnionWith(translator.DroppedFormats);
        }

        SubschemaDeduplicator.Run(defs);
        return Write(defs, kinds, files, sources, droppedFormats);
    }

    private static string FindByGroupVersionKind(Dictionary<string, JsonObject> schemas, string apiVersion, string kind)
    {
        var (group, version) = apiVersion.Contains('/') ? (apiVersion[..apiVersion.IndexOf('/')], apiVersion[(apiVersion.IndexOf('/') + 1)..]) : ("", apiVersion);
        var matches = schemas
            .Where(s => s.Value["x-kubernetes-group-version-kind"] is JsonArray gvks && gvks.Any(g =>
                g!["group"]!.GetValue<string>() == group && g["version"]!.GetValue<string>() == version && g["kind"]!.GetValue<string>() == kind))
            .Select(s => s.Key)
            .ToArray();
        return matches.Length == 1 ? matches[0] : throw new InvalidDataException($"{apiVersion}/{kind}: {matches.Length} definitions in the OpenAPI documents.");
    }

    private static IEnumerable<string> Reachable(Dictionary<string, JsonObject> schemas, IEnumerable<string> roots)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(roots);
        while (queue.TryDequeue(out var name))
        {
            if (!seen.Add(name))
            {
                continue;
            }

            foreach (var reference in Refs(schemas[name]))
            {
                queue.Enqueue(StripPrefix(reference, "#/components/schemas/"));
            }
        }

        return seen;
    }

    private static IEnumerable<string> Refs(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$ref" && p.Value is JsonValue v ? [v.GetValue<string>()] : Refs(p.Value)),
        JsonArray a => a.SelectMany(Refs),
        _ => [],
    };

    private static string StripPrefix(string reference, string prefix) =>
        reference.StartsWith(prefix, StringComparison.Ordinal) ? reference[prefix.Length..] : throw new InvalidDataException($"Unexpected $ref '{reference}'.");

    private static string Write(
        SortedDictionary<string, JsonNode> defs,
        SortedDictionary<string, string> kinds,
        SortedDictionary<string, string> files,
        SortedSet<string> sources,
        SortedSet<string> droppedFormats)
    {
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };
        string J(JsonNode? n) => n?.ToJsonString(options) ?? "null";
        string S(string s) => J(JsonValue.Create(s));

        var sb = new StringBuilder();
        sb.Append("{\n");
        sb.Append("  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n");
        sb.Append($"  \"$id\": {S(BundleId)},\n");
        sb.Append("  \"$comment\": \"GENERATED by tests/GitOps.Tests/Validation/SchemaBundle from the upstream files in x-gitops-sources (see shared/upstream/SOURCES.md). Do not edit: run the tests with GITOPS_UPDATE_SCHEMAS=1.\",\n");
        sb.Append($"  \"x-gitops-sources\": {J(new JsonArray(sources.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()))},\n");
        sb.Append($"  \"x-gitops-dropped-formats\": {J(new JsonArray(droppedFormats.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()))},\n");
        AppendMap(sb, "x-gitops-kinds", kinds.Select(k => (k.Key, S(k.Value))), last: false);
        AppendMap(sb, "x-gitops-files", files.Select(k => (k.Key, S(k.Value))), last: false);
        AppendMap(sb, "$defs", defs.Select(d => (d.Key, J(d.Value))), last: true);
        sb.Append("}\n");
        return sb.ToString();

        void AppendMap(StringBuilder b, string name, IEnumerable<(string Key, string Json)> entries, bool last)
        {
            b.Append($"  {S(name)}: {{\n");
            var list = entries.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                b.Append($"    {S(list[i].Key)}: {list[i].Json}{(i < list.Count - 1 ? "," : "")}\n");
            }

            b.Append(last ? "  }\n" : "  },\n");
        }
    }
}
