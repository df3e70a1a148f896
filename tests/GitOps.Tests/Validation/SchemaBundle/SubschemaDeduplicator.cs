using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Tests.Validation.SchemaBundle;

/// <summary>
/// CRDs cannot use <c>$ref</c>, so generated CRDs repeat whole subtrees (the Tigera Installation inlines
/// affinity, resources, tolerations... for every component it overrides). This hoists every subschema of at
/// least <see cref="MinimumSize"/> characters that occurs more than once into a shared definition
/// (<c>shared.&lt;property&gt;.&lt;hash&gt;</c>) and points each occurrence at it: same meaning, a fraction of
/// the size and of the schema build time. Largest first, so a repeated parent is hoisted before its children.
/// </summary>
internal static class SubschemaDeduplicator
{
    public const int MinimumSize = 150;

    public static void Run(IDictionary<string, JsonNode> defs)
    {
        while (true)
        {
            var occurrences = new Dictionary<string, List<(JsonObject Parent, string Key)>>(StringComparer.Ordinal);
            foreach (var def in defs.Values)
            {
                Collect(def, occurrences);
            }

            var best = occurrences
                .Where(o => o.Value.Count > 1 && o.Key.Length >= MinimumSize)
                .OrderByDescending(o => o.Key.Length * (o.Value.Count - 1))
                .ThenBy(o => o.Key, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best.Key is null)
            {
                return;
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(best.Key)))[..10];
            var name = $"shared.{best.Value[0].Key}.{hash}";
            defs[name] = JsonNode.Parse(best.Key)!;
            foreach (var (parent, key) in best.Value)
            {
                parent[key] = new JsonObject { ["$ref"] = "#/$defs/" + name };
            }
        }
    }

    /// <summary>Records every subschema under a named property (properties/items/additionalProperties); array branches are left alone.</summary>
    private static void Collect(JsonNode node, Dictionary<string, List<(JsonObject, string)>> occurrences)
    {
        if (node is not JsonObject obj)
        {
            return;
        }

        if (obj["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties.ToArray())
            {
                Add(properties, name, child);
            }
        }

        foreach (var key in new[] { "items", "additionalProperties" })
        {
            if (obj[key] is JsonObject child)
            {
                Add(obj, key, child);
            }
        }

        void Add(JsonObject parent, string key, JsonNode? child)
        {
            if (child is not JsonObject)
            {
                return;
            }

            var text = child.ToJsonString();
            if (!occurrences.TryGetValue(text, out var list))
            {
                occurrences[text] = list = [];
            }

            list.Add((parent, key));
            Collect(child, occurrences);
        }
    }
}
