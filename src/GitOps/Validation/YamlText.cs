using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Validation;

/// <summary>
/// A YAML reader that reads YAML text into JSON the way Kubernetes does, so what a test reads from the emitted files is
/// what the cluster (kubectl, the API server, Fleet, Flux) will see. The library itself reads none of its output back:
/// objects embedded in another object's field stay typed until render (tests/GitOps.Tests/Architecture/OneWayPipelineTests). Kubernetes converts YAML with
/// sigs.k8s.io/yaml <c>YAMLToJSON</c> (kubernetes-sigs/yaml yaml.go), which decodes with go-yaml v2
/// (go.yaml.in/yaml/v2, a YAML 1.1 reader) into untyped values and converts those to JSON. Hence:
/// <list type="bullet">
/// <item>Plain scalars resolve as YAML 1.1 (go-yaml v2 resolve.go): <c>y Y yes Yes YES true True TRUE on On ON</c>
/// are true, <c>n N no No NO false False FALSE off Off OFF</c> false, <c>~ null Null NULL</c> and the empty scalar
/// null; integers as Go's <c>strconv.ParseInt(s, 0, 64)</c> after removing <c>_</c> (<c>0x1F</c>, <c>0o17</c>,
/// <c>0777</c> octal, <c>0b101</c>), then floats (<c>1.5</c>, <c>1e3</c>, <c>.5</c>). Timestamps stay strings
/// (go-yaml v2 decodes them into interface{} as strings). Quoted and block scalars are always strings;
/// an explicit <c>!!str</c> tag makes a plain scalar a string.</item>
/// <item>Merge keys (<c>&lt;&lt;: *anchor</c> or a list of anchors) as go-yaml v2 decode.go <c>mapping</c>/<c>merge</c>:
/// applied where they appear, so a key written before the merge is overwritten by it and one written after
/// wins; in a list of maps, earlier maps take precedence. Aliases are expanded.</item>
/// <item>Map keys become strings as sigs.k8s.io/yaml <c>convertToJSONableObject</c> does (<c>true</c>, <c>80</c>);
/// a null or collection key is an error. A key repeated in one map: the later value wins (YAMLToJSON is not strict).</item>
/// </list>
/// Every YAML 1.1 boolean and number form that a plain string would be mistaken for is quoted by the
/// library's own writer (<see cref="Output.YamlScalars"/>), so its output reads back unchanged.
/// Errors are <see cref="YamlException"/> with the position.
/// </summary>
internal static partial class YamlText
{
    private const string StrTag = "tag:yaml.org,2002:str";

    /// <summary>The documents of a YAML stream as JSON; empty (null) documents are left out.</summary>
    public static IReadOnlyList<JsonNode> Documents(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var documents = new List<JsonNode>();
        parser.Consume<StreamStart>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            if (Read(parser, anchors) is { } root)
            {
                documents.Add(root);
            }

            parser.Consume<DocumentEnd>();
        }

        parser.Consume<StreamEnd>();
        return documents;
    }

    private static JsonNode? Read(IParser parser, Dictionary<string, JsonNode?> anchors)
    {
        switch (parser.Current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                return anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target?.DeepClone()
                    : throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value.Value} names no anchor before it");
            case Scalar scalar:
                parser.MoveNext();
                return Remember(scalar.Anchor, Scalar(scalar), anchors);
            case SequenceStart start:
                parser.MoveNext();
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(Read(parser, anchors));
                }

                return Remember(start.Anchor, array, anchors);
            case MappingStart start:
                parser.MoveNext();
                var map = new JsonObject();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current!;
                    if (keyEvent is Scalar { Style: ScalarStyle.Plain, Value: "<<" } mergeKey && !IsStringTag(mergeKey.Tag))
                    {
                        parser.MoveNext();
                        Merge(map, Read(parser, anchors), keyEvent);
                        continue;
                    }

                    var key = Key(parser, anchors);
                    map[key] = Read(parser, anchors); // a repeated key: the later value wins, as in YAMLToJSON
                }

                return Remember(start.Anchor, map, anchors);
            default:
                throw new YamlException(parser.Current!.Start, parser.Current.End, $"unexpected YAML event {parser.Current.GetType().Name}");
        }
    }

    private static JsonNode? Remember(AnchorName anchor, JsonNode? node, Dictionary<string, JsonNode?> anchors)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node?.DeepClone();
        }

        return node;
    }

    /// <summary>go-yaml v2 decode.go <c>merge</c>: a map, or a list of maps of which earlier ones take precedence.</summary>
    private static void Merge(JsonObject into, JsonNode? value, ParsingEvent at)
    {
        switch (value)
        {
            case JsonObject source:
                foreach (var (name, child) in source)
                {
                    into[name] = child?.DeepClone();
                }

                break;
            case JsonArray list when list.All(i => i is JsonObject):
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    Merge(into, list[i], at);
                }

                break;
            default:
                throw new YamlException(at.Start, at.End, "map merge requires map or sequence of maps as the value");
        }
    }

    /// <summary>A map key as the JSON property name sigs.k8s.io/yaml gives it.</summary>
    private static string Key(IParser parser, Dictionary<string, JsonNode?> anchors)
    {
        var at = parser.Current!;
        var key = Read(parser, anchors);
        return key switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
            JsonValue v when v.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
            JsonValue v when v.TryGetValue<ulong>(out var u) => u.ToString(CultureInfo.InvariantCulture),
            // strconv.FormatFloat(f, 'g', -1, 32)
            JsonValue v when v.TryGetValue<double>(out var d) => ((float)d).ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal),
            _ => throw new YamlException(at.Start, at.End, $"unsupported map key {(key is null ? "null" : key.GetValueKind().ToString().ToLowerInvariant())}: Kubernetes YAML keys must be scalars"),
        };
    }

    private static JsonNode? Scalar(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain || IsStringTag(scalar.Tag))
        {
            return JsonValue.Create(text);
        }

        return Resolve(text) switch
        {
            null => null,
            bool b => JsonValue.Create(b),
            long l => JsonValue.Create(l),
            ulong u => JsonValue.Create(u),
            double d when double.IsFinite(d) => JsonValue.Create(d),
            double => throw new YamlException(scalar.Start, scalar.End, $"'{text}' is not a finite number and has no JSON form"),
            _ => JsonValue.Create(text),
        };
    }

    /// <summary><c>!!str</c>, or the non-specific <c>!</c> (YAML: a plain scalar tagged <c>!</c> is a string).</summary>
    private static bool IsStringTag(TagName tag) =>
        !tag.IsEmpty && (tag.IsNonSpecific ? tag.ToString() == "!" : tag.Value == StrTag);

    /// <summary>go-yaml v2 resolve.go for an untagged plain scalar: the value it decodes into interface{}.</summary>
    internal static object? Resolve(string text)
    {
        switch (text)
        {
            case "":
            case "~" or "null" or "Null" or "NULL":
                return null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON":
                return true;
            case "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF":
                return false;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
        }

        var first = text[0];
        if (first == '.')
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var dotted) ? dotted : text;
        }

        if (!(char.IsAsciiDigit(first) || first is '+' or '-'))
        {
            return text;
        }

        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (GoParseInteger(plain) is { } integer)
        {
            return integer;
        }

        if (YamlStyleFloat().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return real;
        }

        return text; // includes timestamps: go-yaml v2 gives interface{} targets the string
    }

    /// <summary>Go <c>strconv.ParseInt(s, 0, 64)</c>, then <c>ParseUint(s, 0, 64)</c>: sign, 0x/0o/0b prefixes, a leading 0 means octal.</summary>
    private static object? GoParseInteger(string s)
    {
        var negative = s.StartsWith('-');
        var body = s.StartsWith('-') || s.StartsWith('+') ? s[1..] : s;
        if (body.Length == 0)
        {
            return null;
        }

        var (digits, radix) = body.Length > 1 && body[0] == '0'
            ? char.ToLowerInvariant(body[1]) switch
            {
                'x' => (body[2..], 16),
                'o' => (body[2..], 8),
                'b' => (body[2..], 2),
                _ => (body[1..], 8),
            }
            : (body, 10);
        if (digits.Length == 0)
        {
            return null;
        }

        System.Numerics.BigInteger value = 0;
        foreach (var c in digits)
        {
            var d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (d >= radix)
            {
                return null;
            }

            value = (value * radix) + d;
        }

        if (negative)
        {
            value = -value;
        }

        if (value >= long.MinValue && value <= long.MaxValue)
        {
            return (long)value;
        }

        return !negative && value <= ulong.MaxValue ? (ulong)value : null;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlStyleFloat();
}
