using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using GitOps.Diagnostics;
using Json.Schema;

namespace GitOps.Validation;

/// <summary>The codes one schema family reports with (Kubernetes objects vs CNI configs).</summary>
internal sealed record SchemaFamily(string InvalidValue, string UnknownField, string MissingField)
{
    public static readonly SchemaFamily Kubernetes = new(
        DiagnosticCodes.KubernetesInvalidValue, DiagnosticCodes.KubernetesUnknownField, DiagnosticCodes.KubernetesMissingField);

    public static readonly SchemaFamily Cni = new(
        DiagnosticCodes.CniInvalidValue, DiagnosticCodes.CniUnknownField, DiagnosticCodes.CniMissingField);
}

/// <summary>
/// Turns JsonSchema.Net's list output into one diagnostic per problem: the JSON path of the offending value,
/// what the schema says about it, and how to fix it (the allowed values, the closest known field name).
/// Keyword errors on the same value collapse into the most basic one (a wrong type hides enum/pattern noise).
/// </summary>
internal sealed class SchemaErrorReporter(SchemaCatalog catalog)
{
    private const int MaxListed = 12;

    public static readonly EvaluationOptions FlagOptions = Options(OutputFormat.Flag);
    public static readonly EvaluationOptions HierarchyOptions = Options(OutputFormat.Hierarchical);

    /// <summary>At most this many remembered valid instances (<see cref="EvaluateRepeating"/>); the memory is emptied when full.</summary>
    internal const int MaxRememberedValid = 4096;

    /// <summary>Instances found valid, by schema (reference) and exact JSON text, as UTF-8 (<see cref="EvaluateRepeating"/>).</summary>
    private readonly ConcurrentDictionary<ValidInstance, bool> knownValid = new(ValidInstance.Comparer);

    /// <summary>The same memory, looked up by the text's bytes in place (a copy is made only to remember a new instance).</summary>
    private ConcurrentDictionary<ValidInstance, bool>.AlternateLookup<ValidInstanceBytes> KnownValidByBytes =>
        knownValid.GetAlternateLookup<ValidInstanceBytes>();

    /// <summary>
    /// As <see cref="Evaluate"/>, for instances that repeat across objects (the same bridge plugin config in every
    /// NetworkAttachmentDefinition): an instance whose exact JSON text was already found valid against the same schema is
    /// not evaluated again. Sound because validity is a function of the schema and the instance alone (the options are
    /// fixed, format checks are pure); an instance that fails is never remembered, so its problems are reported, with
    /// its own path and subject, every time. Only for instances expected to repeat: remembering costs the text.
    /// </summary>
    public void EvaluateRepeating(JsonSchema schema, JsonElement instance, SchemaFamily family, ReportPath pathPrefix, ObjectSubject subject, List<Diagnostic> output)
    {
        // The instance's JSON text as it stands in its document (the bytes GetRawText would transcode), not copied.
        var text = JsonMarshal.GetRawUtf8Value(instance);
        if (KnownValidByBytes.ContainsKey(new ValidInstanceBytes(schema, text)))
        {
            return;
        }

        var problems = output.Count;
        Evaluate(schema, instance, family, pathPrefix, subject, output);
        if (output.Count == problems)
        {
            Remember(new ValidInstance(schema, text.ToArray()));
        }
    }

    /// <summary>
    /// As <see cref="EvaluateRepeating"/>, for instances that repeat except in a few string values (a CNI configuration
    /// list's <c>name</c>, a NetworkAttachmentDefinition's <c>metadata.name</c> and <c>spec.config</c>): the instance is
    /// valid when its shape (the same JSON with each of those values replaced by <see cref="ShapePlaceholder"/>) was found
    /// valid against <paramref name="schema"/> and each value is valid against its <see cref="SetAside.Schema"/>, which
    /// must be the only rule the schema applies to that value: along each path, <paramref name="schema"/> may reach the
    /// value only through <c>properties/&lt;key&gt;</c> (and <c>$ref</c>s to it), no <c>if</c>, <c>dependent*</c>,
    /// <c>unevaluated*</c>, <c>*Of</c>, <c>not</c>, <c>patternProperties</c>, <c>propertyNames</c> or other keyword reads it,
    /// and <see cref="SetAside.Schema"/> is the subschema at the path's end (the caller's test reads the schema to hold it
    /// to this). Then every other keyword sees the same values in the instance and in its shape, so both together decide
    /// exactly what one evaluation would. Anything else (a key on a path missing or repeated, a value not a string, a
    /// shape not known valid) is evaluated as <see cref="Evaluate"/> does, so every problem is reported, at the instance's
    /// own path, by the same code as before; a shape is remembered only after the instance was found valid and the shape
    /// itself evaluated valid.
    /// </summary>
    public void EvaluateRepeatingExcept(JsonSchema schema, IReadOnlyList<SetAside> setAside, JsonElement instance,
        SchemaFamily family, ReportPath pathPrefix, ObjectSubject subject, List<Diagnostic> output)
    {
        var values = new JsonElement[setAside.Count];
        if (Shape(instance, setAside, values) is not { } shape)
        {
            Evaluate(schema, instance, family, pathPrefix, subject, output);
            return;
        }

        if (KnownValidByBytes.ContainsKey(new ValidInstanceBytes(schema, shape.WrittenSpan)) && SetAsideValid(setAside, values))
        {
            return;
        }

        // The shape's text is copied out before Evaluate: the writer that holds it is reused.
        var key = new ValidInstance(schema, shape.WrittenSpan.ToArray());
        var problems = output.Count;
        Evaluate(schema, instance, family, pathPrefix, subject, output);
        if (output.Count == problems)
        {
            using var shapeDocument = JsonDocument.Parse(key.Json);
            if (schema.Evaluate(shapeDocument.RootElement, FlagOptions).IsValid)
            {
                Remember(key);
            }
        }
    }

    /// <summary>Whether the instance's shape without the <paramref name="setAside"/> values was remembered as valid (tests).</summary>
    internal bool IsKnownValidShape(JsonSchema schema, IReadOnlyList<SetAside> setAside, JsonElement instance) =>
        Shape(instance, setAside, new JsonElement[setAside.Count]) is { } shape && KnownValidByBytes.ContainsKey(new ValidInstanceBytes(schema, shape.WrittenSpan));

    /// <summary>The value that stands for a set-aside value in a remembered shape (<see cref="EvaluateRepeatingExcept"/>).</summary>
    internal const string ShapePlaceholder = "x";

    private static bool SetAsideValid(IReadOnlyList<SetAside> setAside, JsonElement[] values)
    {
        for (var i = 0; i < setAside.Count; i++)
        {
            // A set-aside value is a string (Shape takes no other), so a subschema that accepts every string needs no evaluation,
            // and one that is only a type and a pattern is decided by that pattern's regular expression, as JsonSchema.Net reads it.
            var valid = setAside[i] switch
            {
                { AcceptsEveryString: true } => true,
                { Pattern: { } pattern } => pattern.IsMatch(values[i].GetString()!),
                _ => setAside[i].Schema.Evaluate(values[i], FlagOptions).IsValid,
            };
            if (!valid)
            {
                return false; // evaluated whole by the caller, which reports the value at its path
            }
        }

        return true;
    }

    /// <summary>The writer of shapes, one per thread, reused (a shape is copied out as its text).</summary>
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? shapeWriter;

    /// <summary>The instance's JSON with each set-aside value replaced by the placeholder (in the thread's reused buffer, valid
    /// until the next call), and those values in order in <paramref name="values"/>; null unless every path's keys are there
    /// exactly once, through objects, ending at a string. At most 64 paths.</summary>
    private static ArrayBufferWriter<byte>? Shape(JsonElement instance, IReadOnlyList<SetAside> setAside, JsonElement[] values)
    {
        var (buffer, writer) = shapeWriter ??= NewShapeWriter();
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        var found = 0UL;
        if (!WriteShape(writer, instance, setAside, depth: 0, onPath: setAside.Count == 64 ? ulong.MaxValue : (1UL << setAside.Count) - 1, values, ref found) ||
            found != (setAside.Count == 64 ? ulong.MaxValue : (1UL << setAside.Count) - 1))
        {
            return null;
        }

        writer.Flush();
        return buffer;
    }

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewShapeWriter()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        return (buffer, new Utf8JsonWriter(buffer));
    }

    /// <summary>Writes <paramref name="element"/>, an object on the way of the paths in <paramref name="onPath"/> (a bit per
    /// path; their first <paramref name="depth"/> keys led here), with their values replaced and recorded in
    /// <paramref name="values"/> and <paramref name="found"/>; false when a path cannot be followed exactly once.</summary>
    private static bool WriteShape(Utf8JsonWriter writer, JsonElement element, IReadOnlyList<SetAside> setAside, int depth, ulong onPath, JsonElement[] values, ref ulong found)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var followed = 0UL;
        writer.WriteStartObject();
        foreach (var member in element.EnumerateObject())
        {
            var next = 0UL;
            var ending = 0UL;
            for (var i = 0; i < setAside.Count; i++)
            {
                if ((onPath & (1UL << i)) != 0 && member.NameEquals(setAside[i].Path[depth]))
                {
                    next |= 1UL << i;
                    ending |= setAside[i].Path.Count == depth + 1 ? 1UL << i : 0;
                }
            }

            if (next == 0)
            {
                member.WriteTo(writer);
                continue;
            }

            if ((followed & next) != 0)
            {
                return false; // a key on a path given twice
            }

            followed |= next;
            // The key as the path spells it: NameEquals matched it, so it writes the same JSON as member.Name, without a copy.
            writer.WritePropertyName(setAside[BitOperations.TrailingZeroCount(next)].Path[depth]);
            if (ending == 0)
            {
                if (!WriteShape(writer, member.Value, setAside, depth + 1, next, values, ref found))
                {
                    return false;
                }
            }
            else if (ending == next && ulong.IsPow2(ending) && member.Value.ValueKind == JsonValueKind.String)
            {
                values[BitOperations.TrailingZeroCount(ending)] = member.Value;
                found |= ending;
                writer.WriteStringValue(ShapePlaceholder);
            }
            else
            {
                return false; // not a string, or one path ends where another goes on
            }
        }

        writer.WriteEndObject();
        return true;
    }

    private void Remember(ValidInstance key)
    {
        if (knownValid.Count >= MaxRememberedValid)
        {
            knownValid.Clear();
        }

        knownValid.TryAdd(key, true);
    }

    /// <summary>Whether the instance's exact JSON text was remembered as valid against <paramref name="schema"/> by
    /// <see cref="EvaluateRepeating"/> (a caller asks first when making the path for a report costs a string).</summary>
    public bool IsKnownValid(JsonSchema schema, JsonElement instance) => KnownValidByBytes.ContainsKey(new ValidInstanceBytes(schema, JsonMarshal.GetRawUtf8Value(instance)));

    /// <summary>
    /// Evaluates <paramref name="instance"/> and adds a diagnostic per violation to <paramref name="output"/>;
    /// <paramref name="pathPrefix"/> is prepended to each instance pointer (<c>file#</c> or <c>file#/spec/config</c>),
    /// <paramref name="subject"/> names the object in messages (<c>Installation default</c>).
    /// </summary>
    public void Evaluate(JsonSchema schema, JsonElement instance, SchemaFamily family, ReportPath pathPrefix, ObjectSubject subject, List<Diagnostic> output)
    {
        if (schema.Evaluate(instance, FlagOptions).IsValid)
        {
            return;
        }

        var results = schema.Evaluate(instance, HierarchyOptions);
        var failures = new List<Failure>();
        Collect(results, parent: null, failures);
        var typeFailures = failures.Where(f => f.Keyword == "type").Select(f => f.Instance).ToHashSet(StringComparer.Ordinal);
        var found = new List<Diagnostic>();
        foreach (var failure in failures)
        {
            if (failure.Keyword is "enum" or "const" or "pattern" or "format" && typeFailures.Contains(failure.Instance))
            {
                continue;
            }

            found.AddRange(Describe(failure, instance, family, pathPrefix, subject));
        }

        if (found.Count == 0)
        {
            // The flag evaluation failed, so something must be reported even if no keyword explained itself.
            found.Add(new Diagnostic(family.InvalidValue, DiagnosticSeverity.Error, pathPrefix.ToString(), $"{subject}: does not match its schema."));
        }

        output.AddRange(found
            .DistinctBy(d => (d.Code, d.Path, d.Message))
            .OrderBy(d => d.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Code, StringComparer.Ordinal));
    }

    /// <summary>
    /// Walks the failing branches only: a failed <c>if</c> only selects <c>else</c>, and the subschema of a
    /// failed <c>not</c> passed, so neither is a problem of the instance.
    /// </summary>
    private static void Collect(EvaluationResults node, EvaluationResults? parent, List<Failure> failures)
    {
        if (node.IsValid)
        {
            return;
        }

        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            failures.Add(new Failure(node, parent, keyword, message));
        }

        var children = (node.Details ?? []).Where(c => !c.EvaluationPath.ToString().EndsWith("/if", StringComparison.Ordinal)).ToArray();
        foreach (var child in children)
        {
            Collect(child, node, failures);
        }

        // JsonSchema.Net attaches no message to a failed `not` (its subschema passed): name it here.
        if (node.Errors is not { Count: > 0 } && children.All(c => c.IsValid) &&
            children.FirstOrDefault(c => c.EvaluationPath.ToString().EndsWith("/not", StringComparison.Ordinal)) is { } not)
        {
            failures.Add(new Failure(node, parent, "not", "matches what the schema forbids"));
        }
    }

    private IEnumerable<Diagnostic> Describe(Failure failure, JsonElement root, SchemaFamily family, ReportPath pathPrefix, ObjectSubject subject)
    {
        var value = JsonPointerText.Evaluate(root, failure.Instance);
        var schema = catalog.Resolve(failure.Result.SchemaLocation);

        Diagnostic Make(string code, string pointer, string message) =>
            new(code, DiagnosticSeverity.Error, pathPrefix + pointer, $"{subject}: {message}");

        if (failure.Keyword.Length == 0 && failure.Evaluation.EndsWith("/additionalProperties", StringComparison.Ordinal))
        {
            var (_, field) = JsonPointerText.Split(failure.Instance);
            var known = failure.Parent is null ? [] : PropertyNames(catalog.Resolve(failure.Parent.SchemaLocation));
            yield return Make(family.UnknownField, failure.Instance, $"unknown field '{field}'. Fix: {UnknownFieldHint(field, known)}");
            yield break;
        }

        switch (failure.Keyword)
        {
            case "required":
                var required = schema?.TryGetProperty("required", out var names) == true ? names.EnumerateArray().Select(n => n.GetString()!) : [];
                foreach (var name in required.Where(n => value?.ValueKind == JsonValueKind.Object && !value.Value.TryGetProperty(n, out _)))
                {
                    yield return Make(family.MissingField, JsonPointerText.Append(failure.Instance, name), $"required field '{name}' is missing. Fix: set '{name}'.");
                }

                yield break;
            case "type":
                var expected = schema?.TryGetProperty("type", out var type) == true
                    ? type.ValueKind == JsonValueKind.Array ? string.Join(" or ", type.EnumerateArray().Select(t => t.GetString())) : type.GetString()
                    : "another type";
                var allowed = schema?.TryGetProperty("enum", out var typedEnum) == true ? $" Fix: use one of {List(typedEnum)}." : $" Fix: write a {expected}.";
                yield return Make(family.InvalidValue, failure.Instance, $"{Show(value)} is a {Kind(value)}, expected {expected}.{allowed}");
                yield break;
            case "enum":
                var values = schema?.TryGetProperty("enum", out var enumValues) == true ? enumValues : default;
                var suggestion = values.ValueKind == JsonValueKind.Array && value?.ValueKind == JsonValueKind.String
                    ? Closest(value.Value.GetString()!, values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!))
                    : null;
                var listed = values.ValueKind == JsonValueKind.Array ? List(values) : "the values the schema lists";
                yield return Make(family.InvalidValue, failure.Instance,
                    $"{Show(value)} is not an allowed value. Fix: use {(suggestion is null ? "one of " + listed : $"'{suggestion}' (allowed: {listed})")}.");
                yield break;
            case "const":
                var constant = schema?.TryGetProperty("const", out var c) == true ? c.GetRawText() : "the fixed value";
                yield return Make(family.InvalidValue, failure.Instance, $"{Show(value)} is not allowed here. Fix: use {constant}.");
                yield break;
            case "pattern":
                // A hand-written schema may say in words what its pattern allows (x-gitops-expected).
                if (schema?.TryGetProperty("x-gitops-expected", out var expectedText) == true)
                {
                    yield return Make(family.InvalidValue, failure.Instance, $"{Show(value)} is not {expectedText.GetString()}. Fix: use {expectedText.GetString()}.");
                    yield break;
                }

                var pattern = schema?.TryGetProperty("pattern", out var p) == true ? p.GetString() : "its pattern";
                yield return Make(family.InvalidValue, failure.Instance, $"{Show(value)} does not match {pattern}. Fix: write a value matching that expression.");
                yield break;
            case "format":
                yield return Make(family.InvalidValue, failure.Instance, $"{Show(value)}: {failure.Message}.");
                yield break;
            case "not":
                var forbidden = schema?.TryGetProperty("not", out var not) == true && not.TryGetProperty("required", out var together)
                    ? together.EnumerateArray().Select(n => $"'{n.GetString()}'").ToArray()
                    : [];
                yield return Make(family.InvalidValue, failure.Instance, forbidden.Length switch
                {
                    0 => $"{Show(value)} {failure.Message}.",
                    1 => $"{forbidden[0]} is not allowed together with the fields set here. Fix: remove it.",
                    _ => $"{string.Join(" and ", forbidden)} cannot be used together. Fix: keep one of them.",
                });
                yield break;
            case "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum" or "minLength" or "maxLength" or "minItems" or "maxItems":
                var limit = schema?.TryGetProperty(failure.Keyword, out var bound) == true ? bound.GetRawText() : "?";
                var rule = failure.Keyword switch
                {
                    "minimum" => $"is below the minimum {limit}",
                    "maximum" => $"is above the maximum {limit}",
                    "exclusiveMinimum" => $"must be greater than {limit}",
                    "exclusiveMaximum" => $"must be less than {limit}",
                    "minLength" => $"is shorter than {limit} characters",
                    "maxLength" => $"is longer than {limit} characters",
                    "minItems" => $"has fewer than {limit} entries",
                    _ => $"has more than {limit} entries",
                };
                yield return Make(family.InvalidValue, failure.Instance, $"{Show(value)} {rule}.");
                yield break;
            case ListMapKeysKeyword.Keyword:
                yield return Make(family.InvalidValue, failure.Instance, $"{failure.Message}. Fix: remove or rename the duplicate entry.");
                yield break;
            default:
                yield return Make(family.InvalidValue, failure.Instance, $"{Show(value)}: {failure.Message} ({failure.Keyword}).");
                yield break;
        }
    }

    private static EvaluationOptions Options(OutputFormat format) => new()
    {
        OutputFormat = format,
        RequireFormatValidation = true,
        FormatRegistry = SchemaFormats.CreateRegistry(),
        Culture = System.Globalization.CultureInfo.InvariantCulture,
    };

    private static IReadOnlyList<string> PropertyNames(JsonElement? schema) =>
        schema?.ValueKind == JsonValueKind.Object && schema.Value.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray()
            : [];

    private static string UnknownFieldHint(string field, IReadOnlyList<string> known)
    {
        if (known.Count == 0)
        {
            return "remove it; this object takes no fields.";
        }

        var closest = Closest(field, known);
        return closest is not null
            ? $"did you mean '{closest}'?"
            : $"remove it or use a known field: {string.Join(", ", known.Take(MaxListed))}{(known.Count > MaxListed ? ", …" : "")}.";
    }

    /// <summary>The candidate a typo most likely meant: same letters ignoring case, or at most two edits away.</summary>
    internal static string? Closest(string value, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase) ? 0 : Levenshtein(value, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance <= Math.Min(2, Math.Max(1, value.Length / 3)) ? best : null;
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static string List(JsonElement values)
    {
        var items = values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToArray();
        return string.Join(", ", items.Take(MaxListed)) + (items.Length > MaxListed ? ", …" : "");
    }

    private static string Show(JsonElement? value) => value switch
    {
        null => "the value",
        { ValueKind: JsonValueKind.Object } => "the object",
        { ValueKind: JsonValueKind.Array } => "the list",
        { } v => Truncate(v.GetRawText()),
    };

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private static string Kind(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "list",
        JsonValueKind.Null => "null",
        _ => "value",
    };

    private sealed record Failure(EvaluationResults Result, EvaluationResults? Parent, string Keyword, string Message)
    {
        public string Instance { get; } = Result.InstanceLocation.ToString();

        public string Evaluation { get; } = Result.EvaluationPath.ToString();
    }
}

/// <summary>A schema (by reference: one built schema is one rule set) and an instance's exact JSON text, as UTF-8.</summary>
internal readonly record struct ValidInstance(JsonSchema Schema, byte[] Json)
{
    /// <summary>Equal when the schema is the same object and the texts are the same bytes; looked up by <see cref="ValidInstanceBytes"/> too.</summary>
    public static readonly ValidInstanceComparer Comparer = new();
}

/// <summary>A <see cref="ValidInstance"/> to look up, its text in place (the instance's document, the shape writer's buffer).</summary>
internal readonly ref struct ValidInstanceBytes(JsonSchema schema, ReadOnlySpan<byte> json)
{
    public JsonSchema Schema { get; } = schema;

    public ReadOnlySpan<byte> Json { get; } = json;
}

/// <summary>Exact equality of <see cref="ValidInstance"/>s: the same schema object and byte-for-byte the same text.</summary>
internal sealed class ValidInstanceComparer : IEqualityComparer<ValidInstance>, IAlternateEqualityComparer<ValidInstanceBytes, ValidInstance>
{
    public bool Equals(ValidInstance x, ValidInstance y) => ReferenceEquals(x.Schema, y.Schema) && x.Json.AsSpan().SequenceEqual(y.Json);

    public int GetHashCode(ValidInstance obj) => Hash(obj.Schema, obj.Json);

    public bool Equals(ValidInstanceBytes alternate, ValidInstance other) => ReferenceEquals(alternate.Schema, other.Schema) && alternate.Json.SequenceEqual(other.Json);

    public int GetHashCode(ValidInstanceBytes alternate) => Hash(alternate.Schema, alternate.Json);

    public ValidInstance Create(ValidInstanceBytes alternate) => new(alternate.Schema, alternate.Json.ToArray());

    private static int Hash(JsonSchema schema, ReadOnlySpan<byte> json)
    {
        var hash = new HashCode();
        hash.Add(RuntimeHelpers.GetHashCode(schema));
        hash.AddBytes(json);
        return hash.ToHashCode();
    }
}

/// <summary>A string value set aside from an instance's shape (<see cref="SchemaErrorReporter.EvaluateRepeatingExcept"/>): its
/// path of object keys from the root, the subschema the instance's schema applies to it there, and whether that subschema
/// accepts every string (it is <c>{"type": "string"}</c> with at most a description: then a string is not evaluated against it),
/// and, when that subschema is only <c>{"type": "string", "pattern": P}</c> (and annotations), P as the regular expression
/// JsonSchema.Net's <c>pattern</c> keyword builds from it (<see cref="PatternPer"/>): a string it matches is valid without an
/// evaluation, one it does not match is evaluated.</summary>
internal sealed record SetAside(IReadOnlyList<string> Path, JsonSchema Schema, bool AcceptsEveryString = false, Regex? Pattern = null)
{
    /// <summary>The options JsonSchema.Net 8.0.5 builds a <c>pattern</c> with (<c>PatternKeyword.ValidateKeywordValue</c>:
    /// <c>RegexOptions.ECMAScript | RegexOptions.Compiled</c>, no timeout; <c>Compiled</c> changes speed, not matches).
    /// CniListShapeTests compares the two on strings chosen to tell regex dialects apart.</summary>
    internal const RegexOptions PatternOptions = RegexOptions.ECMAScript;

    /// <summary>The regular expression deciding <paramref name="raw"/> (a subschema as written) for a string, when it is only
    /// <c>type: string</c>, a <c>pattern</c> and annotations (<c>description</c>, <c>$comment</c>); null otherwise.</summary>
    public static Regex? PatternPer(JsonElement raw)
    {
        if (raw.ValueKind != JsonValueKind.Object ||
            !raw.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "string" ||
            !raw.TryGetProperty("pattern", out var pattern) || pattern.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        foreach (var keyword in raw.EnumerateObject())
        {
            if (keyword.Name is not ("type" or "pattern" or "description" or "$comment"))
            {
                return null;
            }
        }

        return new Regex(pattern.GetString()!, PatternOptions);
    }

    /// <summary>Whether <paramref name="raw"/> (a subschema as written) accepts every string: only <c>type: string</c> and a description.</summary>
    public static bool AcceptsEveryStringPer(JsonElement raw) =>
        raw.ValueKind == JsonValueKind.Object &&
        raw.EnumerateObject().All(k => k.Name == "description" || (k.Name == "type" && k.Value.ValueKind == JsonValueKind.String && k.Value.GetString() == "string")) &&
        raw.TryGetProperty("type", out _);
}
