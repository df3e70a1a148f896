using Xunit;

namespace GitOps.Tests.Architecture;

/// <summary>
/// The library's namespaces, read from the compiled GitOps.dll (signatures and IL, <see cref="NamespaceGraph"/>):
/// no namespace cycle beyond the known debt listed here. The list can only shrink: a new edge on a cycle fails, and
/// so does a listed edge that is no longer on one (delete it from the list).
/// </summary>
public sealed class NamespaceLayeringTests
{
    /// <summary>
    /// Every edge that lies on a namespace cycle today: none. Shrink this list; never add to it. (Issue 19 named
    /// Delivery↔Calico, Delivery↔Hosts, Fleet↔Rancher and Output→Hosts/Delivery: gone, with the K3s types in GitOps.K3s
    /// and the renderer dispatching on <c>ITextFileDocument</c>/<c>IYamlTreeDocument</c>; and Delivery↔Fleet/Flux: gone
    /// with the typed <c>Bundle</c>, Fleet and Flux taking the placed <c>Output.BundleFolder</c>.)
    /// </summary>
    private static readonly string[] KnownCycleEdges = [];

    private static readonly Lazy<IReadOnlyDictionary<string, SortedSet<string>>> Graph =
        new(() => NamespaceGraph.Of(typeof(LabGenerator).Assembly, "GitOps"));

    [Fact]
    public void No_namespace_cycle_beyond_the_listed_debt_and_the_list_is_current()
    {
        var actual = NamespaceGraph.CycleEdges(Graph.Value);
        var added = actual.Except(KnownCycleEdges, StringComparer.Ordinal).ToArray();
        var gone = KnownCycleEdges.Except(actual, StringComparer.Ordinal).ToArray();
        Assert.True(added.Length == 0, "new namespace dependencies on a cycle (depend the other way, or move the shared type to a lower namespace): " + string.Join(", ", added));
        Assert.True(gone.Length == 0, "listed cycle edges that are no longer on a cycle (delete them from KnownCycleEdges): " + string.Join(", ", gone));
    }

    [Fact]
    public void The_model_uses_no_emitter_namespace()
    {
        var model = Graph.Value.TryGetValue("GitOps.Topology", out var uses) ? uses : [];
        Assert.Equal(["GitOps.Diagnostics"], model);
    }

    [Fact]
    public void Cycle_edges_are_every_edge_on_a_cycle_and_no_other()
    {
        var graph = new Dictionary<string, SortedSet<string>>
        {
            ["A"] = ["B"],
            ["B"] = ["A", "C"],
            ["C"] = ["D"],
            ["D"] = ["C", "E"],
            ["E"] = [],
        };
        Assert.Equal(["A -> B", "B -> A", "C -> D", "D -> C"], NamespaceGraph.CycleEdges(graph));
        graph["D"].Remove("C");
        Assert.Equal(["A -> B", "B -> A"], NamespaceGraph.CycleEdges(graph));
    }
}
