using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Kubernetes;

namespace GitOps.Output;

/// <summary>
/// One JSON document per emitted object, serialized once (<see cref="KubernetesObjectJson"/>) and read by both the YAML
/// writer and the validator; a file that repeats another's objects (<see cref="ManifestFile.CopyOf"/>) reuses them.
/// An object with embedded YAML (<see cref="IEmbedsYaml"/>) gets its fields' text here, rendered by
/// <see cref="YamlRenderer"/> from the children's documents of this same cache, so a child the validator then reads
/// is not serialized again. Keyed by reference: two equal objects are two documents. Dispose returns the documents'
/// pooled buffers.
/// </summary>
internal sealed class ObjectJsonDocuments : IDisposable
{
    private readonly Dictionary<object, JsonDocument> documents = new(ReferenceEqualityComparer.Instance);

    /// <summary>How many objects have been serialized so far, each once.</summary>
    public int Count => documents.Count;

    /// <summary>The object's JSON (a <see cref="JsonElement"/> or <see cref="JsonDocument"/> is taken as it is).</summary>
    /// <exception cref="NotSupportedException">The object's type cannot be serialized.</exception>
    public JsonElement Of(object value)
    {
        switch (value)
        {
            case JsonElement element:
                return element;
            case JsonDocument document:
                return document.RootElement;
        }

        if (!documents.TryGetValue(value, out var json))
        {
            var bytes = KubernetesObjectJson.SerializeToUtf8Bytes(value);
            json = value is IEmbedsYaml owner ? WithEmbeddedText(bytes, owner) : JsonDocument.Parse(bytes);
            documents[value] = json;
        }

        return json.RootElement;
    }

    /// <summary>The owner's JSON with each embedded field's slot (a null, <see cref="EmbeddedYamlSlot"/>) replaced by its rendered text.</summary>
    private JsonDocument WithEmbeddedText(byte[] bytes, IEmbedsYaml owner)
    {
        var root = JsonNode.Parse(bytes)!.AsObject();
        foreach (var field in owner.EmbeddedYaml)
        {
            var parent = field.JsonPath.SkipLast(1).Aggregate(root, (node, key) => node[key]!.AsObject());
            var key = field.JsonPath[^1];
            if (!parent.ContainsKey(key) || parent[key] is not null)
            {
                throw new InvalidOperationException($"{owner.GetType().Name}: no embedded-YAML slot at {string.Join('/', field.JsonPath)}.");
            }

            parent[key] = YamlRenderer.RenderEmbedded(field.Content, this);
        }

        return JsonDocument.Parse(root.ToJsonString());
    }

    public void Dispose()
    {
        foreach (var document in documents.Values)
        {
            document.Dispose();
        }

        documents.Clear();
    }
}
