using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Validation;

/// <summary>
/// CNI plugins decode their config with Go's encoding/json into a struct, which matches a JSON key to a field
/// "preferring an exact match but also accepting a case-insensitive match" (encoding/json <c>Unmarshal</c> docs):
/// <c>"IsGateway": true</c> sets bridge's <c>isGateway</c>. So before a plugin object (or its ipam) is checked,
/// a key that is not one of the schema's names but equals one ignoring case is read as that name, as the plugin
/// reads it; a key that matches nothing stays unknown. Only the object's own keys are matched (nested objects
/// keep their spelling), and a key whose exact name is also present is left alone (both would set one field).
/// </summary>
internal static class GoJsonKeys
{
    public static JsonElement Canonical(JsonElement obj, HashSet<string> names, List<JsonDocument> owned)
    {
        if (obj.ValueKind != JsonValueKind.Object || !HasInexactKey(obj, names))
        {
            return obj;
        }

        var present = obj.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var copy = new JsonObject();
        foreach (var property in obj.EnumerateObject())
        {
            var name = Match(property.Name, names) is { } canonical && !present.Contains(canonical) ? canonical : property.Name;
            copy[name] = JsonNode.Parse(property.Value.GetRawText());
        }

        var document = JsonDocument.Parse(copy.ToJsonString());
        owned.Add(document);
        return document.RootElement;
    }

    /// <summary>Whether a key of <paramref name="obj"/> means a schema name without being spelled as it (a loop: this runs for
    /// every plugin object; a key is read from its UTF-8 into a stack buffer, not made a string, unless it is escaped or long).</summary>
    private static bool HasInexactKey(JsonElement obj, HashSet<string> names)
    {
        Span<char> buffer = stackalloc char[128];
        foreach (var property in obj.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            var inexact = raw.Length > buffer.Length || raw.Contains((byte)'\\')
                ? Match(property.Name, names) is not null
                : IsInexact(buffer[..Encoding.UTF8.GetChars(raw, buffer)], names);
            if (inexact)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>As <c>Match(key, names) is not null</c>: no name is <paramref name="key"/> exactly and one is ignoring case.</summary>
    private static bool IsInexact(ReadOnlySpan<char> key, HashSet<string> names)
    {
        var ignoringCase = false;
        foreach (var name in names)
        {
            if (key.SequenceEqual(name))
            {
                return false;
            }

            ignoringCase |= key.Equals(name, StringComparison.OrdinalIgnoreCase);
        }

        return ignoringCase;
    }

    /// <summary>The schema name a key means when it is not spelled exactly; null when it is exact or unknown.</summary>
    private static string? Match(string key, HashSet<string> names) =>
        names.Contains(key) ? null : names.FirstOrDefault(n => string.Equals(n, key, StringComparison.OrdinalIgnoreCase));
}
