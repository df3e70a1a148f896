using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Validation;

/// <summary>
/// The JSON an emitted object becomes: the same serialization the YAML writer reads
/// (<see cref="Output.KubernetesObjectJson"/>: k8s.Models types and the <c>[JsonPropertyName]</c> custom-resource
/// classes, nulls omitted, IntOrString/Quantity in wire form), read into a JsonDocument for the evaluator.
/// </summary>
internal static class ObjectJson
{
    /// <summary>The object's JSON; documents this creates are added to <paramref name="owned"/> for the caller to dispose.</summary>
    public static JsonElement ToElement(object value, List<JsonDocument> owned)
    {
        switch (value)
        {
            case JsonElement element:
                return element;
            case JsonDocument document:
                return document.RootElement;
            default:
                var created = JsonDocument.Parse(Output.KubernetesObjectJson.SerializeToUtf8Bytes(value));
                owned.Add(created);
                return created.RootElement;
        }
    }

    public static string? GetString(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.String ? current.GetString() : null;
    }

    public static JsonElement? Get(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Names the object in messages: <c>DaemonSet kube-system/kube-multus-ds</c>.</summary>
    public static string Describe(JsonElement obj)
    {
        var kind = obj.GetString("kind") ?? "object";
        var name = obj.GetString("metadata", "name") ?? "(unnamed)";
        var ns = obj.GetString("metadata", "namespace");
        return ns is null ? $"{kind} {name}" : $"{kind} {ns}/{name}";
    }
}
