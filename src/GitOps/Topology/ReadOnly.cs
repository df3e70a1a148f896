using System.Collections.ObjectModel;

namespace GitOps.Topology;

/// <summary>
/// The one way the model holds a collection: a copy in an array wrapped as <see cref="ReadOnlyCollection{T}"/>
/// (a dictionary: a sorted copy wrapped as <see cref="ReadOnlyDictionary{TKey, TValue}"/>), so a built lab can be
/// changed neither through a builder that still holds the original nor by casting back to <c>List&lt;T&gt;</c>.
/// </summary>
internal static class ReadOnly
{
    public static IReadOnlyList<T> Copy<T>(IEnumerable<T> items) => Array.AsReadOnly(items.ToArray());

    public static IReadOnlyDictionary<string, string> Copy(IEnumerable<KeyValuePair<string, string>> items) =>
        new ReadOnlyDictionary<string, string>(new SortedDictionary<string, string>(items.ToDictionary(StringComparer.Ordinal), StringComparer.Ordinal));
}
