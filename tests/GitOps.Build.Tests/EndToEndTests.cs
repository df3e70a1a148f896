using System.Text.RegularExpressions;
using GitOps.Output;
using GitOps.Topology;

namespace GitOps.Build.Tests;

/// <summary>
/// The packages as a user in another lab repository gets them: packed into a temporary feed (<see cref="PackedFeed"/>),
/// create a fresh consumer project that references them by version, and run real `dotnet build`s.
/// Slow (packs and restores with an empty package cache); runs in CI.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedFeedCollection.Name)]
public sealed class EndToEndTests(PackedFeed feed) : IDisposable
{
    private const string HandWritten = "# Notes kept next to the generated manifests.\n";

    private readonly TempFolder temp = new("gitops-e2e");

    private string Consumer => temp.Combine("lab-repo");

    private string Output => temp.Combine("lab-repo", "manifests");

    private string LabSource => temp.Combine("lab-repo", "MyLab.cs");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_consumer_of_the_packed_packages_gets_its_manifests_incrementally_and_safely()
    {
        CreateConsumer(feed.Folder, feed.Version);
        Directory.CreateDirectory(Output);
        File.WriteAllText(Path.Combine(Output, "README.md"), HandWritten);

        // 1. The first build writes the manifests: exactly what the library renders for this lab.
        var first = Build();
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains($"GitOps: {Output}: ", first.Output);
        var expected = YamlRenderer.Render(LabGenerator.GenerateSet(ExpectedLab()));
        Assert.Contains(expected, f => f.RelativePath.EndsWith(".yaml", StringComparison.Ordinal));
        AssertFolderHolds(expected);
        var afterFirst = FolderSnapshot.Take(Output);

        // 2. A second build changes nothing and does not run the generator.
        var second = Build();
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("Skipping target \"_GitOpsGenerate\" because all output files are up-to-date with respect to the input files.", second.Output);
        Assert.DoesNotContain($"GitOps: {Output}: ", second.Output);
        Assert.Equal(afterFirst, FolderSnapshot.Take(Output));

        // 3. A broken model fails the build with the coded error at the user's line; the folder is untouched.
        File.WriteAllText(LabSource, LabCode(subnet: "192.168.2.0/33"));
        var invalid = Build();
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Matches(
            $@"{Regex.Escape(LabSource)}\({SubnetLine}\): error GITOPS101: lab/networks/lan/subnet: '192\.168\.2\.0/33' is not a CIDR; .* \[{Regex.Escape(Consumer)}/Lab\.csproj\]",
            invalid.Output);
        Assert.Equal(afterFirst, FolderSnapshot.Take(Output));

        // 4. An exception in the user's code is reported at the user's stack frame; the folder is untouched.
        File.WriteAllText(LabSource, LabCode(subnet: "192.168.2.0/24", throwFirst: true));
        var threw = Build();
        Assert.NotEqual(0, threw.ExitCode);
        Assert.Contains(
            $"{LabSource}({ThrowLine}): error GITOPS220: MyLab.Build: the lab code threw System.InvalidOperationException: the lab is broken on purpose",
            threw.Output);
        Assert.Equal(afterFirst, FolderSnapshot.Take(Output));
        Assert.Equal(HandWritten, File.ReadAllText(Path.Combine(Output, "README.md")));

        // 5. The public target, run by hand with generation on build turned off, regenerates and returns
        //    every generated file (the owned list) as GitOpsGeneratedFile items.
        File.WriteAllText(LabSource, LabCode(subnet: "192.168.2.0/24"));
        var byHand = DotNetCli.Run(Consumer, PackageCache, "msbuild", "-t:GitOpsGenerate", "-p:Configuration=Release",
            "-p:GitOpsGenerateOnBuild=false", "-getTargetResult:GitOpsGenerate", "-nodeReuse:false");
        // With generation on build left on (the default), asking for the target runs the generator once, no cycle (MSB4006).
        File.WriteAllText(LabSource, LabCode(subnet: "192.168.2.0/24") + "// touched\n");
        var onBuildToo = DotNetCli.Run(Consumer, PackageCache, "msbuild", "-t:GitOpsGenerate", "-p:Configuration=Release",
            "-getTargetResult:GitOpsGenerate", "-nodeReuse:false");
        Assert.True(onBuildToo.ExitCode == 0, onBuildToo.Output);
        Assert.Contains("\"Result\": \"Success\"", onBuildToo.Output);
        Assert.True(byHand.ExitCode == 0, byHand.Output);
        AssertFolderHolds(expected);
        using (var result = System.Text.Json.JsonDocument.Parse(byHand.Output[byHand.Output.IndexOf('{')..]))
        {
            var items = result.RootElement.GetProperty("TargetResults").GetProperty("GitOpsGenerate").GetProperty("Items")
                .EnumerateArray().Select(i => i.GetProperty("Identity").GetString()).ToArray();
            Assert.Equal(expected.Select(f => OutputPath.ToFullPath(Output, f.RelativePath)).Order(StringComparer.Ordinal),
                items.Order(StringComparer.Ordinal));
        }

        // 6. At the default verbosity a build that generated says so in one line (a high-importance message): the
        //    counts and the folder. The model is unchanged, so every file is unchanged.
        File.WriteAllText(LabSource, LabCode(subnet: "192.168.2.0/24") + "// touched again\n");
        var quiet = DotNetCli.Run(Consumer, PackageCache, "build", "-c", "Release", "-nodeReuse:false", "-tl:off");
        Assert.True(quiet.ExitCode == 0, quiet.Output);
        Assert.Contains($"GitOps: {Output}: 0 written, {expected.Count} unchanged, 0 deleted", quiet.Output);
        Assert.DoesNotContain("Skipping target", quiet.Output);

        // 7. Multi-targeting guard: with <TargetFrameworks>, only the inner build of the first framework
        //    generates (one output folder, one run); the others and the outer build do not.
        Assert.Equal("true", Evaluate("_GitOpsShouldRun", "-p:TargetFrameworks=net10.0%3Bnet9.0", "-p:TargetFramework=net10.0"));
        Assert.Equal("", Evaluate("_GitOpsShouldRun", "-p:TargetFrameworks=net10.0%3Bnet9.0", "-p:TargetFramework=net9.0"));
        Assert.Equal("", Evaluate("_GitOpsShouldRun", "-p:TargetFrameworks=net10.0%3Bnet9.0", "-p:TargetFramework="));
        Assert.Equal("true", Evaluate("_GitOpsShouldRun"));

        // 8. A build for a runtime identifier, as a NativeAOT publish makes, compiles against the package's reference
        //    assembly, not the linux-x64 ReadyToRun image: no CS8012, so TreatWarningsAsErrors holds.
        var forRid = DotNetCli.Run(Consumer, PackageCache, "build", "-c", "Release", "-r", "linux-x64",
            "-p:TreatWarningsAsErrors=true", "-p:GitOpsGenerateOnBuild=false", "-nodeReuse:false", "-tl:off");
        Assert.True(forRid.ExitCode == 0, forRid.Output);
        Assert.DoesNotContain("CS8012", forRid.Output, StringComparison.Ordinal);

        // 9. A YAML file the lab reads (.YamlFile), not listed as a GitOpsInput: the generator lists it (--inputs), so a
        //    change to it alone reruns the generator and the manifests follow (try-out 4: they stayed stale).
        File.WriteAllText(Path.Combine(Consumer, "web.yaml"), GitOpsCliTests.WebDeployment("nginx:1.27"));
        File.WriteAllText(LabSource, LabCode(subnet: "192.168.2.0/24", yamlWorkload: "web.yaml"));
        var withYaml = Build();
        Assert.True(withYaml.ExitCode == 0, withYaml.Output);
        Assert.Contains($"GitOps: {Output}: ", withYaml.Output);
        var deployment = Directory.EnumerateFiles(Output, "*.yaml", SearchOption.AllDirectories)
            .Single(f => File.ReadAllText(f).Contains("image: nginx:1.27", StringComparison.Ordinal));
        var unchanged = Build();
        Assert.Contains("Skipping target \"_GitOpsGenerate\" because all output files are up-to-date", unchanged.Output);
        File.WriteAllText(Path.Combine(Consumer, "web.yaml"), GitOpsCliTests.WebDeployment("nginx:1.28"));
        var yamlChanged = Build();
        Assert.True(yamlChanged.ExitCode == 0, yamlChanged.Output);
        Assert.Matches($@"GitOps: {Regex.Escape(Output)}: [1-9][0-9]* written, ", yamlChanged.Output);
        Assert.Contains("image: nginx:1.28", File.ReadAllText(deployment), StringComparison.Ordinal);
    }

    [Fact]
    public void The_library_package_carries_its_own_README_not_the_repositorys()
    {
        using var package = System.IO.Compression.ZipFile.OpenRead(feed.Package("LabNetwork.GitOps"));
        using var packed = new StreamReader(package.GetEntry("README.md")!.Open());
        Assert.Equal(File.ReadAllText(RepositoryPaths.In("src", "GitOps", "README.md")), packed.ReadToEnd());
    }

    private Dictionary<string, string> PackageCache => new() { ["NUGET_PACKAGES"] = temp.Combine("packages") };

    /// <summary>A property of the consumer project as MSBuild evaluates it with the package's build files (after restore).</summary>
    private string Evaluate(string property, params string[] globalProperties)
    {
        var run = DotNetCli.Run(Consumer, PackageCache, ["msbuild", $"-getProperty:{property}", "-p:Configuration=Release", .. globalProperties]);
        Assert.True(run.ExitCode == 0, run.Output);
        return run.Output.Trim();
    }

    private const int SubnetLine = 8;
    private const int ThrowLine = 5;

    /// <summary>The consumer's lab. Keep in step with <see cref="ExpectedLab"/>; the line constants above point into it.</summary>
    private static string LabCode(string subnet, bool throwFirst = false, string? yamlWorkload = null) => $$"""
        using GitOps.Topology;
        public static class MyLab
        {
            public static Lab Build() =>
                {{(throwFirst ? "throw new InvalidOperationException(\"the lab is broken on purpose\")" : "Create()")}};
            private static Lab Create() =>
                Lab.Create("home")
                    .Network("lan", n => n.Subnet("{{subnet}}").Gateway("192.168.2.1"))
                    .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").Mtu(9000))
                    .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
                    .Cluster("home", c => c.NodeNetwork("k8s"))
                    .Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router")))
                    {{(yamlWorkload is null ? "" : $".Workload(\"apps/web\", w => w.YamlFile(\"{yamlWorkload}\"))")}}
                    .Build();
        }

        """;

    private static Lab ExpectedLab() =>
        Lab.Create("home")
            .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"))
            .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").Mtu(9000))
            .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
            .Cluster("home", c => c.NodeNetwork("k8s"))
            .Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router")))
            .Build();

    private void CreateConsumer(string folder, string version)
    {
        ConsumerProject.Create(Consumer, folder, version);
        File.WriteAllText(LabSource, LabCode(subnet: "192.168.2.0/24"));
    }

    /// <summary>`dotnet build -c Release` with normal verbosity (to see skipped targets) and a package cache of this test's own.</summary>
    private (int ExitCode, string Output) Build() =>
        DotNetCli.Run(Consumer, PackageCache,
            "build", "-c", "Release", "-v:n", "-nodeReuse:false", "-tl:off");

    private void AssertFolderHolds(IReadOnlyList<RenderedFile> expected)
    {
        foreach (var file in expected)
        {
            Assert.Equal(file.Content, File.ReadAllBytes(OutputPath.ToFullPath(Output, file.RelativePath)));
        }

        Assert.Equal(
            OwnedFileList.Format(expected.Select(f => f.RelativePath)),
            File.ReadAllBytes(Path.Combine(Output, OwnedFileList.FileName)));
        var onDisk = Directory.EnumerateFiles(Output, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Output, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(
            expected.Select(f => f.RelativePath).Append(OwnedFileList.FileName).Append("README.md").Order(StringComparer.Ordinal),
            onDisk);
    }
}
