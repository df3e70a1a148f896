using System.Text.Json;
using GitOps.Kubernetes;

namespace GitOps.Output;

/// <summary>
/// One JSON document per emitted object, serialized once (<see cref="KubernetesObjectJson"/>) and read by both the YAML
/// writer and the validator; a file that repeats another's objects (<see cref="ManifestFile.CopyOf"/>) reuses them.
/// Keyed by reference: two equal objects are two documents. Dispose returns the documents' pooled buffers.
/// </summary>
internal sealed class ObjectJsonDocuments : IDisposable
{
    private readonly Dictionary<object, JsonDocument> documents = new(ReferenceEqualityComparer.Instance);

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
            json = JsonDocument.Parse(KubernetesObjectJson.SerializeToUtf8Bytes(value));
            documents[value] = json;
        }

        return json.RootElement;
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
