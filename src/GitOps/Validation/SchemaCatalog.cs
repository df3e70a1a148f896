using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Json.Schema;

namespace GitOps.Validation;

/// <summary>
/// Every schema the validator uses, loaded once from the library's embedded resources:
/// <c>kubernetes.schema.json</c> (generated from the Kubernetes 1.35 OpenAPI v3 documents and the CRDs, see
/// tests/GitOps.Tests/Validation/SchemaBundle) and the hand-written CNI schemas (<c>Schemas/Cni</c>).
/// Schemas are found by <c>apiVersion/kind</c> (<c>x-gitops-kinds</c>), by file name (<c>x-gitops-files</c>,
/// e.g. fleet.yaml), or as the CNI entry points. The raw schema documents are kept to look up what a failing
/// keyword allowed (enum values, known properties) for the fix hints.
/// A kind's schema is built on first use, from the bundle's definitions reachable from it (a set that
/// uses 10 of the 28 kinds never pays for building the other 18).
/// </summary>
internal sealed class SchemaCatalog
{
    private const string ResourcePrefix = "GitOps.Validation.Schemas.";
    private const string CniBase = "https://schemas.gitops.invalid/cni/";

    private readonly ConcurrentDictionary<string, JsonElement> documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lazy<JsonSchema>> kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lazy<JsonSchema>> files = new(StringComparer.Ordinal);
    /// <summary>The bundle definition of each kind, by <see cref="KindKey"/>.</summary>
    private readonly Dictionary<string, string> kindDefinitions = new(StringComparer.Ordinal);

    /// <summary>The bundle definition of each file schema, by file name (<c>fleet.yaml</c>).</summary>
    private readonly Dictionary<string, string> fileDefinitions = new(StringComparer.Ordinal);

    /// <summary>One build per definition: two kinds may share one (projectcalico.org/v3 and crd.projectcalico.org/v1 BGPPeer).</summary>
    private readonly Dictionary<string, Lazy<JsonSchema>> built = new(StringComparer.Ordinal);
    private readonly BuildOptions build = new() { SchemaRegistry = new SchemaRegistry() };

    /// <summary>JSON Schema 2020-12 plus the Kubernetes list semantics the bundle keeps (<see cref="ListMapKeysKeyword"/>).</summary>
    private readonly BuildOptions kubernetesBuild = new()
    {
        SchemaRegistry = new SchemaRegistry(),
        Dialect = Dialect.Draft202012.With([new ListMapKeysKeyword()], new Uri("https://schemas.gitops.invalid/dialect/kubernetes"), null, null),
    };
    private readonly Lock buildLock = new();
    private const string NadKind = "k8s.cni.cncf.io/v1/NetworkAttachmentDefinition";
    private readonly Lazy<IReadOnlyList<SetAside>> nadSetAside;
    private readonly string bundleId;
    private readonly JsonElement bundleDefs;

    public SchemaCatalog()
    {
        var started = Stopwatch.GetTimestamp();
        var assembly = typeof(SchemaCatalog).Assembly;
        var texts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".schema.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => ReadResource(assembly, n))
            .ToArray();

        JsonElement? bundle = null;
        foreach (var text in texts)
        {
            var root = JsonDocument.Parse(text).RootElement;
            if (root.TryGetProperty("x-gitops-kinds", out _))
            {
                bundle = root; // built per kind, on first use
                continue;
            }

            documents[root.GetProperty("$id").GetString()!] = root;
            JsonSchema.Build(root, build);
        }

        var kubernetes = bundle ?? throw new InvalidOperationException("The Kubernetes schema bundle is not embedded in the GitOps assembly.");
        bundleId = kubernetes.GetProperty("$id").GetString()!;
        bundleDefs = kubernetes.GetProperty("$defs");
        foreach (var kind in kubernetes.GetProperty("x-gitops-kinds").EnumerateObject())
        {
            var definition = kind.Value.GetString()!;
            kindDefinitions[kind.Name] = definition;
            kinds[kind.Name] = Built(definition);
        }

        foreach (var file in kubernetes.GetProperty("x-gitops-files").EnumerateObject())
        {
            var definition = file.Value.GetString()!;
            fileDefinitions[file.Name] = definition;
            files[file.Name] = Built(definition);
        }

        CniConfList = Reference(CniBase + "conflist.json");
        var listName = RawFollowingReference(CniBase + "conflist.json#/properties/name");
        CniListNameSetAside = [new SetAside(["name"], Reference(CniBase + "conflist.json#/properties/name"), Pattern: listName is { } raw ? SetAside.PatternPer(raw) : null)];
        CniNetConf = Reference(CniBase + "netconf.json");
        nadSetAside = new(() =>
        [
            KindSetAside(NadKind, ["metadata", "name"], "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", ["properties", "name"]),
            KindSetAside(NadKind, ["spec", "config"], "k8s.cni.cncf.io.v1.NetworkAttachmentDefinition", ["properties", "spec", "properties", "config"]),
        ], LazyThreadSafetyMode.ExecutionAndPublication);
        CniPlugins = Tagged("x-gitops-cni-plugin");
        CniIpams = Tagged("x-gitops-cni-ipam");
        CniPluginFields = TaggedFields("x-gitops-cni-plugin");
        CniIpamFields = TaggedFields("x-gitops-cni-ipam");
        LoadTime = Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Time the constructor took: reading and parsing every schema, building the CNI ones (kinds build on first use).</summary>
    public TimeSpan LoadTime { get; }

    /// <summary>A CNI network configuration list (has "plugins").</summary>
    public JsonSchema CniConfList { get; }

    /// <summary>A list's <c>name</c> and the subschema <see cref="CniConfList"/> applies to it (<c>conflist.json#/properties/name</c>),
    /// set aside from the list's shape (<see cref="SchemaErrorReporter.EvaluateRepeatingExcept"/>).</summary>
    public IReadOnlyList<SetAside> CniListNameSetAside { get; }

    /// <summary>A single-plugin CNI network configuration (a .conf, a Multus config, a delegate without "plugins").</summary>
    public JsonSchema CniNetConf { get; }

    /// <summary>The closed schema of each CNI plugin type we ship one for (<c>x-gitops-cni-plugin</c>).</summary>
    public IReadOnlyDictionary<string, JsonSchema> CniPlugins { get; }

    /// <summary>The closed schema of each IPAM type we ship one for (<c>x-gitops-cni-ipam</c>).</summary>
    public IReadOnlyDictionary<string, JsonSchema> CniIpams { get; }

    /// <summary>The top-level keys each CNI plugin schema names (its Go config struct's JSON names).</summary>
    public IReadOnlyDictionary<string, HashSet<string>> CniPluginFields { get; }

    /// <summary>The top-level keys each IPAM schema names.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> CniIpamFields { get; }

    /// <summary>
    /// The string values set aside from a kind's shape, each with the subschema the kind's schema applies to it
    /// (<see cref="SchemaErrorReporter.EvaluateRepeatingExcept"/>), or null for a kind evaluated whole. Only
    /// NetworkAttachmentDefinition: a lab has one per attachment (thousands in a large lab), alike but for
    /// <c>metadata.name</c> and <c>spec.config</c> (whose CNI list is named after the attachment). KindShapeTests hold its
    /// definition (and ObjectMeta) to reading those two values only through <c>properties</c>.
    /// </summary>
    public IReadOnlyList<SetAside>? SetAsideForKind(string apiVersion, string kind) => SetAsideForKind(apiVersion + "/" + kind);

    /// <inheritdoc cref="SetAsideForKind(string, string)"/>
    /// <param name="kindKey"><c>apiVersion/kind</c>, as <see cref="KindKey"/> makes it.</param>
    public IReadOnlyList<SetAside>? SetAsideForKind(string kindKey) => kindKey == NadKind ? nadSetAside.Value : null;

    /// <summary>The key a kind's schema is found by: <c>apiVersion/kind</c> (<c>apps/v1/DaemonSet</c>).</summary>
    public static string KindKey(string apiVersion, string kind) => apiVersion + "/" + kind;

    public JsonSchema? ForKind(string apiVersion, string kind) => ForKind(KindKey(apiVersion, kind));

    /// <summary>The kind's schema by <see cref="KindKey"/>; null when none is bundled.</summary>
    public JsonSchema? ForKind(string kindKey) => kinds.GetValueOrDefault(kindKey)?.Value;

    public JsonSchema? ForFile(string fileName) => files.GetValueOrDefault(fileName)?.Value;

    /// <inheritdoc cref="ForFile(string)"/>
    public JsonSchema? ForFile(ReadOnlySpan<char> fileName) =>
        files.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(fileName, out var schema) ? schema.Value : null;

    /// <summary>The raw bundle definition of a kind (<c>v1/ConfigMap</c>) or file (<c>fleet.yaml</c>), for walking it beside an instance.</summary>
    public JsonElement? RawForKind(string apiVersion, string kind) => RawForKind(KindKey(apiVersion, kind));

    /// <inheritdoc cref="RawForKind(string, string)"/>
    public JsonElement? RawForKind(string kindKey) =>
        kindDefinitions.TryGetValue(kindKey, out var name) ? bundleDefs.GetProperty(name) : null;

    /// <inheritdoc cref="RawForKind(string, string)"/>
    public JsonElement? RawForFile(string fileName) =>
        fileDefinitions.TryGetValue(fileName, out var name) ? bundleDefs.GetProperty(name) : null;

    /// <summary>A bundle-local reference (<c>#/$defs/name</c>) as the raw definition it names.</summary>
    public JsonElement? RawReference(string reference) =>
        reference.StartsWith("#/$defs/", StringComparison.Ordinal) && bundleDefs.TryGetProperty(JsonPointerText.Unescape(reference["#/$defs/".Length..]), out var found) ? found : null;

    /// <summary>The raw schema object at a location JsonSchema.Net reports (<c>https://…/x.json#/$defs/A/properties/b</c>).</summary>
    public JsonElement? Resolve(Uri location)
    {
        var text = location.OriginalString;
        var hash = text.IndexOf('#');
        var baseId = hash < 0 ? text : text[..hash];
        if (!documents.TryGetValue(baseId, out var node))
        {
            return null;
        }

        var pointer = hash < 0 ? "" : Uri.UnescapeDataString(text[(hash + 1)..]);
        var previous = "";
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = JsonPointerText.Unescape(raw);
            if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(token, out var child))
            {
                node = child;
            }
            else if (node.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index >= 0 && index < node.GetArrayLength())
            {
                node = node[index];
            }
            else if (previous is not ("items" or "additionalProperties"))
            {
                return null;
            }

            // JsonSchema.Net 8.0.5 reports the subschema of items/additionalProperties with the instance's
            // property name appended (".../additionalProperties/data"); that extra token is skipped.
            previous = token;
        }

        return node;
    }

    private Dictionary<string, JsonSchema> Tagged(string annotation) =>
        documents.Values
            .Where(d => d.TryGetProperty(annotation, out _))
            .ToDictionary(d => d.GetProperty(annotation).GetString()!, d => Reference(d.GetProperty("$id").GetString()!), StringComparer.Ordinal);

    private Lazy<JsonSchema> Built(string definition)
    {
        if (!built.TryGetValue(definition, out var schema))
        {
            schema = new Lazy<JsonSchema>(() => BuildDefinition(definition), LazyThreadSafetyMode.ExecutionAndPublication);
            built[definition] = schema;
        }

        return schema;
    }

    private Dictionary<string, HashSet<string>> TaggedFields(string annotation) =>
        documents.Values
            .Where(d => d.TryGetProperty(annotation, out _))
            .ToDictionary(
                d => d.GetProperty(annotation).GetString()!,
                d => d.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal);

    /// <summary>A value set aside at <paramref name="path"/> of a kind's objects: the subschema at
    /// <c>#/$defs/&lt;definition&gt;/&lt;keys…&gt;</c> of the kind's built document (definition names and keys need no escaping).</summary>
    private SetAside KindSetAside(string kindKey, string[] path, string definition, string[] keys)
    {
        _ = kinds[kindKey].Value; // builds (and registers) the kind's document
        var raw = keys.Aggregate(bundleDefs.GetProperty(definition), (node, key) => node.GetProperty(key));
        lock (buildLock)
        {
            var target = bundleId + "/" + kindDefinitions[kindKey] + "#/$defs/" + definition + "/" + string.Join('/', keys);
            var schema = JsonSchema.Build(JsonDocument.Parse("{\"$ref\":" + Quoted(target) + "}").RootElement, kubernetesBuild);
            return new SetAside(path, schema, SetAside.AcceptsEveryStringPer(raw));
        }
    }

    /// <summary>The raw subschema at <paramref name="location"/>; where that is only <c>{"$ref": …}</c>, the one it refers to
    /// (resolved against the referring location, as JsonSchema.Net resolves it), and so on; null when one is not found.</summary>
    private JsonElement? RawFollowingReference(string location)
    {
        var uri = new Uri(location);
        for (var hop = 0; hop < 8; hop++)
        {
            if (Resolve(uri) is not { } raw)
            {
                return null;
            }

            if (raw.ValueKind != JsonValueKind.Object || !raw.TryGetProperty("$ref", out var target) || target.ValueKind != JsonValueKind.String ||
                raw.EnumerateObject().Count() != 1)
            {
                return raw;
            }

            uri = new Uri(uri, target.GetString()!);
        }

        return null;
    }

    private JsonSchema Reference(string target)
    {
        lock (buildLock)
        {
            return JsonSchema.Build(JsonDocument.Parse("{\"$ref\":" + Quoted(target) + "}").RootElement, build);
        }
    }

    /// <summary>
    /// One bundle definition as its own document: <c>{"$id": bundle/name, "$ref": "#/$defs/name", "$defs": {reachable}}</c>,
    /// so building it costs only what it uses. References stay <c>#/$defs/…</c>, local to that document.
    /// </summary>
    private JsonSchema BuildDefinition(string name)
    {
        var reachable = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([name]);
        while (pending.TryPop(out var next))
        {
            if (reachable.Add(next))
            {
                foreach (var reference in LocalReferences(bundleDefs.GetProperty(next)))
                {
                    pending.Push(reference);
                }
            }
        }

        var id = bundleId + "/" + name;
        var text = new StringBuilder();
        // No $schema: the document is built with kubernetesBuild's dialect (2020-12 + x-kubernetes-list-map-keys).
        text.Append("{\"$id\":").Append(Quoted(id))
            .Append(",\"$ref\":").Append(Quoted("#/$defs/" + name)).Append(",\"$defs\":{");
        var first = true;
        foreach (var definition in reachable)
        {
            text.Append(first ? "" : ",").Append(Quoted(definition)).Append(':').Append(bundleDefs.GetProperty(definition).GetRawText());
            first = false;
        }

        var root = JsonDocument.Parse(text.Append("}}").ToString()).RootElement;
        documents[id] = root;
        lock (buildLock)
        {
            return JsonSchema.Build(root, kubernetesBuild);
        }
    }

    private static IEnumerable<string> LocalReferences(JsonElement node)
    {
        const string prefix = "#/$defs/";
        if (node.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in node.EnumerateObject())
            {
                if (property.Name == "$ref" && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { } target && target.StartsWith(prefix, StringComparison.Ordinal))
                {
                    yield return target[prefix.Length..];
                }
                else
                {
                    foreach (var reference in LocalReferences(property.Value))
                    {
                        yield return reference;
                    }
                }
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
            {
                foreach (var reference in LocalReferences(item))
                {
                    yield return reference;
                }
            }
        }
    }

    /// <summary>A JSON string literal (what JsonSerializer.Serialize(string) writes, without its reflection setup).</summary>
    private static string Quoted(string text)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(text);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
