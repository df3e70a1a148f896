using System.Text;
using System.Text.Json.Nodes;
using GitOps.Validation;

namespace GitOps.Tests.CustomResources;

/// <summary>
/// Writes the library's custom-resource classes (<c>src/GitOps/**/*.g.cs</c>) from the schema bundle the validator
/// uses (<c>src/GitOps/Validation/Schemas/kubernetes.schema.json</c>): each property's JSON name and C# type come
/// from the kind's definition there, so a class cannot name a field its schema lacks. The bundle keeps no
/// documentation, so each summary is the <c>description</c> at the same place in the upstream CRD the bundle was
/// made from (<see cref="CrdKind.CrdFile"/>). <see cref="CrdClassSelection"/> says which fields, in which order.
/// </summary>
internal static class CrdClassGenerator
{
    public const string BundleFile = "src/GitOps/Validation/Schemas/kubernetes.schema.json";

    /// <summary>Every generated file: its path below the repository root and its text.</summary>
    public static IReadOnlyList<(string Path, string Text)> Generate(string bundleJson, string upstreamDir, IEnumerable<CrdKind> kinds)
    {
        var bundle = JsonNode.Parse(bundleJson)!.AsObject();
        var sources = bundle["x-gitops-sources"]!.AsArray().Select(s => s!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var result = new List<(string, string)>();
        foreach (var kind in kinds)
        {
            var key = $"{kind.ApiVersion}/{kind.Kind}";
            var definition = bundle["x-gitops-kinds"]![key]?.GetValue<string>()
                ?? throw new InvalidDataException($"{key}: not a kind of the schema bundle (x-gitops-kinds in {BundleFile}).");
            if (!sources.Contains(kind.CrdFile))
            {
                throw new InvalidDataException($"{key}: {kind.CrdFile} is not one of the bundle's sources (x-gitops-sources).");
            }

            var crd = YamlText.Documents(File.ReadAllText(Path.Combine(upstreamDir, kind.CrdFile))).Single()!;
            var served = crd["spec"]!["versions"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == kind.CrdVersion)!;
            var source = new Schemas(bundle["$defs"]!.AsObject(), bundle["$defs"]![definition]!.AsObject(), served["schema"]!["openAPIV3Schema"]!.AsObject());
            result.Add(("src/GitOps/" + kind.OutputFile, Write(kind, definition, source)));
        }

        return result;
    }

    private sealed record Schemas(JsonObject Defs, JsonObject Root, JsonObject Crd);

    private static string Write(CrdKind kind, string definition, Schemas schemas)
    {
        var classes = kind.Objects.ToDictionary(o => o.Path, o => o.ClassName, StringComparer.Ordinal);
        // A class that also serves other paths (the V4 and V6 autodetection): each must have the very same schema.
        foreach (var obj in kind.Objects)
        {
            foreach (var other in obj.AlsoAt ?? [])
            {
                if (!JsonNode.DeepEquals(At(schemas, obj.Path, obj.ClassName).Bundle, At(schemas, other, obj.ClassName).Bundle))
                {
                    throw new InvalidDataException($"{kind.ApiVersion}/{kind.Kind} {other}: its schema differs from {obj.Path}'s, so class {obj.ClassName} cannot hold it.");
                }

                classes.Add(other, obj.ClassName);
            }
        }

        var reached = new HashSet<string>(StringComparer.Ordinal);
        var usings = new SortedSet<string>(StringComparer.Ordinal) { "System.Text.Json.Serialization", "GitOps.Kubernetes" };
        var body = new StringBuilder();
        foreach (var obj in kind.Objects)
        {
            var (schema, crd, description) = At(schemas, obj.Path, $"{kind.Kind} {obj.ClassName}");
            body.Append('\n');
            if (obj.Path.Length == 0)
            {
                Doc(body, "", description, "", kind.Note);
                body.Append($"internal sealed partial class {obj.ClassName}() : CustomResource(ApiVersionValue, KindValue)\n{{\n");
                body.Append("    /// <summary>The <c>apiVersion</c> the lab writes (validated by the bundle's definition for it).</summary>\n");
                body.Append($"    public const string ApiVersionValue = \"{kind.ApiVersion}\";\n\n");
                body.Append("    /// <summary>The <c>kind</c>.</summary>\n");
                body.Append($"    public const string KindValue = \"{kind.Kind}\";\n");
            }
            else
            {
                Doc(body, "", description, "", obj.Note);
                body.Append($"internal sealed partial class {obj.ClassName}\n{{\n");
            }

            // The schema's required properties: each must be one the lab sets, always (else every object would be refused).
            foreach (var name in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
            {
                if (obj.Fields.FirstOrDefault(f => f.JsonName == name) is not { Presence: Presence.Required or Presence.Always })
                {
                    throw new InvalidDataException($"{kind.ApiVersion}/{kind.Kind} {Join(obj.Path, name)}: the schema requires it; list it as Required or Always in CrdClassSelection.");
                }
            }

            var first = obj.Path.Length != 0;
            foreach (var field in obj.Fields)
            {
                var where = $"{kind.ApiVersion}/{kind.Kind} {Join(obj.Path, field.JsonName)}";
                var property = Resolve(schemas.Defs, schema["properties"]?[field.JsonName]?.AsObject())
                    ?? throw new InvalidDataException($"{where}: the schema ({definition} in {BundleFile}) has no such property.");
                var type = CSharpType(schemas.Defs, property, Join(obj.Path, field.JsonName), classes, field.CSharpType, where, usings);
                reached.Add(Join(obj.Path, field.JsonName));
                reached.Add(Join(obj.Path, field.JsonName) + "[]");
                var declaration = field.Presence switch
                {
                    Presence.Required when field.Default is null => $"public required {type} {Pascal(field.JsonName)} {{ get; init; }}",
                    Presence.Optional when field.Default is null => $"public {type}? {Pascal(field.JsonName)} {{ get; init; }}",
                    Presence.Always when field.Default is not null => $"public {type} {Pascal(field.JsonName)} {{ get; init; }} = {field.Default};",
                    Presence.Always when type is "bool" or "int" or "uint" or "long" => $"public {type} {Pascal(field.JsonName)} {{ get; init; }}",
                    _ => throw new InvalidDataException($"{where}: {field.Presence} with default '{field.Default}' does not fit {type} (Always needs a value type or a default; only Always takes a default)."),
                };
                if (field.Default is ['"', .. var literal, '"'] && property["enum"] is JsonArray allowed && !allowed.Any(a => (string?)a == literal))
                {
                    throw new InvalidDataException($"{where}: the default \"{literal}\" is not one of the schema's values ({string.Join(", ", allowed)}).");
                }

                body.Append(first ? "" : "\n");
                first = false;
                Doc(body, "    ", Description(crd["properties"]?[field.JsonName]), Allowed(property), field.Note);
                body.Append($"    [JsonPropertyName(\"{field.JsonName}\")]\n");
                body.Append($"    {declaration}\n");
            }

            body.Append("}\n");
        }

        if (kind.Objects.Where(o => o.Path.Length != 0).SelectMany(o => (o.AlsoAt ?? []).Prepend(o.Path)).Except(reached, StringComparer.Ordinal).FirstOrDefault() is { } unused)
        {
            throw new InvalidDataException($"{kind.ApiVersion}/{kind.Kind} {unused}: a class no listed field holds.");
        }

        var text = new StringBuilder();
        text.Append("// <auto-generated>\n");
        text.Append($"// GENERATED by tests/GitOps.Tests/CustomResources/CrdClassGenerator from {BundleFile}\n");
        text.Append($"// ({definition}), with the descriptions of the upstream {kind.CrdFile}. Do not edit: change\n");
        text.Append("// CrdClassSelection.cs and run the tests with GITOPS_UPDATE_SCHEMAS=1.\n");
        text.Append("// </auto-generated>\n");
        text.Append("#nullable enable\n\n");
        foreach (var u in usings.OrderBy(u => u.StartsWith("System", StringComparison.Ordinal) ? 0 : 1).ThenBy(u => u, StringComparer.Ordinal))
        {
            text.Append($"using {u};\n");
        }

        text.Append($"\nnamespace {kind.Namespace};\n");
        text.Append(body);
        return text.ToString();
    }

    /// <summary>
    /// The bundle's and the CRD's schema of the object at <paramref name="path"/>, and its description (an array
    /// item without one: the array's).
    /// </summary>
    private static (JsonObject Bundle, JsonObject Crd, string? Description) At(Schemas schemas, string path, string what)
    {
        var bundle = schemas.Root;
        var crd = schemas.Crd;
        var description = Description(crd);
        foreach (var segment in path.Length == 0 ? [] : path.Split('.'))
        {
            var name = segment.EndsWith("[]", StringComparison.Ordinal) ? segment[..^2] : segment;
            bundle = Resolve(schemas.Defs, bundle["properties"]?[name]?.AsObject()) ?? throw new InvalidDataException($"{what}: no property {name} in the bundle's schema.");
            crd = crd["properties"]?[name]?.AsObject() ?? throw new InvalidDataException($"{what}: no property {name} in the CRD.");
            description = Description(crd);
            if (segment.EndsWith("[]", StringComparison.Ordinal))
            {
                bundle = Resolve(schemas.Defs, bundle["items"]?.AsObject()) ?? throw new InvalidDataException($"{what}: {name} is not an array in the bundle's schema.");
                crd = crd["items"]?.AsObject() ?? throw new InvalidDataException($"{what}: {name} is not an array in the CRD.");
                description = Description(crd) ?? (description is null ? null : "One item of: " + description);
            }
        }

        return (bundle, crd, description);
    }

    /// <summary>Follows a <c>$ref</c> into the bundle's <c>$defs</c> (the deduplicated shared subschemas).</summary>
    private static JsonObject? Resolve(JsonObject defs, JsonObject? schema)
    {
        while (schema?["$ref"] is JsonValue reference)
        {
            var name = reference.GetValue<string>();
            const string prefix = "#/$defs/";
            schema = name.StartsWith(prefix, StringComparison.Ordinal)
                ? defs[name[prefix.Length..]]!.AsObject()
                : throw new InvalidDataException($"Unexpected $ref '{name}'.");
        }

        return schema;
    }

    /// <summary>The schema's type without <c>null</c> (a CRD's <c>nullable: true</c>).</summary>
    private static string SchemaType(JsonObject schema, string where) => Types(schema) is [var one]
        ? one
        : throw new InvalidDataException($"{where}: no single type ({schema["type"]?.ToJsonString() ?? "none"}).");

    private static string[] Types(JsonObject schema) => schema["type"] switch
    {
        JsonValue v => [v.GetValue<string>()],
        JsonArray a => a.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToArray(),
        _ => [],
    };

    /// <summary>The schema's <c>enum</c>, as a line for the summary.</summary>
    private static string Allowed(JsonObject schema) => schema["enum"] is JsonArray values
        ? "One of: " + string.Join(", ", values.Select(v => $"<c>{Xml(v!.ToJsonString().Trim('"'))}</c>")) + "."
        : "";

    private static string CSharpType(
        JsonObject defs, JsonObject schema, string path, Dictionary<string, string> classes, string? wanted, string where, SortedSet<string> usings)
    {
        if (wanted == CrdClassSelection.EmbeddedYaml)
        {
            usings.Add("GitOps.Output");
            var written = SchemaType(schema, where);
            return written == "string" ? "EmbeddedYaml" : throw new InvalidDataException($"{where}: EmbeddedYaml is written as a string, the schema says {written}.");
        }

        if (wanted == CrdClassSelection.IntegerOfIntOrString)
        {
            // x-kubernetes-int-or-string (the bundle's type [integer, string]): the lab writes the integer form.
            return Types(schema).Contains("integer") ? "int" : throw new InvalidDataException($"{where}: the schema allows no integer ({string.Join(", ", Types(schema))}).");
        }

        if (wanted == CrdClassSelection.UnsignedInteger)
        {
            return SchemaType(schema, where) == "integer" ? "uint" : throw new InvalidDataException($"{where}: uint needs an integer, the schema says {SchemaType(schema, where)}.");
        }

        if (wanted is not null)
        {
            throw new InvalidDataException($"{where}: unknown type override {wanted}.");
        }

        var type = SchemaType(schema, where);

        switch (type)
        {
            case "string":
                return "string";
            case "boolean":
                return "bool";
            case "integer":
                return (string?)schema["format"] == "int32" ? "int" : "long";
            case "array":
                var items = Resolve(defs, schema["items"]?.AsObject()) ?? throw new InvalidDataException($"{where}: an array without items.");
                return $"IReadOnlyList<{CSharpType(defs, items, path + "[]", classes, null, where + "[]", usings)}>";
            case "object" when classes.TryGetValue(path, out var name):
                return schema["properties"] is JsonObject ? name : throw new InvalidDataException($"{where}: the schema gives no properties for class {name}.");
            case "object" when schema["properties"] is null && schema["additionalProperties"] is JsonObject values:
                return $"IDictionary<string, {CSharpType(defs, Resolve(defs, values)!, path + "{}", classes, null, where + "{}", usings)}>";
            case "object" when schema["properties"] is null:
                usings.Add("System.Text.Json.Nodes");
                return "JsonObject";
            default:
                throw new InvalidDataException($"{where}: {type} needs a class in CrdClassSelection (path {path}).");
        }
    }

    private static string? Description(JsonNode? crdSchema) => (string?)crdSchema?["description"];

    /// <summary>The upstream description as the summary, the lab's note as remarks (the summary when upstream has none).</summary>
    private static void Doc(StringBuilder sb, string indent, string? description, string allowed, string? note)
    {
        sb.Append($"{indent}/// <summary>\n");
        var lines = description is not null
            ? description.Trim().Split('\n').Select(l => Xml(l.TrimEnd()))
            : [note ?? "(The upstream CRD has no description.)"];
        note = description is not null ? note : null;
        foreach (var line in lines)
        {
            sb.Append($"{indent}/// {line}".TrimEnd()).Append('\n');
        }

        if (allowed.Length > 0)
        {
            sb.Append($"{indent}/// {allowed}\n");
        }

        sb.Append($"{indent}/// </summary>\n");
        if (note is not null)
        {
            sb.Append($"{indent}/// <remarks>{note}</remarks>\n");
        }
    }

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Pascal(string jsonName) => char.ToUpperInvariant(jsonName[0]) + jsonName[1..];
}
