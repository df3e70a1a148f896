using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Tests.Validation;

/// <summary>
/// YAML → JSON the way kubectl reads it (sigs.k8s.io/yaml over go-yaml v2): plain scalars resolve
/// to null, bool (YAML 1.1 spellings included: yes/no/on/off/y/n), int, float; quoted and block
/// scalars stay strings. Used by the tests to read upstream manifests, the blog's YAML and the
/// committed manifests back into the JSON the validator sees.
/// </summary>
internal static partial class YamlJson
{
    public static IReadOnlyList<JsonNode?> ReadAll(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        // An empty document (a leading or trailing "---") reads as null and is not an object.
        return stream.Documents.Select(d => Convert(d.RootNode)).Where(n => n is not null).ToArray();
    }

    public static IReadOnlyList<JsonNode?> ReadFile(string path) => ReadAll(File.ReadAllText(path));

    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMapping(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new NotSupportedException($"YAML node {node.GetType().Name} at {node.Start}"),
    };

    private static JsonObject ConvertMapping(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            obj[name] = Convert(value);
        }

        return obj;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (!scalar.Tag.IsEmpty)
        {
            return scalar.Tag.Value switch
            {
                "tag:yaml.org,2002:str" => JsonValue.Create(text),
                "tag:yaml.org,2002:int" => JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture)),
                "tag:yaml.org,2002:bool" => JsonValue.Create(ParseBool(text) ?? throw new FormatException(text)),
                "tag:yaml.org,2002:null" => null,
                _ => JsonValue.Create(text),
            };
        }

        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (ParseBool(text) is { } b)
        {
            return JsonValue.Create(b);
        }

        if (IntPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (FloatPattern().IsMatch(text))
        {
            return JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(text);
    }

    private static bool? ParseBool(string text) => text switch
    {
        "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y" => true,
        "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N" => false,
        _ => null,
    };

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
