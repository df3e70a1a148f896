using System.Text.Json;
using Json.Schema;

namespace GitOps.Validation;

/// <summary>
/// <c>x-kubernetes-list-map-keys</c> (with <c>x-kubernetes-list-type: map</c>): the API server merges such a list
/// by these keys (containers and volumes by name, ports by containerPort+protocol, volumeMounts by mountPath),
/// and server-side apply rejects two entries with the same key values ("duplicate entries for key").
/// A key a entry omits counts as null (the API server would apply the field's default first, e.g. protocol TCP).
/// </summary>
internal sealed class ListMapKeysKeyword : IKeywordHandler
{
    public const string Keyword = "x-kubernetes-list-map-keys";

    public string Name => Keyword;

    public object? ValidateKeywordValue(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(k => k.ValueKind == JsonValueKind.String)
            ? value.EnumerateArray().Select(k => k.GetString()!).ToArray()
            : throw new JsonSchemaException($"{Keyword} must be a list of field names.");

    public void BuildSubschemas(KeywordData keyword, BuildContext context)
    {
    }

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        var keys = (string[])keyword.Value!;
        if (context.Instance.ValueKind != JsonValueKind.Array)
        {
            return new KeywordEvaluation { Keyword = Keyword, IsValid = true };
        }

        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in context.Instance.EnumerateArray())
        {
            var values = keys.Select(k => item.ValueKind == JsonValueKind.Object && item.TryGetProperty(k, out var v) ? v.GetRawText() : "null").ToArray();
            var tuple = string.Join(", ", keys.Zip(values, (k, v) => $"{k}={v}"));
            if (first.TryGetValue(tuple, out var earlier))
            {
                return new KeywordEvaluation
                {
                    Keyword = Keyword,
                    IsValid = false,
                    Error = $"entries {earlier} and {index} have the same {tuple}; the API server merges this list by ({string.Join(", ", keys)}), so each entry needs its own",
                };
            }

            first[tuple] = index++;
        }

        return new KeywordEvaluation { Keyword = Keyword, IsValid = true };
    }
}
