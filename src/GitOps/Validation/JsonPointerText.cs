using System.Text;
using System.Text.Json;

namespace GitOps.Validation;

/// <summary>RFC 6901 JSON Pointers as text: evaluate one against a document, and build one segment by segment.</summary>
internal static class JsonPointerText
{
    public static JsonElement? Evaluate(JsonElement root, string pointer)
    {
        if (pointer.Length == 0)
        {
            return root;
        }

        if (pointer[0] != '/')
        {
            return null;
        }

        var current = root;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = Unescape(raw);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index >= 0 && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    public static string Append(string pointer, string token) => pointer + "/" + Escape(token);

    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    /// <summary>The pointer without its last segment, and that segment unescaped.</summary>
    public static (string Parent, string Last) Split(string pointer)
    {
        var slash = pointer.LastIndexOf('/');
        return slash < 0 ? ("", pointer) : (pointer[..slash], Unescape(pointer[(slash + 1)..]));
    }

    /// <summary>Readable form for messages: <c>spec.calicoNetwork.ipPools[0].encapsulation</c>.</summary>
    public static string ToDotted(string pointer)
    {
        var sb = new StringBuilder();
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = Unescape(raw);
            if (token.All(char.IsAsciiDigit))
            {
                sb.Append('[').Append(token).Append(']');
            }
            else
            {
                sb.Append(sb.Length == 0 ? "" : ".").Append(token);
            }
        }

        return sb.ToString();
    }
}
