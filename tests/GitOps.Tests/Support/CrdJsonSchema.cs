using GitOps.Validation;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace GitOps.Tests.Support;

/// <summary>
/// A CustomResourceDefinition's <c>openAPIV3Schema</c> as a JSON Schema (draft 2020-12) that is
/// stricter than the API server only where the server would silently drop data:
/// <list type="bullet">
/// <item><c>nullable: true</c> → the type also allows null;</item>
/// <item><c>x-kubernetes-int-or-string</c> → integer or string;</item>
/// <item>an object with <c>properties</c> and neither <c>additionalProperties</c> nor
/// <c>x-kubernetes-preserve-unknown-fields</c> rejects other keys (the server would prune them: a typo);</item>
/// <item>other <c>x-kubernetes-*</c> keys (list types, CEL validations, embedded resources) are dropped.</item>
/// </list>
/// </summary>
public static class CrdJsonSchema
{
    /// <summary>The served version's schema of the one CRD in <paramref name="crdYamlFile"/> (a pinned upstream file, <see cref="UpstreamFiles"/>).</summary>
    public static JsonSchema Load(string crdYamlFile, string version)
    {
        var crd = YamlText.Documents(UpstreamFiles.Read(crdYamlFile))
            .Single(d => (string?)d?["kind"] == "CustomResourceDefinition")!;
        var served = crd["spec"]!["versions"]!.AsArray().Single(v => (string?)v!["name"] == version)!;
        var schema = Convert(served["schema"]!["openAPIV3Schema"]!.AsObject());
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        return JsonSchema.FromText(schema.ToJsonString());
    }

    /// <summary>Every validation error of <paramref name="instance"/>, as "location: message".</summary>
    public static IReadOnlyList<string> Errors(JsonSchema schema, JsonNode instance)
    {
        using var document = JsonDocument.Parse(instance.ToJsonString());
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid (no details)")
            .ToArray();
    }

    internal static JsonObject Convert(JsonObject openApi)
    {
        var result = new JsonObject();
        foreach (var (key, value) in openApi)
        {
            switch (key)
            {
                case "properties":
                    result[key] = new JsonObject(value!.AsObject().Select(p => new KeyValuePair<string, JsonNode?>(p.Key, Convert(p.Value!.AsObject()))));
                    break;
                case "items" or "additionalProperties" when value is JsonObject sub:
                    result[key] = Convert(sub);
                    break;
                case "allOf" or "anyOf" or "oneOf":
                    result[key] = new JsonArray(value!.AsArray().Select(s => (JsonNode?)Convert(s!.AsObject())).ToArray());
                    break;
                case "not" when value is JsonObject sub:
                    result[key] = Convert(sub);
                    break;
                case "nullable":
                case "x-kubernetes-int-or-string":
                case "x-kubernetes-preserve-unknown-fields":
                    break;
                case var k when k.StartsWith("x-kubernetes-", StringComparison.Ordinal):
                    break;
                default:
                    result[key] = value?.DeepClone();
                    break;
            }
        }

        if (openApi["x-kubernetes-int-or-string"] is JsonValue intOrString && intOrString.GetValue<bool>())
        {
            result.Remove("type");
            result["type"] = new JsonArray("integer", "string");
        }

        if (openApi["nullable"] is JsonValue nullable && nullable.GetValue<bool>() && result["type"] is JsonValue type)
        {
            result["type"] = new JsonArray(type.GetValue<string>(), "null");
        }

        var preserve = openApi["x-kubernetes-preserve-unknown-fields"] is JsonValue p && p.GetValue<bool>();
        if (result.ContainsKey("properties") && !result.ContainsKey("additionalProperties") && !preserve)
        {
            result["additionalProperties"] = false;
        }

        return result;
    }
}
