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
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryPaths.Upstream, "fleet.yaml.schema.json"))));

    private static readonly Lazy<JsonSchema> GitRepoSchema = new(() => CrdJsonSchema.Load("fleet-crd-gitrepos.yaml", "v1alpha1"));

    public static TheoryData<string> Labs() => new(LabsByName.Keys);

    private static readonly IReadOnlyDictionary<string, Func<GitOps.Topology.Lab>> LabsByName = new Dictionary<string, Func<GitOps.Topology.Lab>>
    {
        ["sample"] = HomeLab.HomeLabModel.Build,
        ["fleet-and-flux"] = GitOpsLabs.FleetAndFlux,
        ["calico-helm"] = () => GitOpsLabs.Fleet(f => f.CalicoAsHelmChart("v3.30.3")),
        ["long-path"] = () => GitOpsLabs.With(g => g.Repository(GitOpsLabs.RepositoryUrl, path: "clusters/production/site-a/manifests").Fleet()),
    };

    [Theory]
    [MemberData(nameof(Labs))]
    public void Every_fleet_yaml_validates_against_fleets_schema(string lab)
    {
        var fleetYamls = GitOpsLabs.Files(LabsByName[lab]()).Values.Where(f => f.RelativePath.EndsWith("/fleet.yaml", StringComparison.Ordinal)).ToArray();
        Assert.Equal(BundleFolder.Order.Count, fleetYamls.Length);
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
        foreach (var folder in BundleFolder.Order)
        {
            var fleetYaml = YamlText.Documents(GitOpsLabs.Text(files[$"{folder}/fleet.yaml"])).Single()!;
            var dependsOn = fleetYaml["dependsOn"]?.AsArray().Select(d => (string?)d!["name"]).ToArray();
            Assert.Equal(previous is null ? null : [previous], dependsOn);
            Assert.Equal(folder, (string?)fleetYaml["labels"]!["app.kubernetes.io/component"]);
            previous = FleetNames.BundleName(gitOps.Fleet!.GitRepoName, gitOps.Repository.PathOf(folder));
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
        var gitRepo = files.Single(f => f.Key.StartsWith("rancher/gitrepo-", StringComparison.Ordinal)).Value;
        var json = YamlText.Documents(GitOpsLabs.Text(gitRepo)).Single()!;
        Assert.Empty(CrdJsonSchema.Errors(GitRepoSchema.Value, json));
        Assert.Equal("fleet-default", (string?)json["metadata"]!["namespace"]);

        var paths = json["spec"]!["paths"]!.AsArray().Select(p => (string)p!).ToArray();
        Assert.Equal(BundleFolder.Order.Select(built.GitOps!.Repository.PathOf), paths);
        // Nothing outside the listed folders is synced: flux/, rancher/ and hosts/ stay out.
        var synced = files.Keys.Where(k => paths.Any(p => built.GitOps.Repository.PathOf(k).StartsWith(p + "/", StringComparison.Ordinal))).ToHashSet();
        Assert.All(files.Keys.Where(k => !synced.Contains(k)), k => Assert.Matches("^(flux|rancher|hosts)/", k));
    }

    [Fact]
    public void Sample_bundles_have_the_namespaces_their_objects_use_and_never_one_they_create()
    {
        var files = GitOpsLabs.Files(HomeLab.HomeLabModel.Build());
        string Ns(string folder) => (string)YamlText.Documents(GitOpsLabs.Text(files[$"{folder}/fleet.yaml"])).Single()!["defaultNamespace"]!;
        Assert.Equal("kube-system", Ns("multus"));
        Assert.Equal("kube-system", Ns("node-agent"));
        Assert.Equal("default", Ns("networks"));
        Assert.Equal("default", Ns("crds")); // cluster-scoped only
        // workloads/ holds Namespace smarthome itself; Fleet would create it first and then fail on the object.
        Assert.Equal("default", Ns("workloads"));
    }

    [Fact]
    public void Installation_ipPools_are_left_out_of_the_modified_check_in_both_modes()
    {
        foreach (var lab in new[] { HomeLab.HomeLabModel.Build(), LabsByName["calico-helm"]() })
        {
            var calico = YamlText.Documents(GitOpsLabs.Text(GitOpsLabs.Files(lab)["calico/fleet.yaml"])).Single()!;
            var patch = calico["diff"]!["comparePatches"]!.AsArray().Single()!;
            Assert.Equal("Installation", (string?)patch["kind"]);
            Assert.Equal("default", (string?)patch["name"]);
            Assert.Equal("/spec/calicoNetwork/ipPools", (string?)patch["operations"]![0]!["path"]);
            Assert.Equal("remove", (string?)patch["operations"]![0]!["op"]);
        }

        var multus = YamlText.Documents(GitOpsLabs.Text(GitOpsLabs.Files(HomeLab.HomeLabModel.Build())["multus/fleet.yaml"])).Single()!;
        Assert.Null(multus["diff"]);
    }

    [Fact]
    public void Helm_mode_installs_the_operator_chart_with_the_same_installation_and_drops_the_raw_one()
    {
        var raw = GitOpsLabs.Files(GitOpsLabs.Fleet());
        var helm = GitOpsLabs.Files(LabsByName["calico-helm"]());
        Assert.Contains("calico/installation-default.yaml", raw.Keys);
        Assert.DoesNotContain(helm.Keys, k => k.StartsWith("calico/", StringComparison.Ordinal) && k != "calico/fleet.yaml");

        var fleetYaml = YamlText.Documents(GitOpsLabs.Text(helm["calico/fleet.yaml"])).Single()!;
        var chart = fleetYaml["helm"]!;
        Assert.Equal("https://docs.tigera.io/calico/charts", (string?)chart["repo"]);
        Assert.Equal("tigera-operator", (string?)chart["chart"]);
        Assert.Equal("v3.30.3", (string?)chart["version"]);
        Assert.Equal("tigera-operator", (string?)fleetYaml["defaultNamespace"]);

        // The values are the raw Installation's spec plus enabled: true (the chart renders spec = installation minus enabled).
        var values = chart["values"]!["installation"]!.AsObject();
        Assert.True((bool)values["enabled"]!);
        values.Remove("enabled");
        var rawSpec = YamlText.Documents(GitOpsLabs.Text(raw["calico/installation-default.yaml"])).Single()!["spec"]!;
        Assert.True(JsonNode.DeepEquals(rawSpec, values), $"{rawSpec.ToJsonString()}\n{values.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void Every_bundle_gzips_under_fleets_1_MB_limit(string lab)
    {
        var rendered = YamlRenderer.Render(LabGenerator.Generate(LabsByName[lab]()));
        foreach (var folder in BundleFolder.Order)
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
        var files = new List<ManifestFile>
        {
            new("workloads/huge.yaml", $"data: {big}\n"),
            new("networks/small.yaml", "a: b\n"),
        };
        var folders = BundleFolder.Collect(files);
        var fleet = GitOpsLabs.Fleet().GitOps!.Fleet!;
        var error = Assert.Throws<LabValidationException>(() => FleetBundleSize.ThrowIfTooLarge(files, folders, fleet));
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(DiagnosticCodes.FleetBundleTooLarge, diagnostic.Code);
        Assert.Equal("output/workloads", diagnostic.Path);
        Assert.Contains("'workloads/'", diagnostic.Message);
    }

    [Fact]
    public void Helm_values_read_back_as_the_object_they_were_written_from()
    {
        var lab = LabsByName["calico-helm"]();
        var helm = FleetEmitter.CalicoHelm(lab, lab.GitOps!.Fleet!.CalicoChart!);
        var readBack = YamlText.Documents(YamlRenderer.RenderObject(helm)).Single();
        Assert.True(JsonNode.DeepEquals(YamlRenderer.ToJson(helm), readBack));
    }

    [Fact]
    public void A_lab_without_a_gitops_section_gets_only_the_cluster_manifests()
    {
        var paths = LabGenerator.Generate(TestLabs.Blog()).Files.Select(f => f.RelativePath).ToArray();
        Assert.DoesNotContain(paths, p => p.EndsWith("fleet.yaml", StringComparison.Ordinal) || p.EndsWith("kustomization.yaml", StringComparison.Ordinal));
        Assert.DoesNotContain(paths, p => p.StartsWith("flux/", StringComparison.Ordinal) || p.StartsWith("rancher/", StringComparison.Ordinal) || p.StartsWith("hosts/", StringComparison.Ordinal));
    }
}
