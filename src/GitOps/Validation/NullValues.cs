using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Validation;

/// <summary>
/// Explicit <c>null</c>s, read the way their consumer reads them, so an object is not rejected for a null that
/// upstream treats as "not set":
/// <list type="bullet">
/// <item>Kubernetes objects: a built-in is decoded into Go structs, where <c>null</c> leaves the field unset
/// (Go encoding/json <c>Unmarshal</c> docs: null sets an interface, map, pointer or slice to nil and "has no
/// effect" on any other type; the API server's sigs.k8s.io/json decoder keeps that rule); a custom
/// resource's non-nullable nulls are pruned before validation (apiextensions-apiserver
/// pkg/apiserver/schema/defaulting/prunenulls.go <c>PruneNonNullableNullsWithoutDefaults</c>; a defaulted field
/// then gets its default). So a property whose value is <c>null</c> is removed unless its schema allows
/// <c>null</c> (a CRD's <c>nullable: true</c>, kept and validated as null). A null under a field the schema
/// does not know stays, so it is still reported as an unknown field.</item>
/// <item>CNI configs: plugins decode them with encoding/json into Go structs, so every <c>null</c> property is
/// unset (<see cref="WithoutNullProperties"/>).</item>
/// </list>
/// </summary>
internal static class NullValues
{
    /// <summary>Whether the JSON holds a null anywhere (cheap check before copying the object).</summary>
    public static bool Contains(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (Contains(property.Value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Contains(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>The object with the nulls its schema does not allow removed; <paramref name="resolve"/> follows <c>$ref</c>s.</summary>
    public static JsonElement Prune(JsonElement instance, JsonElement schema, Func<string, JsonElement?> resolve, List<JsonDocument> owned)
    {
        var node = JsonNode.Parse(instance.GetRawText());
        Prune(node, schema, resolve, depth: 0);
        return Own(node, owned);
    }

    /// <summary>Every null-valued property removed, at any depth (Go's encoding/json leaves such fields unset).</summary>
    public static JsonElement WithoutNullProperties(JsonElement instance, List<JsonDocument> owned)
    {
        var node = JsonNode.Parse(instance.GetRawText());
        RemoveAll(node);
        return Own(node, owned);
    }

    private static JsonElement Own(JsonNode? node, List<JsonDocument> owned)
    {
        var document = JsonDocument.Parse(node?.ToJsonString() ?? "null");
        owned.Add(document);
        return document.RootElement;
    }

    private static void RemoveAll(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Where(p => p.Value is null).Select(p => p.Key).ToArray())
                {
                    obj.Remove(name);
                }

                foreach (var (_, child) in obj)
                {
                    RemoveAll(child);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RemoveAll(item);
                }

                break;
        }
    }

    private static void Prune(JsonNode? node, JsonElement schema, Func<string, JsonElement?> resolve, int depth)
    {
        if (depth > 64 || Follow(schema, resolve) is not { ValueKind: JsonValueKind.Object } s)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                var properties = s.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : (JsonElement?)null;
                var additional = s.TryGetProperty("additionalProperties", out var a) && a.ValueKind == JsonValueKind.Object ? a : (JsonElement?)null;
                foreach (var (name, child) in obj.ToArray())
                {
                    JsonElement? sub = properties?.TryGetProperty(name, out var named) == true ? named : additional;
                    if (sub is null)
                    {
                        continue; // unknown (or free-form) here: leave it to the schema
                    }

                    if (child is null)
                    {
                        if (!AllowsNull(sub.Value, resolve))
                        {
                            obj.Remove(name);
                        }
                    }
                    else
                    {
                        Prune(child, sub.Value, resolve, depth + 1);
                    }
                }

                break;
            case JsonArray array when s.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object:
                foreach (var item in array)
                {
                    Prune(item, items, resolve, depth + 1);
                }

                break;
        }
    }

    private static bool AllowsNull(JsonElement schema, Func<string, JsonElement?> resolve) =>
        Follow(schema, resolve) is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("type", out var type) &&
        (type.ValueKind == JsonValueKind.String ? type.GetString() == "null" : type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "null"));

    private static JsonElement? Follow(JsonElement schema, Func<string, JsonElement?> resolve)
    {
        var current = (JsonElement?)schema;
        for (var hops = 0; hops < 16 && current is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty("$ref", out var reference); hops++)
        {
            current = resolve(reference.GetString() ?? "");
        }

        return current;
    }
}
