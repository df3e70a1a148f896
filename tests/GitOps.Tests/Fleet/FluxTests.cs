using GitOps.Output;
using GitOps.Validation;
using System.Text.Json.Nodes;
using GitOps.Delivery;
using GitOps.Flux;
using GitOps.Tests.Support;
using Json.Schema;
using Xunit;

namespace GitOps.Tests.Fleet;

/// <summary>The same folders for Flux: a kustomization.yaml in each, and Kustomizations in flux/ that mirror the Fleet order.</summary>
public sealed class FluxTests
{
    private static readonly Lazy<JsonSchema> KustomizationSchema = new(() =>
        CrdJsonSchema.Load("kustomize.toolkit.fluxcd.io_kustomizations.yaml", "v1"));

    /// <summary>
    /// The folders Flux delivers in the blog lab: the CNI layer (crds/, multus/, the Installation) is day 0, not Flux's;
    /// calico-bgp/ holds the BGP peering with the router.
    /// </summary>
    private static readonly string[] Downstream = ["namespaces", "calico-bgp", "node-agent", "networks", "workloads"];

    [Fact]
    public void Every_flux_kustomization_validates_against_the_crd()
    {
        var kustomizations = FluxObjects(GitOpsLabs.FleetAndFlux(), "Kustomization");
        Assert.Equal(Downstream.Length, kustomizations.Count);
        foreach (var k in kustomizations)
        {
            var errors = CrdJsonSchema.Errors(KustomizationSchema.Value, k);
            Assert.True(errors.Count == 0, $"{k["metadata"]!["name"]}:\n{string.Join('\n', errors)}");
        }
    }

    [Fact]
    public void Flux_git_repository_validates_against_the_source_controller_crd()
    {
        var schema = CrdJsonSchema.Load("flux-gitrepositories-crd.yaml", "v1");
        var source = FluxObjects(GitOpsLabs.FluxNonDefaultCidrs(), "GitRepository").Single();
        Assert.Empty(CrdJsonSchema.Errors(schema, source));
        var broken = source.DeepClone();
        broken["spec"]!["interval"] = "1 minute";
        Assert.NotEmpty(CrdJsonSchema.Errors(schema, broken));
    }

    [Fact]
    public void Crd_check_catches_a_missing_required_field_and_a_bad_interval()
    {
        var k = FluxObjects(GitOpsLabs.FleetAndFlux(), "Kustomization")[0].DeepClone().AsObject();
        k["spec"]!.AsObject().Remove("prune");
        k["spec"]!["interval"] = "10 minutes";
        var errors = CrdJsonSchema.Errors(KustomizationSchema.Value, k);
        Assert.Contains(errors, e => e.Contains("prune", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("/spec/interval", StringComparison.Ordinal));
    }

    [Fact]
    public void Kustomizations_mirror_the_fleet_order_prune_and_wait()
    {
        var kustomizations = FluxObjects(GitOpsLabs.FleetAndFlux(), "Kustomization")
            .ToDictionary(k => (string)k["metadata"]!["name"]!, StringComparer.Ordinal);
        string? previous = null;
        Assert.Equal(Downstream, BundleOrder.Folders.Where(f => kustomizations.ContainsKey($"home-lab-{f}")));
        foreach (var folder in Downstream)
        {
            var k = kustomizations[$"home-lab-{folder}"];
            var spec = k["spec"]!;
            Assert.Equal("flux-system", (string?)k["metadata"]!["namespace"]);
            Assert.Equal($"./manifests/{folder}", (string?)spec["path"]);
            Assert.True((bool)spec["prune"]!);
            Assert.True((bool)spec["wait"]!); // a dependent starts only when its dependency is Ready
            Assert.Equal("10m0s", (string?)spec["interval"]);
            // calico-bgp fails until calico-apiserver serves projectcalico.org/v3, so it is retried every minute, not
            // every interval (kustomize-controller retries a failed reconciliation after retryInterval, else interval).
            Assert.Equal(folder == "calico-bgp" ? "1m0s" : null, (string?)spec["retryInterval"]);
            Assert.Equal("GitRepository", (string?)spec["sourceRef"]!["kind"]);
            Assert.Equal("home-lab", (string?)spec["sourceRef"]!["name"]);
            Assert.Equal(previous is null ? null : [previous], spec["dependsOn"]?.AsArray().Select(d => (string?)d!["name"]).ToArray());
            previous = $"home-lab-{folder}";
        }

        var source = FluxObjects(GitOpsLabs.FleetAndFlux(), "GitRepository").Single();
        Assert.Equal(GitOpsLabs.RepositoryUrl, (string?)source["spec"]!["url"]);
        Assert.Equal("main", (string?)source["spec"]!["ref"]!["branch"]);
        Assert.Equal("1m0s", (string?)source["spec"]!["interval"]);
    }

    [Fact]
    public void Each_folder_kustomization_lists_exactly_its_manifests_in_order()
    {
        var files = GitOpsLabs.Files(GitOpsLabs.FleetAndFlux());
        foreach (var folder in Downstream)
        {
            var kustomization = YamlText.Documents(GitOpsLabs.Text(files[$"{folder}/kustomization.yaml"])).Single()!;
            Assert.Equal("kustomize.config.k8s.io/v1beta1", (string?)kustomization["apiVersion"]);
            var listed = kustomization["resources"]!.AsArray().Select(r => (string)r!).ToArray();
            var expected = files.Keys
                .Where(k => k.StartsWith(folder + "/", StringComparison.Ordinal) && !k.EndsWith("/fleet.yaml", StringComparison.Ordinal) && !k.EndsWith("/kustomization.yaml", StringComparison.Ordinal))
                .Select(k => k[(folder.Length + 1)..])
                .Order(StringComparer.Ordinal)
                .ToArray();
            Assert.NotEmpty(listed);
            Assert.Equal(expected, listed);
        }

        var flux = YamlText.Documents(GitOpsLabs.Text(files["flux/kustomization.yaml"])).Single()!;
        var fluxFiles = files.Keys.Where(k => k.StartsWith("flux/", StringComparison.Ordinal) && k != "flux/kustomization.yaml").Select(k => k["flux/".Length..]);
        Assert.Equal(fluxFiles.Order(StringComparer.Ordinal), flux["resources"]!.AsArray().Select(r => (string)r!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Flux_only_writes_no_fleet_files()
    {
        var paths = GitOpsLabs.Files(GitOpsLabs.FluxOnly()).Keys.ToArray();
        Assert.DoesNotContain(paths, p => p.EndsWith("/fleet.yaml", StringComparison.Ordinal) || p.StartsWith("rancher/", StringComparison.Ordinal));
        Assert.Contains("flux/gitrepository-home-lab.yaml", paths);
        Assert.Contains("namespaces/kustomization.yaml", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("crds/", StringComparison.Ordinal) || p.StartsWith("multus/", StringComparison.Ordinal));
    }

    [Fact]
    public void Fleet_only_writes_no_flux_files()
    {
        var paths = GitOpsLabs.Files(GitOpsLabs.Fleet()).Keys.ToArray();
        Assert.DoesNotContain(paths, p => p.EndsWith("/kustomization.yaml", StringComparison.Ordinal) || p.StartsWith("flux/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(60, "1m0s")]
    [InlineData(600, "10m0s")]
    [InlineData(45, "45s")]
    [InlineData(90, "1m30s")]
    [InlineData(3600, "1h0m0s")]
    [InlineData(5400, "1h30m0s")]
    public void Intervals_are_written_as_go_durations(int seconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromSeconds(seconds)));

    private static List<JsonObject> FluxObjects(GitOps.Topology.Lab lab, string kind) =>
        GitOpsLabs.Files(lab).Values
            .Where(f => f.RelativePath.StartsWith("flux/", StringComparison.Ordinal) && !f.Objects.Any(o => o is IFileDocument))
            .SelectMany(f => YamlText.Documents(GitOpsLabs.Text(f)))
            .Select(n => n!.AsObject())
            .Where(o => (string?)o["kind"] == kind)
            .ToList();
}
