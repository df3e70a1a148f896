using System.Text.Json.Nodes;

namespace GitOps.Tests.Validation.SchemaBundle;

/// <summary>Where a schema comes from decides how unknown fields are treated.</summary>
internal enum SchemaSource
{
    /// <summary>Kubernetes OpenAPI v3 (api/openapi-spec/v3): objects are closed where they list properties.</summary>
    KubernetesOpenApi,

    /// <summary>A CRD's structural <c>openAPIV3Schema</c>: every object is closed unless it preserves unknown fields.</summary>
    CrdStructural,

    /// <summary>Plain JSON Schema 2020-12 (Fleet's fleet.yaml schema): keywords kept as written.</summary>
    JsonSchema,
}

/// <summary>
/// Translates one OpenAPI v3 / structural schema node into JSON Schema 2020-12 that JsonSchema.Net
/// evaluates with the same meaning the API server gives it:
/// <list type="bullet">
/// <item><c>$ref: #/components/schemas/X</c> → <c>#/$defs/X</c>; <c>allOf: [{$ref}]</c> wrappers (OpenAPI 3.0 cannot put siblings beside $ref) → a plain <c>$ref</c>.</item>
/// <item><c>x-kubernetes-int-or-string</c> (and the built-in IntOrString/Quantity <c>oneOf</c> of bare types) → <c>type: [integer, string]</c>, so one type error is reported instead of one per branch.</item>
/// <item><c>nullable: true</c> → <c>"null"</c> added to <c>type</c>.</item>
/// <item>Unknown fields: the API server prunes them from custom resources and drops them from built-ins, but
/// <c>kubectl apply</c> / server-side apply with <c>--validate=strict</c> (the default field validation since
/// Kubernetes 1.27, and what Fleet's strict apply reports) rejects them. A silently dropped field is a bug in our
/// output, so objects are closed: <c>additionalProperties: false</c> where the schema lists properties (built-ins) or
/// on every object that does not set <c>x-kubernetes-preserve-unknown-fields</c> (structural schemas).</item>
/// <item><c>format</c>: kept for the formats the runtime checks (see GitOps.Validation.KubernetesFormats), dropped
/// otherwise (the API server ignores formats it does not know, too).</item>
/// <item>List semantics the API server enforces: <c>x-kubernetes-list-type: map</c> keeps its
/// <c>x-kubernetes-list-map-keys</c> (entries must be unique by those keys; checked by GitOps.Validation's
/// keyword handler), <c>x-kubernetes-list-type: set</c> → <c>uniqueItems: true</c>.</item>
/// <item>Documentation (<c>description</c>, <c>default</c>, <c>example</c>) and merge hints are dropped.
/// CEL rules (<c>x-kubernetes-validations</c>) cannot be evaluated here and are dropped.</item>
/// </list>
/// Any keyword not listed fails the generation, so a new upstream construct is noticed, not ignored.
/// </summary>
internal sealed class OpenApiTranslator(SchemaSource source, Func<string, string> mapRef)
{
    public static readonly IReadOnlySet<string> CheckedFormats =
        new HashSet<string>(StringComparer.Ordinal) { "int32", "int64", "double", "float", "byte", "date-time" };

    private static readonly HashSet<string> Documentation = new(StringComparer.Ordinal)
    {
        "description", "default", "example", "examples", "externalDocs", "title", "$comment", "deprecated", "readOnly", "writeOnly",
        "x-kubernetes-group-version-kind", "x-kubernetes-map-type",
        "x-kubernetes-patch-strategy", "x-kubernetes-patch-merge-key", "x-kubernetes-unions", "x-kubernetes-validations",
        "x-kubernetes-embedded-resource", "x-kubernetes-selectable-fields",
    };

    private static readonly HashSet<string> Copied = new(StringComparer.Ordinal)
    {
        "type", "enum", "const", "required", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems",
        "uniqueItems", "minProperties", "maxProperties", "multipleOf",
    };

    public SortedSet<string> DroppedFormats { get; } = new(StringComparer.Ordinal);

    public JsonNode Translate(JsonNode schema)
    {
        if (schema is JsonValue)
        {
            return schema.DeepClone(); // boolean schema
        }

        var src = schema.AsObject();
        var dst = new JsonObject();
        var intOrString = src["x-kubernetes-int-or-string"]?.GetValue<bool>() == true;
        var preserveUnknown = src["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        var nullable = src["nullable"]?.GetValue<bool>() == true;

        foreach (var (key, value) in src)
        {
            if (Documentation.Contains(key) || key is "x-kubernetes-int-or-string" or "x-kubernetes-preserve-unknown-fields" or "nullable" or "$schema" or "$id")
            {
                continue;
            }

            if (key is "x-kubernetes-list-type" or "x-kubernetes-list-map-keys")
            {
                var listType = src["x-kubernetes-list-type"]?.GetValue<string>();
                if (key == "x-kubernetes-list-map-keys" && listType == "map")
                {
                    dst[key] = value!.DeepClone();
                }
                else if (key == "x-kubernetes-list-type" && listType == "set")
                {
                    dst["uniqueItems"] = true;
                }

                continue;
            }

            if (Copied.Contains(key))
            {
                dst[key] = value!.DeepClone();
                continue;
            }

            switch (key)
            {
                case "$ref":
                    dst["$ref"] = mapRef(value!.GetValue<string>());
                    break;
                case "format":
                    var format = value!.GetValue<string>();
                    if (CheckedFormats.Contains(format))
                    {
                        dst["format"] = format;
                    }
                    else
                    {
                        DroppedFormats.Add(format);
                    }

                    break;
                case "exclusiveMinimum" or "exclusiveMaximum":
                    // OpenAPI 3.0 spells these as booleans beside minimum/maximum; JSON Schema 2020-12 as numbers.
                    if (value is JsonValue v && v.TryGetValue<bool>(out var exclusive))
                    {
                        var bound = key == "exclusiveMinimum" ? "minimum" : "maximum";
                        if (exclusive && src[bound] is { } limit)
                        {
                            dst[key] = limit.DeepClone();
                        }
                    }
                    else
                    {
                        dst[key] = value!.DeepClone();
                    }

                    break;
                case "properties":
                    var properties = new JsonObject();
                    foreach (var (name, property) in value!.AsObject())
                    {
                        properties[name] = Translate(property!);
                    }

                    dst["properties"] = properties;
                    break;
                case "additionalProperties" or "items" or "not" or "additionalItems":
                    dst[key] = Translate(value!);
                    break;
                case "allOf" or "anyOf" or "oneOf":
                    dst[key] = new JsonArray(value!.AsArray().Select(s => (JsonNode?)Translate(s!)).ToArray());
                    break;
                default:
                    throw new InvalidDataException($"Unhandled schema keyword '{key}' ({source}); teach OpenApiTranslator what it means.");
            }
        }

        // exclusive bounds were moved into exclusiveMinimum/Maximum: drop the inclusive twin.
        if (src["exclusiveMinimum"] is JsonValue exMin && exMin.TryGetValue<bool>(out var exMinFlag) && exMinFlag)
        {
            dst.Remove("minimum");
        }

        if (src["exclusiveMaximum"] is JsonValue exMax && exMax.TryGetValue<bool>(out var exMaxFlag) && exMaxFlag)
        {
            dst.Remove("maximum");
        }

        UnwrapSingleRef(dst);
        CollapseBareTypeAlternatives(dst, intOrString);

        if (nullable && dst["type"] is { } type)
        {
            var types = type is JsonArray a ? a.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            if (!types.Contains("null"))
            {
                types.Add("null");
            }

            dst["type"] = new JsonArray(types.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        }

        if (source != SchemaSource.JsonSchema && !dst.ContainsKey("additionalProperties") && !preserveUnknown)
        {
            var isObject = dst["type"] switch
            {
                JsonValue t => t.GetValue<string>() == "object",
                JsonArray ts => ts.Any(t => t!.GetValue<string>() == "object"),
                _ => false,
            };
            var closes = source == SchemaSource.CrdStructural ? isObject : dst.ContainsKey("properties");
            if (closes)
            {
                dst["additionalProperties"] = false;
            }
        }

        return dst;
    }

    /// <summary>OpenAPI 3.0 has no siblings beside $ref, so Kubernetes writes <c>allOf: [{$ref: X}]</c>; 2020-12 takes <c>$ref</c> directly.</summary>
    private static void UnwrapSingleRef(JsonObject dst)
    {
        if (dst["allOf"] is JsonArray { Count: 1 } allOf && allOf[0] is JsonObject only && only.Count == 1 && only["$ref"] is { } reference && !dst.ContainsKey("$ref"))
        {
            dst.Remove("allOf");
            dst["$ref"] = reference.DeepClone();
        }
    }

    /// <summary>
    /// <c>anyOf/oneOf: [{type: integer}, {type: string}]</c> (int-or-string; the built-in Quantity is string-or-number)
    /// means "one of these JSON types": say it as a type list so a wrong value gets one clear type error.
    /// </summary>
    private static void CollapseBareTypeAlternatives(JsonObject dst, bool intOrString)
    {
        foreach (var junctor in new[] { "anyOf", "oneOf" })
        {
            if (dst[junctor] is JsonArray branches && branches.All(b => b is JsonObject o && o.Count == 1 && o["type"] is JsonValue))
            {
                var types = branches.Select(b => b!["type"]!.GetValue<string>()).ToArray();
                dst.Remove(junctor);
                dst["type"] = new JsonArray(types.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
            }
        }

        if (intOrString && dst["type"] is not JsonArray)
        {
            dst["type"] = new JsonArray("integer", "string");
        }
    }
}
