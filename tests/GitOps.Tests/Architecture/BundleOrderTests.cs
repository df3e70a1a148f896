using System.Reflection;
using GitOps.Delivery;
using GitOps.Output;
using Xunit;

namespace GitOps.Tests.Architecture;

/// <summary>
/// Bundles reach the cluster in a topological order over <see cref="Bundle.DependsOn"/> (<see cref="BundleOrder.Sort"/>),
/// ties broken by name; a cycle is refused. Delivery alone places bundles in folders: the emitters the generator calls
/// before delivery return <see cref="BundleFile"/>s, build no <see cref="ManifestFile"/> (the only type with a path), and
/// no string literal outside GitOps.Delivery starts with a bundle's folder or one of delivery's own (read from GitOps.dll's IL).
/// </summary>
public sealed class BundleOrderTests
{
    [Fact]
    public void The_library_s_bundles_deploy_in_the_documented_order()
    {
        Assert.Equal(["crds", "multus", "namespaces", "calico", "calico-bgp", "node-agent", "networks", "workloads"], BundleOrder.Folders);
        Assert.Equal(BundleOrder.Folders, BundleOrder.Sort(Bundle.All.Reverse()).Select(BundleLayout.FolderOf));
    }

    [Fact]
    public void Each_bundle_comes_after_its_dependencies_not_in_name_order()
    {
        var z = new Bundle("z", []);
        var y = new Bundle("y", [z]);
        var x = new Bundle("x", [y]);
        Assert.Equal([z, y, x], BundleOrder.Sort([x, y, z]));
        Assert.Equal([z, y, x], BundleOrder.Sort([x])); // the dependencies come along
    }

    [Fact]
    public void Bundles_ready_together_go_by_name_whatever_the_input_order()
    {
        var a = new Bundle("a", []);
        var c = new Bundle("c", [a]);
        var b = new Bundle("b", [a]);
        var d = new Bundle("d", [c, b]);
        Assert.Equal([a, b, c, d], BundleOrder.Sort([d, c, b, a]));
        Assert.Equal([a, b, c, d], BundleOrder.Sort([b, c, d]));
    }

    [Fact]
    public void A_cycle_is_refused_naming_its_bundles()
    {
        var firstDependsOn = new List<Bundle>();
        var first = new Bundle("first", firstDependsOn);
        var second = new Bundle("second", [first]);
        firstDependsOn.Add(second);
        var free = new Bundle("free", []);
        var error = Assert.Throws<InvalidOperationException>(() => BundleOrder.Sort([free, second]));
        Assert.Contains("first, second", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("free", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_bundles_with_one_name_are_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BundleOrder.Sort([new Bundle("calico", []), Bundle.CalicoBgp]));
        Assert.Contains("'calico'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_depends_on_its_nearest_delivered_bundles()
    {
        // calico has no files (with a GitOps section its Installation goes to day 0): calico-bgp waits for namespaces.
        var folders = BundleLayout.Collect(
        [
            new BundleFile(Bundle.Workloads, "w.yaml", []),
            new BundleFile(Bundle.CalicoBgp, "b.yaml", []),
            new BundleFile(Bundle.Namespaces, "n.yaml", []),
        ]);
        Assert.Equal(["namespaces", "calico-bgp", "workloads"], folders.Select(f => f.Folder));
        Assert.Equal([[], ["namespaces"], ["calico-bgp"]], folders.Select(f => f.DependsOn.ToArray()));
        Assert.Equal(["calico-bgp/b.yaml"], folders[1].Files.Select(f => f.RelativePath));

        var a = new Bundle("a", []);
        var gone = new Bundle("gone", [a]);
        var b = new Bundle("b", [a]);
        var d = new Bundle("d", [gone, b]);
        var diamond = BundleLayout.Collect([new BundleFile(d, "d.yaml", []), new BundleFile(a, "a.yaml", []), new BundleFile(b, "b.yaml", [])]);
        Assert.Equal([[], ["a"], ["a", "b"]], diamond.Select(f => f.DependsOn.ToArray()));
    }

    [Fact]
    public void Emitters_before_delivery_tag_files_with_a_bundle_and_build_no_path()
    {
        var emit = typeof(LabGenerator).GetMethod(nameof(LabGenerator.Emit), BindingFlags.NonPublic | BindingFlags.Static)!;
        var emitters = NamespaceGraph.BodyReferences(emit).OfType<MethodInfo>()
            .Where(m => m.DeclaringType!.Name.EndsWith("Emitter", StringComparison.Ordinal) && m.DeclaringType.Namespace is not ("GitOps.Delivery" or "GitOps.Picture"))
            .ToArray();
        Assert.Equal(8, emitters.Length); // Multus, Calico, whereabouts CRDs, Calico BGP, node agent, whereabouts install, NADs, workloads
        Assert.All(emitters, m => Assert.Equal(typeof(IEnumerable<BundleFile>), m.ReturnType));

        var namespaces = emitters.Select(m => m.DeclaringType!.Namespace + ".").Distinct().ToArray();
        var pathBuilders = OneWayPipelineTests.Callers(m => m.DeclaringType == typeof(ManifestFile) && m.IsConstructor);
        Assert.Contains(pathBuilders, c => c.StartsWith("GitOps.Delivery.", StringComparison.Ordinal));
        Assert.DoesNotContain(pathBuilders, c => namespaces.Any(ns => c.StartsWith(ns, StringComparison.Ordinal)));

        // Delivery's own emitters return DeliveryFiles tagged with a folder: they build no path either.
        string[] deliveryEmitters = ["GitOps.Fleet.", "GitOps.Flux.", "GitOps.Rancher.", "GitOps.Hosts."];
        Assert.DoesNotContain(pathBuilders, c => deliveryEmitters.Any(ns => c.StartsWith(ns, StringComparison.Ordinal)));
    }

    [Fact]
    public void No_string_outside_delivery_names_a_bundle_or_delivery_folder()
    {
        // The folders: each bundle's and delivery's own (rancher-local/, rancher/, flux/, hosts/), named once by their types.
        var folders = BundleOrder.Folders.Concat(DeliveryFolder.All.Select(BundleLayout.FolderOf)).ToArray();
        Assert.Superset(new HashSet<string>(["rancher-local", "rancher", "flux", "hosts"]), folders.ToHashSet());
        var prefixes = folders.Select(f => f + "/").ToArray();
        var library = typeof(LabGenerator).Assembly;
        var naming = library.GetTypes()
            .Where(t => t.Namespace != "GitOps.Delivery")
            .SelectMany(t => Methods(t)
                .SelectMany(m => NamespaceGraph.BodyStrings(m).Where(s => prefixes.Any(p => s.StartsWith(p, StringComparison.Ordinal))).Select(s => $"{t.FullName}.{m.Name}: \"{s}\"")))
            .ToArray();
        Assert.True(naming.Length == 0, "folders named outside GitOps.Delivery (tag the file with its Bundle or DeliveryFolder instead): " + string.Join(", ", naming));

        // The scan sees the literals of paths at all: the host files' paths inside hosts/<node>/ are found the same way.
        var hosts = library.GetTypes().Where(t => t.Namespace == "GitOps.Hosts").SelectMany(Methods).SelectMany(NamespaceGraph.BodyStrings);
        Assert.Contains(hosts, s => s.EndsWith("/" + GitOps.Hosts.K3sHostFilesEmitter.ConfigPath, StringComparison.Ordinal));
    }

    private static IEnumerable<MethodBase> Methods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Cast<MethodBase>()
            .Concat(type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly));
}
