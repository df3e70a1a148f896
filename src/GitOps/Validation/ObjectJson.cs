using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Validation;

/// <summary>
/// The JSON an emitted object becomes: exactly what the YAML writer renders (<see cref="Output.YamlRenderer.ToJson"/>:
/// k8s.Models types and the <c>[JsonPropertyName]</c> custom-resource classes through KubernetesJson, nulls
/// omitted, IntOrString/Quantity in wire form), so the validator checks the bytes that will be written.
/// </summary>
internal static class ObjectJson
{
    public static JsonElement ToElement(object value) => value switch
    {
        JsonElement element => element,
        JsonDocument document => document.RootElement,
        _ => JsonSerializer.SerializeToElement(Output.YamlRenderer.ToJson(value)),
    };

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
