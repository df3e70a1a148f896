using System.Diagnostics;
using System.Reflection;
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
/// </summary>
internal sealed class SchemaCatalog
{
    private const string ResourcePrefix = "GitOps.Validation.Schemas.";
    private const string CniBase = "https://schemas.gitops.invalid/cni/";

    private readonly Dictionary<string, JsonElement> documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonSchema> kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonSchema> files = new(StringComparer.Ordinal);

    public SchemaCatalog()
    {
        var started = Stopwatch.GetTimestamp();
        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
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
            var id = root.GetProperty("$id").GetString()!;
            documents[id] = root;
            JsonSchema.Build(root, build);
            if (root.TryGetProperty("x-gitops-kinds", out _))
            {
                bundle = root;
            }
        }

        var kubernetes = bundle ?? throw new InvalidOperationException("The Kubernetes schema bundle is not embedded in the GitOps assembly.");
        var bundleId = kubernetes.GetProperty("$id").GetString()!;
        foreach (var kind in kubernetes.GetProperty("x-gitops-kinds").EnumerateObject())
        {
            kinds[kind.Name] = Reference(build, bundleId + "#/$defs/" + kind.Value.GetString());
        }

        foreach (var file in kubernetes.GetProperty("x-gitops-files").EnumerateObject())
        {
            files[file.Name] = Reference(build, bundleId + "#/$defs/" + file.Value.GetString());
        }

        CniConfList = Reference(build, CniBase + "conflist.json");
        CniNetConf = Reference(build, CniBase + "netconf.json");
        CniPluginTypes = documents[CniBase + "plugin.json"].GetProperty("allOf").EnumerateArray()
            .Select(branch => branch.GetProperty("if").GetProperty("properties").GetProperty("type").GetProperty("const").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
        LoadTime = Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Time the constructor took: reading, parsing and building every schema.</summary>
    public TimeSpan LoadTime { get; }

    /// <summary>A CNI network configuration list (has "plugins").</summary>
    public JsonSchema CniConfList { get; }

    /// <summary>A single-plugin CNI network configuration (a .conf, a Multus config, a delegate without "plugins").</summary>
    public JsonSchema CniNetConf { get; }

    /// <summary>Plugin types that have their own closed schema (others get only the common checks).</summary>
    public IReadOnlySet<string> CniPluginTypes { get; }

    public IEnumerable<string> Kinds => kinds.Keys;

    public JsonSchema? ForKind(string apiVersion, string kind) => kinds.GetValueOrDefault(apiVersion + "/" + kind);

    public JsonSchema? ForFile(string fileName) => files.GetValueOrDefault(fileName);

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

    private static JsonSchema Reference(BuildOptions build, string target) =>
        JsonSchema.Build(JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["$ref"] = target })).RootElement, build);

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
