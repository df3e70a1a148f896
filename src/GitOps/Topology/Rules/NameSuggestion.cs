using F23.StringSimilarity;

namespace GitOps.Topology;

/// <summary>
/// "Did you mean": for a name that is not declared, the declared name closest to it, so a typo (<c>br-lna</c>) is
/// answered with the name meant (<c>br-lan</c>) rather than with how to declare the typo. Closeness is the
/// Damerau-Levenshtein distance (insertions, deletions, substitutions and swaps of adjacent characters, each one edit;
/// F23.StringSimilarity's <c>Damerau</c>), ignoring case. A name is suggested only within <see cref="MaxEdits"/>
/// edits, so an unrelated name never is; of equally close names the first in ordinal order wins, so the message is
/// the same on every run. Every "unknown reference" diagnostic uses it.
/// </summary>
internal static class NameSuggestion
{
    private static readonly Damerau Distance = new();

    /// <summary>The edits allowed for a name of <paramref name="length"/> characters: one up to 5 characters, two above.</summary>
    public static int MaxEdits(int length) => length <= 5 ? 1 : 2;

    /// <summary>The declared name closest to <paramref name="name"/> within <see cref="MaxEdits"/>, or null.</summary>
    public static string? Closest(string name, IEnumerable<string> declared)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(declared);
        var limit = MaxEdits(name.Length);
        return declared
            .Where(d => !string.Equals(d, name, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Select(d => (Name: d, Edits: Distance.Distance(name.ToLowerInvariant(), d.ToLowerInvariant())))
            .Where(c => c.Edits <= limit)
            .OrderBy(c => c.Edits)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    /// <summary>
    /// The fix of an unknown-reference message: "did you mean 'br-lan'? If not, <paramref name="otherwise"/>" when a
    /// declared name is close to <paramref name="name"/>, else <paramref name="otherwise"/> alone.
    /// </summary>
    /// <remarks>An <paramref name="otherwise"/> that starts a sentence (upper case) gives "Did you mean …? If not, declare …".</remarks>
    public static string Fix(string name, IEnumerable<string> declared, string otherwise)
    {
        ArgumentNullException.ThrowIfNull(otherwise);
        if (Closest(name, declared) is not { } closest)
        {
            return otherwise;
        }

        var sentence = otherwise.Length > 0 && char.IsUpper(otherwise[0]);
        var rest = sentence ? char.ToLowerInvariant(otherwise[0]) + otherwise[1..] : otherwise;
        return $"{(sentence ? "Did" : "did")} you mean '{closest}'? If not, {rest}";
    }
}
