using System.Runtime.CompilerServices;
using GitOps.Output;
using k8s.Models;
using Xunit;

namespace GitOps.Tests.Generation;

/// <summary>
/// The generator holds each emitted object in one form at a time (issue 20, peak memory): its typed objects are
/// replaced by their JSON before validation (<see cref="ObjectJsonDocuments.ReplaceObjectsWithJson"/>), and each JSON is
/// released once the last file that holds it is rendered. A release too early fails the render of a later file; none
/// at all, or a typed object still held, fails here.
/// </summary>
public sealed class ObjectJsonReleaseTests
{
    [Fact]
    public void Each_objects_json_is_released_after_the_last_file_that_holds_it_and_the_bytes_are_the_typed_sets()
    {
        var shared = ConfigMap("shared");
        var own = ConfigMap("own");
        ManifestSet Files() => new([
            new ManifestFile("a/first.yaml", [shared, own]),
            new ManifestFile("b/copy.yaml", [shared]) { CopyOf = "a/first.yaml" },
        ]);
        var expected = YamlRenderer.Render(Files()); // typed, as before the replacement
        var set = Files();

        ObjectJsonDocuments.ReplaceObjectsWithJson(set);

        var first = set.Files[0].Objects.Cast<SerializedObject>().ToArray();
        var copy = Assert.IsType<SerializedObject>(Assert.Single(set.Files[1].Objects));
        Assert.Same(first[0], copy); // one JSON for an object two files hold
        ObjectJsonDocuments.Rendered(set.Files[0]);
        Assert.True(first[1].IsReleased, "the object only the first file holds is released once it is rendered");
        Assert.False(copy.IsReleased, "the object the copy still holds is kept");

        var again = Files();
        ObjectJsonDocuments.ReplaceObjectsWithJson(again);
        using var json = new ObjectJsonDocuments();
        var rendered = YamlRenderer.Render(again, json);
        Assert.All(again.Files.SelectMany(f => f.Objects).Cast<SerializedObject>(), o => Assert.True(o.IsReleased));
        Assert.Equal(expected.Select(f => (f.RelativePath, System.Text.Encoding.UTF8.GetString(f.Content))),
            rendered.Select(f => (f.RelativePath, System.Text.Encoding.UTF8.GetString(f.Content))));
    }

    [Fact]
    public void A_typed_object_can_be_collected_once_its_json_replaced_it()
    {
        var (set, typed) = SetHoldingOnlyItsObject();
        Assert.True(typed.IsAlive);

        ObjectJsonDocuments.ReplaceObjectsWithJson(set);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(typed.IsAlive, "the typed object is still referenced after its JSON replaced it in the set");
        Assert.Equal("kept", Assert.IsType<SerializedObject>(Assert.Single(set.Files[0].Objects)).Json.GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public void A_document_of_a_library_file_format_and_json_already_stay_as_they_are()
    {
        var fleet = new GitOps.Fleet.FleetYaml { DefaultNamespace = "default" };
        var element = System.Text.Json.JsonDocument.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}""").RootElement;
        var set = new ManifestSet([new ManifestFile("a/fleet.yaml", [fleet]), new ManifestFile("b/x.yaml", [element])]);

        ObjectJsonDocuments.ReplaceObjectsWithJson(set);

        Assert.Same(fleet, Assert.Single(set.Files[0].Objects));
        Assert.Equal(element, Assert.Single(set.Files[1].Objects));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (ManifestSet Set, WeakReference Typed) SetHoldingOnlyItsObject()
    {
        var typed = ConfigMap("kept");
        return (new ManifestSet([new ManifestFile("a/kept.yaml", [typed])]), new WeakReference(typed));
    }

    private static V1ConfigMap ConfigMap(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Data = new Dictionary<string, string> { ["key"] = name },
    };
}
