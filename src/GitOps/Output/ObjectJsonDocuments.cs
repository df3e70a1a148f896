using System.Runtime.InteropServices;
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
/// <para>
/// The generator holds each object in one form from the JSON on (<see cref="ReplaceObjectsWithJson"/>): a set's data
/// objects are replaced by their JSON (<see cref="SerializedObject"/>), so the typed objects can be collected once that
/// method returns, and each JSON is released once the last file that holds it is rendered (<see cref="Rendered"/>). At N = 10,000
/// attachments the typed objects are ~21 MB and their JSON ~12 MB; holding both, and the JSON beside the rendered
/// files, was most of the process's peak.
/// </para>
/// </summary>
internal sealed class ObjectJsonDocuments : IDisposable
{
    private readonly Dictionary<object, JsonDocument> documents = new(ReferenceEqualityComparer.Instance);
    private readonly Lock documentsLock = new();

    /// <summary>How many objects have been serialized so far, each once.</summary>
    public int Count => documents.Count;

    /// <summary>The object's JSON (a <see cref="JsonElement"/>, <see cref="JsonDocument"/> or <see cref="SerializedObject"/> is taken as it is).</summary>
    /// <exception cref="NotSupportedException">The object's type cannot be serialized.</exception>
    public JsonElement Of(object value)
    {
        switch (value)
        {
            case JsonElement element:
                return element;
            case JsonDocument document:
                return document.RootElement;
            case SerializedObject serialized:
                return serialized.Json;
        }

        lock (documentsLock) // files are rendered in parallel; re-entered by WithEmbeddedText for an owner's children
        {
            if (!documents.TryGetValue(value, out var json))
            {
                json = KubernetesObjectJson.SerializeToDocument(value);
                if (value is IEmbedsYaml owner)
                {
                    using var withSlots = json;
                    json = WithEmbeddedText(withSlots.RootElement, owner);
                }

                documents[value] = json;
            }

            return json.RootElement;
        }
    }

    /// <summary>
    /// Replaces each data object of <paramref name="set"/> (a Kubernetes object or a custom resource: not
    /// a <see cref="IFileDocument"/>, which the validator picks by type, nor an <see cref="IEmbedsYaml"/> owner, whose
    /// typed children the validator checks, nor JSON already) by its <see cref="SerializedObject"/>, which the validator
    /// and the YAML writer read as they read the object (<see cref="Of"/>). An object held by several files
    /// (<see cref="ManifestFile.CopyOf"/>) becomes one. An object that cannot be serialized is left as it is: the
    /// validator reports it (ObjectNotValidatable). Duplicate checks (ObjectNames) read the typed objects, so they run
    /// before this. <see cref="Rendered"/> releases each object's JSON after its last file. The distinct objects are
    /// serialized on every core for a large set (<see cref="ParallelChunks"/>); the JSON does not depend on the order.
    /// </summary>
    public static void ReplaceObjectsWithJson(ManifestSet set)
    {
        // Each distinct data object once, in the order first met, and how many files hold it.
        var uses = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        var distinct = new List<object>();
        foreach (var file in set.Files)
        {
            foreach (var value in file.Objects)
            {
                if (IsData(value))
                {
                    ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(uses, value, out var seen);
                    count++;
                    if (!seen)
                    {
                        distinct.Add(value);
                    }
                }
            }
        }

        // Serialized on every core for a large set (System.Text.Json's serializer is thread-safe), each into its place.
        var serialized = new SerializedObject?[distinct.Count];
        ParallelChunks.For(distinct.Count, i =>
        {
            try
            {
                serialized[i] = new SerializedObject(Compact(distinct[i]), uses[distinct[i]]);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
            {
                // Left as it is: the validator serializes it again and reports why it cannot be.
            }
        });

        var json = new Dictionary<object, SerializedObject>(distinct.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < distinct.Count; i++)
        {
            if (serialized[i] is { } value)
            {
                json[distinct[i]] = value;
            }
        }

        distinct.Clear();
        uses.Clear();
        set.ReplaceObjects(file =>
        {
            var objects = new object[file.Objects.Count];
            for (var i = 0; i < objects.Length; i++)
            {
                objects[i] = json.GetValueOrDefault(file.Objects[i]) ?? file.Objects[i];
            }

            return objects;
        });
    }

    private static bool IsData(object value) =>
        value is not (IFileDocument or IEmbedsYaml or JsonNode or JsonElement or JsonDocument or SerializedObject);

    /// <summary>
    /// The object's JSON in a document of its own, of its exact size: the serialized document's JSON and metadata are
    /// rented from the shared array pool, sized by estimate (the metadata about the JSON's length, rounded up to a power
    /// of two), which for a document kept from serialization to rendering is more than the JSON itself; the copy keeps
    /// the JSON and a row per token (a NetworkAttachmentDefinition: ~740 bytes of JSON, ~20 rows of 12 bytes), and the
    /// rented arrays go back at once.
    /// </summary>
    private static JsonElement Compact(object value)
    {
        using var serialized = KubernetesObjectJson.SerializeToDocument(value);
        return serialized.RootElement.Clone();
    }

    /// <summary>
    /// After <paramref name="file"/> is rendered: the JSON of each of its <see cref="SerializedObject"/>s that no file
    /// still to be rendered holds is released (it can be collected). A set is rendered once.
    /// </summary>
    public static void Rendered(ManifestFile file)
    {
        foreach (var value in file.Objects)
        {
            (value as SerializedObject)?.FileRendered();
        }
    }

    /// <summary>The owner's JSON with each embedded field's slot (a null, <see cref="EmbeddedYamlSlot"/>) replaced by its rendered text.</summary>
    private JsonDocument WithEmbeddedText(JsonElement json, IEmbedsYaml owner)
    {
        var root = JsonNode.Parse(JsonMarshal.GetRawUtf8Value(json))!.AsObject();
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

/// <summary>
/// An emitted object after <see cref="ObjectJsonDocuments.ReplaceObjectsWithJson"/>: its JSON (what the validator and
/// the YAML writer read), until the last file that holds it is rendered.
/// </summary>
internal sealed class SerializedObject(JsonElement json, int files)
{
    private JsonElement? json = json;
    private int filesToRender = files;

    /// <summary>The object's JSON.</summary>
    /// <exception cref="InvalidOperationException">Every file that holds it has been rendered: it was released.</exception>
    public JsonElement Json => json ?? throw new InvalidOperationException("The object's JSON was released once its files were rendered.");

    /// <summary>Whether the JSON was released (every file that holds the object has been rendered).</summary>
    public bool IsReleased => json is null;

    /// <summary>One file that holds the object was rendered; after the last, the JSON is released. Thread-safe (files are
    /// rendered in parallel); no file still to be rendered reads a released object's JSON.</summary>
    public void FileRendered()
    {
        if (Interlocked.Decrement(ref filesToRender) == 0)
        {
            json = null;
        }
    }
}
