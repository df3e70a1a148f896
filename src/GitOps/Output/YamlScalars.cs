using System.Text.RegularExpressions;

namespace GitOps.Output;

/// <summary>
/// Which plain strings a YAML reader would not read back as the same string: YAML 1.1 and 1.2
/// booleans, nulls, integers (incl. octal, hex, sexagesimal) and floats. Those get double quotes.
/// </summary>
internal static partial class YamlScalars
{
    // YAML 1.1 bool (yaml.org/type/bool.html) and null (yaml.org/type/null.html), all cases.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", "",
    };

    // YAML 1.1 int/float (yaml.org/type/int.html, float.html), including 0755, 0x1F, 1_000, 1:30, .5, 1e3, .inf, .nan.
    [GeneratedRegex(@"^[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|([0-9][0-9_]*)?\.?[0-9_]*([eE][-+]?[0-9]+)?|\.(inf|Inf|INF)|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberLike();

    public static bool NeedsQuotes(string text) =>
        Reserved.Contains(text) || (text.Any(char.IsAsciiDigit) && NumberLike().IsMatch(text)) || text is ".inf" or ".nan" or "=";
}
