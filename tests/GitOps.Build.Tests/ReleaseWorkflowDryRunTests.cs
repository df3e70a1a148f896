using System.Formats.Tar;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.NodeAgent;
using GitOps.NodeEmulator;
using GitOps.Topology;
using RouteFix.NamespaceHarness;

namespace GitOps.Build.Tests;

/// <summary>
/// The release workflow (.github/workflows/release.yml) for a tag <c>v&lt;version&gt;</c>, run offline: its own
/// <c>run:</c> steps (<see cref="GitHubWorkflow"/>, expressions substituted as GitHub would) of the jobs version,
/// image (the amd64 matrix entry) and publish-image, in a clone of this repository, pushing to a real registry on
/// 127.0.0.1 (<see cref="LocalRegistry"/>, Debian's docker-registry) instead of ghcr.io. Then a lab pinning the index
/// digest the workflow recorded gets DaemonSets naming exactly that reference, the image is pulled back by it
/// (skopeo, as a runtime resolves an index for its platform), is byte-identical to the archive the image job built,
/// and the node emulator runs the route-fix installer from it.
/// What the test sets instead of GitHub (each declared where it is set): the registry (job env REGISTRY), the
/// architectures (job env ARCHES = amd64 only: the arm64 image needs an arm64 runner, below), the runner's apt-get
/// step (test.sh installs those packages; checked here), and the artifact transfer between the jobs (a file copy).
/// Not run: the job ci (ci.yml runs .ci/run, whose test run this is) and publish-packages (its push step runs in
/// <see cref="TemplateEndToEndTests"/>). Step times are written to the test output.
/// </summary>
[Trait("Category", "Namespace")]
[Trait("Category", "EndToEnd")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReleaseWorkflowDryRunTests : IDisposable
{
    /// <summary>The repository owner, in another case than the image path: the workflow lower-cases it as ghcr.io requires.</summary>
    private const string Owner = "Lab-Network";

    private readonly TempFolder temp = new("gitops-release-dry-run");

    private readonly GitHubWorkflow workflow = GitHubWorkflow.Load(Path.Combine(RepositoryPaths.Root, ".github", "workflows", "release.yml"));

    /// <summary>The tag that publishes the node agent's default image: v + that image's tag.</summary>
    private static string Tag => "v" + RouteFixImage.Tag;

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_release_workflow_publishes_the_image_the_DaemonSets_pull_by_digest_and_the_node_runs_it()
    {
        RequirePrerequisites();
        var checkout = Checkout();

        // 1. Job version: the tag must be v + VersionPrefix; a tag naming another version fails the release.
        var version = RunVersionJob(checkout, Tag);
        Assert.Equal(RouteFixImage.Tag, version);
        Assert.Null(RunVersionJob(checkout, "v9.9.9"));

        // 2. Job image, matrix entry amd64: dotnet publish (NativeAOT) and build-oci-image.sh, as written.
        // arm64 is not built here: the runner's apt-get step and build-oci-image.sh run natively (ldd runs the
        // binary's own loader, which an amd64 machine cannot), and a NativeAOT publish for linux-arm64 needs the
        // arm64 sysroot and linker (src/RouteFix/README.md); the workflow builds it on its arm64 runner.
        var matrix = workflow.MatrixEntry("image", "arch", "amd64");
        Assert.Equal("linux-x64", matrix["rid"]);
        var expressions = new Dictionary<string, string>
        {
            ["matrix.arch"] = matrix["arch"],
            ["matrix.rid"] = matrix["rid"],
            ["matrix.runner"] = matrix["runner"],
            ["needs.version.outputs.version"] = version!,
        };
        foreach (var step in workflow.Steps("image").Where(s => s.Run is not null && !IsRunnerSetup(s.Run)))
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var run = GitHubWorkflow.Run(step.Run!, checkout, Merge(workflow.JobEnv("image"), step.Env), expressions, new Dictionary<string, string>());
            Log($"image job step, {watch.Elapsed.TotalSeconds:F1} s: {step.Run!.Trim().Split('\n')[^1].Trim()}");
            Assert.True(run.ExitCode == 0, step.Run + "\n" + run.Output);
        }

        var built = Path.Combine(checkout, "route-fix-amd64.tar");
        Assert.True(File.Exists(built), "the image job wrote no route-fix-amd64.tar");

        // 3. Job publish-image (after download-artifact put the archives into its working folder).
        using var registry = LocalRegistry.Start();
        var job = temp.Combine("publish-image");
        Directory.CreateDirectory(job);
        File.Copy(built, Path.Combine(job, "route-fix-amd64.tar"));

        // 3a. The amd64 image standing in for arm64 (what a wrong archive would be): refused before anything is pushed.
        File.Copy(built, Path.Combine(job, "route-fix-arm64.tar"));
        var standIn = PublishImage(registry, job, version!, arches: "amd64 arm64");
        Assert.Equal(1, standIn.ExitCode);
        Assert.Contains("::error::route-fix-arm64.tar holds a linux/amd64 image, not linux/arm64", standIn.Output);
        var tags = Skopeo(registry, "list-tags", "--creds", $"{registry.User}:{registry.Token}", $"docker://{registry.Host}/lab-network/route-fix");
        Assert.Contains("fetching tags list: invalid status code from registry 404 (Not Found)", tags.Stderr);
        File.Delete(Path.Combine(job, "route-fix-arm64.tar"));

        // 3b. amd64 only: pushed, joined in an index, the index digest recorded in index.digest and the step summary.
        var publishWatch = System.Diagnostics.Stopwatch.StartNew();
        var published = PublishImage(registry, job, version!, arches: "amd64");
        Log($"publish-image step, {publishWatch.Elapsed.TotalSeconds:F1} s");
        Assert.True(published.ExitCode == 0, published.Output + "\nregistry:\n" + registry.Log);
        var summary = Regex.Match(File.ReadAllText(Path.Combine(job, "summary.md")), @"^Pushed (?<image>\S+):(?<tag>[^:@\s]+)@(?<digest>sha256:[0-9a-f]{64}) \((?<platforms>[^)]*)\)\n$");
        Assert.True(summary.Success, File.ReadAllText(Path.Combine(job, "summary.md")));
        var digest = summary.Groups["digest"].Value;
        Assert.Equal(digest, File.ReadAllText(Path.Combine(job, "index.digest")).Trim());
        Assert.Equal("linux/amd64", summary.Groups["platforms"].Value);
        Assert.Equal($"{registry.Host}/lab-network/route-fix", summary.Groups["image"].Value);
        // With the workflow's own registry, that address is the node agent's default image.
        Assert.Equal(NodeAgentSettings.DefaultRouteFixImage,
            $"{workflow.JobEnv("publish-image")["REGISTRY"]}/{Owner.ToLowerInvariant()}/route-fix:{summary.Groups["tag"].Value}");

        // 4. A lab pinning that digest: every route-fix container of the emitted DaemonSets names it exactly.
        var reference = $"{registry.Host}/lab-network/route-fix@{digest}";
        var lab = PinnedLab(reference);
        var objects = EmittedManifests.Of(lab);
        var images = EmittedManifests.DaemonSets(objects)
            .SelectMany(d => new[] { "initContainers", "containers" }.SelectMany(k => d.Object["spec"]!["template"]!["spec"]![k] as JsonArray ?? []))
            .Select(c => c!["image"]!.GetValue<string>())
            .ToList();
        Assert.Contains(reference, images);
        Assert.All(images.Where(i => i.Contains("route-fix", StringComparison.Ordinal)), i => Assert.Equal(reference, i));

        // 5. Pulled back by the DaemonSet's reference: the index resolves to the amd64 manifest the image job built,
        // and manifest, config and layer are the archive's bytes.
        var index = JsonNode.Parse(Skopeo(registry, "inspect", "--raw", $"docker://{reference}").EnsureSuccess().Stdout)!;
        var local = Layout(built);
        var localManifest = (string)JsonNode.Parse(local["index.json"])!["manifests"]!.AsArray().Single()!["digest"]!;
        var entry = index["manifests"]!.AsArray().Single()!;
        Assert.Equal(localManifest, (string)entry["digest"]!);
        Assert.Equal("linux/amd64", $"{entry["platform"]!["os"]}/{entry["platform"]!["architecture"]}");
        var pulled = temp.Combine("pulled.tar");
        var pull = Skopeo(registry, "copy", $"docker://{reference}", $"oci-archive:{pulled}:{RouteFixImage.Tag}").EnsureSuccess();
        Log($"pull by digest, {pull.Elapsed.TotalSeconds:F1} s: {reference} ({new FileInfo(pulled).Length} bytes archive, {new FileInfo(built).Length} built)");
        var remote = Layout(pulled);
        Assert.Equal(local.Keys.Where(k => k.StartsWith("blobs/", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            remote.Keys.Where(k => k.StartsWith("blobs/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(local.Keys.Where(k => k.StartsWith("blobs/", StringComparison.Ordinal)), k => Assert.Equal(local[k], remote[k]));
        Assert.Equal(localManifest, (string)JsonNode.Parse(remote["index.json"])!["manifests"]!.AsArray().Single()!["digest"]!);

        // 6. The node runs the installer DaemonSet from the pulled image: route-fix lands in the host's CNI bin dir,
        // the very binary the image job published.
        using var net = LabNetwork.Create(lab.Attachments.Select(a => a.Bridge).Distinct().Single(), dhcp: false);
        using var node = EmulatedNode.Create(lab.Nodes[0].Name, net.Node, () => pulled, reference);
        var installer = objects.Single(o => o.Kind == "DaemonSet" && o.Name == NodeAgentEmitter.InstallerName).Object;
        var pod = node.RunPod(installer, objects.Select(o => o.Object).ToList());
        Assert.All(pod.InitContainers, i => Assert.Equal(0, i.ExitCode));
        Assert.Equal(File.ReadAllBytes(Path.Combine(checkout, "publish", "route-fix")), File.ReadAllBytes(node.HostPath(lab.Cluster.CniBinDir + "/route-fix")));
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    /// <summary>The publish-image job's run step, with the test's registry and architectures; its summary in summary.md.</summary>
    private (int ExitCode, string Output) PublishImage(LocalRegistry registry, string job, string version, string arches)
    {
        var step = workflow.Steps("publish-image").Single(s => s.Run is not null);
        var env = Merge(workflow.JobEnv("publish-image"), step.Env);
        Assert.Equal("ghcr.io", env["REGISTRY"]);
        Assert.Equal("amd64 arm64", env["ARCHES"]);
        env["REGISTRY"] = registry.Host;
        env["ARCHES"] = arches;
        var storage = Path.Combine(job, "containers");
        File.WriteAllText(Path.Combine(job, "storage.conf"), $"[storage]\ndriver = \"vfs\"\ngraphroot = \"{storage}/graph\"\nrunroot = \"{storage}/run\"\n");
        var runner = new Dictionary<string, string>(registry.ClientEnvironment)
        {
            ["GITHUB_REPOSITORY_OWNER"] = Owner,
            ["GITHUB_ACTOR"] = registry.User,
            ["GITHUB_STEP_SUMMARY"] = Path.Combine(job, "summary.md"),
            // buildah's image store: the job's own (vfs: no mounts), not the machine's /var/lib/containers.
            ["CONTAINERS_STORAGE_CONF"] = Path.Combine(job, "storage.conf"),
        };
        if (Directory.Exists(storage))
        {
            Directory.Delete(storage, recursive: true);
        }

        var expressions = new Dictionary<string, string>
        {
            ["needs.version.outputs.version"] = version,
            ["secrets.GITHUB_TOKEN"] = registry.Token,
        };
        return GitHubWorkflow.Run(step.Run!, job, env, expressions, runner);
    }

    /// <summary>The version job's step for <paramref name="tag"/>: the version it outputs, or null when it fails.</summary>
    private string? RunVersionJob(string checkout, string tag)
    {
        var step = workflow.Steps("version").Single(s => s.Run is not null);
        var output = temp.Combine($"github-output-{tag}");
        File.WriteAllText(output, "");
        var run = GitHubWorkflow.Run(step.Run!, checkout, Merge(workflow.JobEnv("version"), step.Env), new Dictionary<string, string>(),
            new Dictionary<string, string> { ["GITHUB_REF_NAME"] = tag, ["GITHUB_OUTPUT"] = output });
        if (run.ExitCode != 0)
        {
            Assert.Contains($"::error::tag {tag} does not match the version", run.Output);
            return null;
        }

        return File.ReadAllLines(output).Single(l => l.StartsWith("version=", StringComparison.Ordinal))["version=".Length..];
    }

    /// <summary>
    /// A clone of this repository at its working tree's tracked state (HEAD plus uncommitted changes, as
    /// <c>git stash create</c> records them without touching the work tree), as actions/checkout gives the tagged commit.
    /// </summary>
    private string Checkout()
    {
        var root = RepositoryPaths.Root;
        var commit = Shell.Run("git", "-C", root, "stash", "create").EnsureSuccess().Stdout.Trim();
        if (commit.Length == 0)
        {
            commit = Shell.Run("git", "-C", root, "rev-parse", "HEAD").EnsureSuccess().Stdout.Trim();
        }

        var checkout = temp.Combine("checkout");
        Shell.Run("git", "clone", "--quiet", "--shared", "--no-checkout", root, checkout).EnsureSuccess();
        Shell.Run("git", "-C", checkout, "checkout", "--quiet", "--detach", commit).EnsureSuccess();
        return checkout;
    }

    /// <summary>The image job's first step, <c>sudo apt-get update &amp;&amp; sudo apt-get install ... PACKAGES</c>: the runner's set-up.</summary>
    private static bool IsRunnerSetup(string run) => run.StartsWith("sudo apt-get update && sudo apt-get install", StringComparison.Ordinal);

    /// <summary>The packages the image job's apt-get step installs: test.sh installs them here (the test does not run apt-get).</summary>
    private IEnumerable<string> RunnerPackages() =>
        workflow.Steps("image").Select(s => s.Run).OfType<string>().Where(IsRunnerSetup).Single()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(w => w != "--no-install-recommends").Skip(1);

    private static Lab PinnedLab(string routeFixImage) => Lab.Create("release-lab")
        .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1").Untagged().HostAddressing(Addressing.Dhcp))
        .Network("k8s", n => n.Vlan(30).Subnet("10.30.0.0/24").Gateway("10.30.0.1"))
        .Node("node-a", n => n.Interface("enp1s0", "lan", i => i.Bridge("br-rel")).Interface("enp2s0", "k8s"))
        .Cluster("release", c => c.NodeNetwork("k8s"))
        .Calico(c => c.IPPool("10.244.0.0/16", blockSize: 26).NatOutgoingTraffic())
        .Multus(m => m.Version(MultusVersion.V3).ConfFile("0-multus.conf"))
        .NodeAgent(n => n.RouteFixImage(routeFixImage))
        .Attachment("default/lan-dhcp", a => a.Network("lan").Bridge("br-rel").Dhcp(d => d.ProvidePodName()).RouteFix())
        .Workload("smarthome/homeassistant", w => w.Image("ghcr.io/home-assistant/home-assistant:2025.11").Attach("default/lan-dhcp"))
        .Build();

    /// <summary>The files of an OCI image archive (a tar of an OCI image layout): path → bytes.</summary>
    private static Dictionary<string, byte[]> Layout(string archive)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var reader = new TarReader(File.OpenRead(archive));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is { } data)
            {
                using var copy = new MemoryStream();
                data.CopyTo(copy);
                files[entry.Name.TrimStart('.', '/')] = copy.ToArray();
            }
        }

        return files;
    }

    private static ProcessResult Skopeo(LocalRegistry registry, params string[] args) =>
        Shell.Run("skopeo", args, env: registry.ClientEnvironment, timeout: TimeSpan.FromMinutes(2));

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> first, IReadOnlyDictionary<string, string> second)
    {
        var merged = new Dictionary<string, string>(first, StringComparer.Ordinal);
        foreach (var (name, value) in second)
        {
            merged[name] = value;
        }

        return merged;
    }

    /// <summary>Skips with the reason when a tool is missing; with GITOPS_REQUIRE_NAMESPACE_TESTS=1 fails instead.</summary>
    private void RequirePrerequisites()
    {
        var missing = new List<string>(EmulatorPrerequisites.Missing());
        var tools = new[]
        {
            ("docker-registry", "docker-registry"), ("skopeo", "skopeo"), ("buildah", "buildah"), ("jq", "jq"), ("sudo", "sudo"),
            ("openssl", "openssl"), ("htpasswd", "apache2-utils"), ("git", "git"),
        };
        foreach (var (tool, package) in tools)
        {
            if (Shell.Which(tool) is null)
            {
                missing.Add($"{tool} missing (apt-get install {package})");
            }
        }

        foreach (var package in Shell.Which("dpkg-query") is null ? [] : RunnerPackages())
        {
            if (!Shell.Run("dpkg-query", "-W", "-f=${Status}", package).Stdout.Contains("install ok installed", StringComparison.Ordinal))
            {
                missing.Add($"{package} missing, which the image job's runner installs (apt-get install {package})");
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        if (Prerequisites.Required)
        {
            Assert.Fail($"{Prerequisites.RequireVariable}=1 but a prerequisite of the release dry run is missing: {string.Join("; ", missing)}");
        }

        Assert.Skip("release dry run prerequisites missing: " + string.Join("; ", missing));
    }
}
