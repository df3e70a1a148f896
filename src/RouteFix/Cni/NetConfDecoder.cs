using System.Text;
using System.Text.Json;

namespace RouteFix.Cni;

/// <summary>
/// Turns the bytes on stdin into a plugin's configuration: malformed JSON is code 6 (cannot decode), well-formed
/// JSON with a wrongly typed field is code 7 (the plugin's reader throws it). containernetworking/cni
/// pkg/version/conf.go ConfigDecoder does the same split for cniVersion.
/// </summary>
public static class NetConfDecoder
{
    /// <summary>Parses <paramref name="data"/> as one JSON object and hands it to <paramref name="read"/>.</summary>
    public static TConf Decode<TConf>(byte[] data, Func<JsonElement, TConf> read)
    {
        if (data.Length == 0)
        {
            throw new CniException(CniErrorCodes.DecodingFailure, "error unmarshalling network config: stdin is empty", "the runtime passes the plugin's JSON configuration on stdin");
        }

        try
        {
            using var document = JsonDocument.Parse(data, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CniException(CniErrorCodes.DecodingFailure, "error unmarshalling network config: not a JSON object", $"stdin holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }

            // Strings must be valid UTF-8: JsonDocument checks them only when read.
            ValidateStrings(document.RootElement);
            return read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCodes.DecodingFailure, "error unmarshalling network config: invalid JSON", Position(e));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or DecoderFallbackException)
        {
            throw new CniException(CniErrorCodes.DecodingFailure, "error unmarshalling network config: invalid JSON text", "stdin is not valid UTF-8 JSON");
        }
    }

    private static void ValidateStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    ValidateStrings(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ValidateStrings(item);
                }

                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }

    private static string Position(JsonException e) =>
        e.LineNumber is { } line && e.BytePositionInLine is { } column
            ? $"line {line + 1}, byte {column + 1}"
            : "position unknown";
}
