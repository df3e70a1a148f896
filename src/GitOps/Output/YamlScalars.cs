using System.Buffers;
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
        "<<", // YAML 1.1 merge key (yaml.org/type/merge.html): plain, go-yaml v2 merges instead of reading a key
    };

    // YAML 1.1 int/float (yaml.org/type/int.html, float.html), including 0755, 0x1F, 1_000, 1:30, .5, 1e3, .inf, .nan.
    // Go's strconv.ParseInt(s, 0, 64), which go-yaml v2 uses, also takes the prefixes in upper case (0X1F, 0O17, 0B101).
    [GeneratedRegex(@"^[-+]?(0[bB][01_]+|0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|([0-9][0-9_]*)?\.?[0-9_]*([eE][-+]?[0-9]+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberLike();

    // .inf/.nan with an optional sign (-.Inf is a float to go-yaml v2 resolve.go); they hold no digit.
    [GeneratedRegex(@"^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$", RegexOptions.CultureInvariant)]
    private static partial Regex InfinityOrNan();

    public static bool NeedsQuotes(string text) =>
        Reserved.Contains(text) || (text.AsSpan().IndexOfAny(Digits) >= 0 && NumberLike().IsMatch(text)) || InfinityOrNan().IsMatch(text) || text is "=";

    /// <summary>The digits, as a set: <c>IndexOfAnyInRange('0', '9')</c> allocated 96 bytes a call in code the JIT had not
    /// optimized yet (measured with <c>GC.GetAllocatedBytesForCurrentThread</c>), as most code is in a fresh generator process.</summary>
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");
}
