using System.Text.RegularExpressions;
using GitOps.Validation;
using System.Text.Json.Nodes;
using GitOps.Delivery;
using GitOps.Diagnostics;
using GitOps.Fleet;
using GitOps.Output;
using GitOps.Tests.Support;
using Json.Schema;
using Xunit;

namespace GitOps.Tests.Fleet;

/// <summary>Every manifests folder is a Fleet bundle that deploys in order; the GitRepo lists exactly those folders.</summary>
public sealed class FleetBundleTests(ITestOutputHelper output)
{
    private static readonly Lazy<JsonSchema> FleetYamlSchema = new(() =>
        JsonSchema.FromText(UpstreamFiles.Read("fleet.yaml.schema.json")));

    private static readonly Lazy<JsonSchema> GitRepoSchema = new(() => CrdJsonSchema.Load("fleet-crd-gitrepos.yaml", "v1alpha1"));

    public static TheoryData<string> Labs() => new(LabsByName.Keys);

    private static readonly IReadOnlyDictionary<string, Func<GitOps.Topology.Lab>> LabsByName = new Dictionary<string, Func<GitOps.Topology.Lab>>
    {
        ["sample"] = HomeLab.HomeLabModel.Build,
        ["fleet-and-flux"] = GitOpsLabs.FleetAndFlux,
        ["fleet-plain-k3s"] = () => GitOpsLabs.Fleet(),
        ["long-path"] = () => GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl, path: "clusters/production/site-a/manifests").Fleet()),
    };

    [Theory]
    [MemberData(nameof(Labs))]
    public void Every_fleet_yaml_validates_against_fleets_schema(string lab)
    {
        var files = GitOpsLabs.Files(LabsByName[lab]());
        var fleetYamls = files.Values.Where(f => f.RelativePath.EndsWith("/fleet.yaml", StringComparison.Ordinal)).ToArray();
        // Every synced folder (the downstream bundles, and rancher-local/ with Rancher) is a bundle.
        Assert.Equal(Downstream(files).Length + (files.ContainsKey("rancher-local/fleet.yaml") ? 1 : 0), fleetYamls.Length);
        foreach (var file in fleetYamls)
        {
            var json = YamlText.Documents(GitOpsLabs.Text(file)).Single()!;
            var errors = CrdJsonSchema.Errors(FleetYamlSchema.Value, json);
            Assert.True(errors.Count == 0, $"{file.RelativePath}:\n{string.Join('\n', errors)}");
        }
    }

    [Fact]
    public void Schema_check_catches_a_misspelled_field()
    {
        var json = JsonNode.Parse("""{"defaultNamespace": "default", "dependOn": [{"name": "x"}]}""")!;
        Assert.NotEmpty(CrdJsonSchema.Errors(FleetYamlSchema.Value, json));
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void Bundles_depend_on_the_previous_folder_by_fleets_bundle_name(string lab)
    {
        var built = LabsByName[lab]();
        var files = GitOpsLabs.Files(built);
        var gitOps = built.GitOps!;
        string? previous = null;
        Assert.Equal("namespaces", Downstream(files)[0]);
        Assert.DoesNotContain("crds", Downstream(files));
        Assert.DoesNotContain("multus", Downstream(files));
        foreach (var folder in Downstream(files))
        {
            var fleetYaml = YamlText.Documents(GitOpsLabs.Text(files[$"{folder}/fleet.yaml"])).Single()!;
            var dependsOn = fleetYaml["dependsOn"]?.AsArray().Select(d => (string?)d!["name"]).ToArray();
            Assert.Equal(previous is null ? null : [previous], dependsOn);
            Assert.Equal(folder, (string?)fleetYaml["labels"]!["app.kubernetes.io/component"]);
            previous = FleetNames.BundleName(gitOps.Fleet!.Name, gitOps.Repository.PathOf(folder));
            Assert.True(previous.Length <= 53, previous);
        }
    }

    [Fact]
    public void Long_repository_path_uses_the_truncated_hashed_bundle_name()
    {
        var files = GitOpsLabs.Files(LabsByName["long-path"]());
        var networks = YamlText.Documents(GitOpsLabs.Text(files["networks/fleet.yaml"])).Single()!;
        // "home-lab-clusters-production-site-a-manifests-node-agent" is 56 characters: Fleet cuts and hashes it.
        Assert.Equal("home-lab-clusters-production-site-a-manifests-n-334e1", (string?)networks["dependsOn"]![0]!["name"]);
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void GitRepo_lists_only_the_bundle_folders_and_validates_against_its_crd(string lab)
    {
        var built = LabsByName[lab]();
        var files = GitOpsLabs.Files(built);
        var gitRepo = files.Single(f => Regex.IsMatch(f.Key, "^rancher(-local)?/gitrepo-") && !f.Key.EndsWith("-rancher.yaml", StringComparison.Ordinal)).Value;
        var json = YamlText.Documents(GitOpsLabs.Text(gitRepo)).Single()!;
        Assert.Empty(CrdJsonSchema.Errors(GitRepoSchema.Value, json));
        Assert.Equal("fleet-default", (string?)json["metadata"]!["namespace"]);

        var paths = json["spec"]!["paths"]!.AsArray().Select(p => (string)p!).ToArray();
        Assert.Equal(Downstream(files).Select(built.GitOps!.Repository.PathOf), paths);
        // Nothing outside the listed folders is synced downstream: flux/, rancher/, rancher-local/, hosts/ and NETWORK.md stay out.
        var synced = files.Keys.Where(k => paths.Any(p => built.GitOps.Repository.PathOf(k).StartsWith(p + "/", StringComparison.Ordinal))).ToHashSet();
        Assert.All(files.Keys.Where(k => !synced.Contains(k)), k => Assert.Matches("^((flux|rancher|rancher-local|hosts)/|NETWORK\\.md$)", k));
    }

    [Fact]
    public void Sample_bundles_have_the_namespace_of_their_first_object_and_never_one_they_create()
    {
        var files = GitOpsLabs.Files(HomeLab.HomeLabModel.Build());
        string Ns(string folder) => (string)YamlText.Documents(GitOpsLabs.Text(files[$"{folder}/fleet.yaml"])).Single()!["defaultNamespace"]!;
        Assert.Equal("default", Ns("namespaces")); // cluster-scoped only
        Assert.Equal("kube-system", Ns("node-agent"));
        Assert.Equal("default", Ns("networks"));
        // Namespace smarthome is created by the namespaces bundle, before the workloads that live in it.
        Assert.Equal("smarthome", Ns("workloads"));
        Assert.Equal("fleet-default", Ns("rancher-local"));
    }

    [Fact]
    public void A_workload_added_in_a_second_namespace_leaves_the_workloads_bundle_s_release_namespace_as_it_was()
    {
        // defaultNamespace is the Helm release's namespace, and Fleet's agent uninstalls a release whose namespace changed
        // (rancher/fleet cleanup.go). Try-out 7: adding a workload in a second namespace turned smarthome into default,
        // so Fleet would have uninstalled the release in smarthome, Home Assistant's claim with it.
        string ReleaseNamespace(GitOps.Topology.Lab lab) =>
            (string)YamlText.Documents(GitOpsLabs.Text(GitOpsLabs.Files(lab)["workloads/fleet.yaml"])).Single()!["defaultNamespace"]!;
        var before = ReleaseNamespace(BlogLab.Build());
        var after = ReleaseNamespace(BlogLab.Build(new LabChange
        {
            Add = b => b.Workload("media/jellyfin", w => w.Image("docker.io/jellyfin/jellyfin:10.10.7").Port("http", 8096)),
        }));

        Assert.Equal(("smarthome", "smarthome"), (before, after));
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void No_bundle_carries_the_cni_layer(string lab)
    {
        // The CNI layer needs no pod network and Fleet's agent needs one: Fleet never delivers it.
        var files = GitOpsLabs.Files(LabsByName[lab]());
        var bundled = Downstream(files).SelectMany(folder => files.Values.Where(f => f.RelativePath.StartsWith(folder + "/", StringComparison.Ordinal)))
            .SelectMany(f => f.Objects).ToArray();
        Assert.DoesNotContain(bundled, o => o is GitOps.Calico.Installation or GitOps.K3s.HelmChart or k8s.Models.V1CustomResourceDefinition);
        Assert.DoesNotContain(bundled, o => o is k8s.Models.V1DaemonSet { Metadata.Name: "kube-multus-ds" });
        Assert.DoesNotContain(files.Keys, k => k.StartsWith("crds/", StringComparison.Ordinal) || k.StartsWith("multus/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void Every_bundle_gzips_under_fleets_1_MB_limit(string lab)
    {
        var rendered = YamlRenderer.Render(LabGenerator.GenerateSet(LabsByName[lab]()));
        var files = GitOpsLabs.Files(LabsByName[lab]());
        foreach (var folder in Downstream(files).Append("rancher-local").Where(f => files.ContainsKey($"{f}/fleet.yaml")))
        {
            var size = FleetBundleSize.GzipBytes(rendered.Where(f => f.RelativePath.StartsWith(folder + "/", StringComparison.Ordinal)));
            output.WriteLine($"{lab} {folder}/: {size} bytes gzip");
            Assert.InRange(size, 1, FleetBundleSize.LimitBytes - 1);
        }
    }

    [Fact]
    public void A_bundle_over_the_limit_is_a_GITOPS420_error_naming_the_folder()
    {
        // 3 MB of hex of random bytes: 4 bits of entropy per character, so it gzips to about 1.5 MB.
        var bytes = new byte[1_500_000];
        new Random(42).NextBytes(bytes);
        var big = Convert.ToHexString(bytes);
        var lab = GitOpsLabs.Fleet();
        var set = new ManifestSet(
        [
            BundleLayout.Place(new BundleFile(Bundle.Workloads, "huge.yaml", [new k8s.Models.V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new() { Name = "huge" }, Data = new Dictionary<string, string> { ["data"] = big } }])),
            BundleLayout.Place(new DeliveryFile(Bundle.Workloads, FleetYaml.FileName, [new FleetYaml { DefaultNamespace = "default" }])),
            BundleLayout.Place(new BundleFile(Bundle.Networks, "small.yaml", [new k8s.Models.V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new() { Name = "small" } }])),
            BundleLayout.Place(new DeliveryFile(Bundle.Networks, FleetYaml.FileName, [new FleetYaml { DefaultNamespace = "default" }])),
        ]);
        var diagnostic = Assert.Single(FleetBundleSize.Check(YamlRenderer.Render(set), FleetBundleSize.SourceOf(lab)));
        Assert.Equal(DiagnosticCodes.FleetBundleTooLarge, diagnostic.Code);
        Assert.Equal("output/workloads", diagnostic.Path);
        Assert.Contains("'workloads/'", diagnostic.Message);
    }

    [Fact]
    public void A_lab_whose_workload_bundle_is_over_the_limit_is_refused_by_the_generator_with_GITOPS420()
    {
        // The whole pipeline, not the check alone: a workload's companion object of ~1.5 MB gzipped makes the Fleet bundle
        // of its folder too large, so generation fails (the renderer must keep each file's placement for the check to see it).
        var bytes = new byte[1_500_000];
        new Random(11).NextBytes(bytes);
        var big = new k8s.Models.V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new() { Name = "huge" }, Data = new Dictionary<string, string> { ["data"] = Convert.ToHexString(bytes) } };
        var lab = BlogLab.Build(new LabChange { Workload = w => w.Object(big) });
        var failure = Assert.Throws<LabValidationException>(() => LabGenerator.Generate(lab));
        var diagnostic = Assert.Single(failure.Diagnostics, d => d.Code == DiagnosticCodes.FleetBundleTooLarge);
        Assert.Equal("output/workloads", diagnostic.Path);
    }

    [Fact]
    public void A_bundle_is_measured_from_the_files_delivery_placed_in_it_not_from_folders_sharing_its_name()
    {
        // calico-bgp's name starts with calico's: each bundle counts only its own placed files. The big file is in
        // calico-bgp, so calico (small) passes and calico-bgp fails; rancher-local (a delivery folder with a
        // fleet.yaml) is a Fleet bundle too, rancher/ (no fleet.yaml) and a top-level file are not.
        var bytes = new byte[1_500_000];
        new Random(7).NextBytes(bytes);
        var big = Convert.ToHexString(bytes);
        k8s.Models.V1ConfigMap Map(string name, string data) => new() { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new() { Name = name }, Data = new Dictionary<string, string> { ["data"] = data } };
        var set = new ManifestSet(
        [
            BundleLayout.Place(new BundleFile(Bundle.Calico, "small.yaml", [Map("small", "x")])),
            BundleLayout.Place(new DeliveryFile(Bundle.Calico, FleetYaml.FileName, [new FleetYaml { DefaultNamespace = "default" }])),
            BundleLayout.Place(new BundleFile(Bundle.CalicoBgp, "huge.yaml", [Map("huge", big)])),
            BundleLayout.Place(new DeliveryFile(Bundle.CalicoBgp, FleetYaml.FileName, [new FleetYaml { DefaultNamespace = "default" }])),
            BundleLayout.Place(new DeliveryFile(DeliveryFolder.RancherLocal, "huge.yaml", [Map("huge", big)])),
            BundleLayout.Place(new DeliveryFile(DeliveryFolder.RancherLocal, FleetYaml.FileName, [new FleetYaml { DefaultNamespace = "default" }])),
            BundleLayout.Place(new DeliveryFile(DeliveryFolder.Rancher, "huge.yaml", [Map("huge", big)])),
            new ManifestFile("huge.yaml", [Map("huge", big)]),
        ]);
        var rendered = YamlRenderer.Render(set);
        Assert.Equal(["calico-bgp/huge.yaml", "calico/small.yaml", "rancher-local/huge.yaml", "rancher/huge.yaml"],
            rendered.Where(f => f.Placement is { Name: not "fleet.yaml" }).Select(f => f.RelativePath).Order(StringComparer.Ordinal));
        var problems = FleetBundleSize.Check(rendered, folder => new GitOps.Topology.SourceLocation(folder + ".cs", 1));
        Assert.Equal(["output/calico-bgp", "output/rancher-local"], problems.Select(p => p.Path));
        Assert.Equal(["calico-bgp.cs", "rancher-local.cs"], problems.Select(p => p.File));
    }

    [Theory]
    [InlineData("sample")]
    [InlineData("fleet-plain-k3s")]
    public void Helm_values_are_the_emitted_installation_s_spec_after_enabled_written_once_by_the_renderer(string name)
    {
        var set = LabGenerator.GenerateSet(LabsByName[name]());
        var chart = set.Files.SelectMany(f => f.Objects)
            .SelectMany(o => o is GitOps.Rancher.ProvisioningCluster c ? c.Spec.RkeConfig.AdditionalManifest.Children : [o])
            .OfType<GitOps.K3s.HelmChart>().First(h => h.Metadata.Name == GitOps.Calico.TigeraOperatorHelmChart.Name);
        var values = Assert.IsType<GitOps.Calico.TigeraOperatorValues>(chart.Spec.ValuesContent);
        Assert.Equal([values.Installation], values.Children);

        // The text the renderer wrote into the chart, read back: installation = enabled, then the Installation's spec, key by key.
        var readBack = YamlText.Documents((string)YamlRenderer.ToJson(chart)["spec"]!["valuesContent"]!).Single()!["installation"]!.AsObject();
        var spec = YamlRenderer.ToJson(values.Installation)["spec"]!.AsObject();
        Assert.Equal(["enabled", .. spec.Select(p => p.Key)], readBack.Select(p => p.Key));
        Assert.True((bool)readBack["enabled"]!);
        readBack.Remove("enabled");
        Assert.True(JsonNode.DeepEquals(spec, readBack), readBack.ToJsonString());
    }

    /// <summary>The downstream bundle folders the lab produced (those with a fleet.yaml), in <see cref="BundleOrder.Folders"/>.</summary>
    private static string[] Downstream(IReadOnlyDictionary<string, ManifestFile> files) =>
        BundleOrder.Folders.Where(f => files.ContainsKey($"{f}/fleet.yaml")).ToArray();

    [Fact]
    public void A_lab_without_a_gitops_section_gets_only_the_cluster_manifests()
    {
        var paths = LabGenerator.GenerateSet(BlogLab.OneNode()).Files.Select(f => f.RelativePath).ToArray();
        Assert.DoesNotContain(paths, p => p.EndsWith("fleet.yaml", StringComparison.Ordinal) || p.EndsWith("kustomization.yaml", StringComparison.Ordinal));
        Assert.DoesNotContain(paths, p => p.StartsWith("flux/", StringComparison.Ordinal) || p.StartsWith("rancher/", StringComparison.Ordinal) || p.StartsWith("hosts/", StringComparison.Ordinal));
    }
}
