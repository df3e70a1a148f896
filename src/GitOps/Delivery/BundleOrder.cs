using GitOps.Output;

namespace GitOps.Delivery;

/// <summary>The order bundles reach the cluster: a topological sort over <see cref="Bundle.DependsOn"/>.</summary>
internal static class BundleOrder
{
    /// <summary>
    /// Every bundle in the order folders reach the cluster, as folder names. Without a GitOps section every folder is
    /// written as it is; with one, the CNI layer (crds/, multus/ and the Installation, see <see cref="CniLayer"/>) goes to
    /// the K3s servers at day 0 instead, and Fleet/Flux deliver the rest in this order.
    /// </summary>
    public static IReadOnlyList<string> Folders { get; } = [.. Sort(Bundle.All).Select(BundleLayout.FolderOf)];

    /// <summary>
    /// <paramref name="bundles"/> and every bundle they depend on (transitively), each after all its dependencies (Kahn's
    /// algorithm); among bundles ready at once, by name (ordinal), so the order never depends on the input's.
    /// </summary>
    /// <exception cref="InvalidOperationException">The bundles depend on each other in a cycle (named), or two
    /// different bundles have one name.</exception>
    public static IReadOnlyList<Bundle> Sort(IEnumerable<Bundle> bundles)
    {
        var all = Closure(bundles);
        var twice = all.GroupBy(b => b.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new InvalidOperationException($"Two bundles are named '{twice.Key}'; each bundle is defined once, in Bundle.");
        }

        var waiting = all.ToDictionary(b => b, b => b.DependsOn.Distinct().Count());
        var ready = new SortedSet<Bundle>(all.Where(b => waiting[b] == 0), Comparer<Bundle>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name)));
        var sorted = new List<Bundle>();
        while (ready.Min is { } next)
        {
            ready.Remove(next);
            sorted.Add(next);
            foreach (var dependent in all.Where(b => b.DependsOn.Contains(next)))
            {
                if (--waiting[dependent] == 0)
                {
                    ready.Add(dependent);
                }
            }
        }

        if (sorted.Count < all.Count)
        {
            var cycle = all.Where(b => waiting[b] > 0).Select(b => b.Name).Order(StringComparer.Ordinal);
            throw new InvalidOperationException($"Bundles {string.Join(", ", cycle)} depend on each other in a cycle; no order delivers them.");
        }

        return sorted;
    }

    private static List<Bundle> Closure(IEnumerable<Bundle> bundles)
    {
        var seen = new HashSet<Bundle>();
        var all = new List<Bundle>();
        var stack = new Stack<Bundle>(bundles);
        while (stack.TryPop(out var bundle))
        {
            if (seen.Add(bundle))
            {
                all.Add(bundle);
                foreach (var dependency in bundle.DependsOn)
                {
                    stack.Push(dependency);
                }
            }
        }

        return all;
    }
}
