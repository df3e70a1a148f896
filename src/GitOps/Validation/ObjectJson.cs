using System.Text.Json;

namespace GitOps.Validation;

/// <summary>
/// Reading an emitted object's JSON (<see cref="Output.ObjectJsonDocuments"/>, the documents the YAML writer reads too):
/// a string or element at a path, and the object's name for messages.
/// </summary>
internal static class ObjectJson
{
    public static string? GetString(this JsonElement element, params ReadOnlySpan<string> path)
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

    /// <summary>Whether <paramref name="element"/> is an object whose property <paramref name="name"/> is the string
    /// <paramref name="utf8"/> (compared in place, no string made).</summary>
    public static bool IsString(this JsonElement element, string name, ReadOnlySpan<byte> utf8) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) &&
        value.ValueKind == JsonValueKind.String && value.ValueEquals(utf8);

    public static JsonElement? Get(this JsonElement element, params ReadOnlySpan<string> path)
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
