using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Validation;

/// <summary>
/// Reads a YAML text file the library rendered itself (fleet.yaml) back into JSON, so it is validated like
/// an object: YAML 1.2 core schema (plain true/false/null/numbers typed, quoted and block scalars strings),
/// the way Fleet's Go YAML reader sees the file the YAML writer produced.
/// </summary>
internal static class YamlText
{
    public static IReadOnlyList<JsonNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => Convert(d.RootNode)).OfType<JsonNode>().ToArray();
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", Convert(p.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException($"YAML {node.NodeType} at {node.Start}"),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            "" or "~" or "null" or "Null" or "NULL" => null,
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when text.Any(char.IsAsciiDigit) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => JsonValue.Create(real),
            _ => JsonValue.Create(text),
        };
    }
}
