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

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ReservedBySpan = Reserved.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool NeedsQuotes(string text) => NeedsQuotes(text.AsSpan());

    /// <summary>Whether the plain text would be read back as something else than this string (then it gets double quotes).</summary>
    public static bool NeedsQuotes(ReadOnlySpan<char> text) =>
        ReservedBySpan.Contains(text) ||
        (text.IndexOfAny(Digits) >= 0 && text.IndexOfAnyExcept(NumberCharacters) < 0 && NumberLike().IsMatch(text)) ||
        (text.Length <= 5 && InfinityOrNan().IsMatch(text)) ||
        text is "=";

    /// <summary>The digits (a set: <c>IndexOfAnyInRange</c> allocated 96 bytes a call in
    /// code the JIT had not optimized yet, measured with GC.GetAllocatedBytesForCurrentThread; 7 MB of boxed chars in a cold
    /// run at N = 10,000).</summary>
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    /// <summary>Every character <see cref="NumberLike"/> can match: a text with another one is not number-like, and the
    /// regular expression (which allocates on each call) is not run for it.</summary>
    private static readonly SearchValues<char> NumberCharacters = SearchValues.Create("+-.0123456789:ABCDEFOXabcdefox_");
}
