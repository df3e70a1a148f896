using System.Text.RegularExpressions;
using RouteFix.Cni;

namespace RouteFix.Tests;

/// <summary>
/// route-fix's layers point one way: Plugin uses Cni (the generic skeleton), Netlink, Namespaces and Addressing;
/// the skeleton knows no plugin and no kernel; Netlink knows no plugin and no CNI. Read from the compiled assembly.
/// </summary>
public sealed class NamespaceLayeringTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, SortedSet<string>>> Graph =
        new(() => NamespaceGraph.Of(typeof(CniSkeleton).Assembly, "RouteFix"));

    private static SortedSet<string> Uses(string ns) => Graph.Value.TryGetValue(ns, out var uses) ? uses : [];

    [Fact]
    public void The_namespaces_form_no_cycle()
    {
        var cycle = NamespaceGraph.FindCycle(Graph.Value);
        Assert.True(cycle is null, "namespace cycle: " + string.Join(" -> ", cycle ?? []));
    }

    [Fact]
    public void The_skeleton_uses_no_plugin_and_no_kernel() =>
        Assert.Equal(["RouteFix.Addressing"], Uses("RouteFix.Cni"));

    [Fact]
    public void Netlink_uses_no_plugin_and_no_cni() =>
        Assert.Equal(["RouteFix.Addressing"], Uses("RouteFix.Netlink"));

    [Fact]
    public void Addressing_is_a_leaf() =>
        Assert.Empty(Uses("RouteFix.Addressing"));

    [Fact]
    public void The_plugin_is_where_the_layers_meet()
    {
        // Plugin → Cni happens in signatures; Plugin → Namespaces only inside method bodies (NetworkNamespace.Run),
        // so this also shows the scan reads IL, not only member types.
        Assert.Superset(new SortedSet<string> { "RouteFix.Addressing", "RouteFix.Cni", "RouteFix.Namespaces", "RouteFix.Netlink" }, Uses("RouteFix.Plugin"));
        Assert.DoesNotContain("RouteFix.Plugin", Graph.Value.Where(kv => kv.Key != "RouteFix.Plugin").SelectMany(kv => kv.Value));
    }

    /// <summary>
    /// The source says the same, for what IL cannot show (a const is copied into the caller): no file of a lower
    /// layer imports or names a namespace above it, qualified or relative to RouteFix.
    /// </summary>
    [Theory]
    [InlineData("Cni", "Plugin|Netlink|Namespaces|Installer")]
    [InlineData("Netlink", "Plugin|Cni|Namespaces|Installer")]
    [InlineData("Addressing", "Plugin|Cni|Netlink|Namespaces|Installer")]
    public void No_source_file_of_a_lower_layer_names_a_higher_one(string folder, string forbidden)
    {
        var pattern = new Regex($@"using\s+RouteFix\.({forbidden})\b|\bRouteFix\.({forbidden})\.|(?<![\w.])({forbidden})\.[A-Z]", RegexOptions.CultureInvariant);
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", "RouteFix", folder), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var hits = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line.Trim())))
            .Where(l => !l.Text.StartsWith("//", StringComparison.Ordinal) && pattern.IsMatch(l.Text))
            .Select(l => $"{folder}/{l.File}:{l.Line}: {l.Text}");
        Assert.Empty(hits);
    }

    [Fact]
    public void A_cycle_is_found_and_named()
    {
        var graph = new Dictionary<string, SortedSet<string>>
        {
            ["A"] = ["B"],
            ["B"] = ["C"],
            ["C"] = ["A", "D"],
            ["D"] = [],
        };
        Assert.Equal(["A", "B", "C", "A"], NamespaceGraph.FindCycle(graph));
        graph["C"].Remove("A");
        Assert.Null(NamespaceGraph.FindCycle(graph));
    }
}
