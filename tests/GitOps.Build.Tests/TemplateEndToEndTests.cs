using System.Xml.Linq;
using GitOps.Output;

namespace GitOps.Build.Tests;

/// <summary>
/// The template package as a user gets it: install the packed LabNetwork.GitOps.Templates into a template hive of
/// this test's own (<c>--debug:custom-hive</c>, so the machine's templates are untouched), <c>dotnet new labnet</c>,
/// with the folder the release workflow's NuGet push step published the packed packages to as its local feed, then
/// the lab's README commands and its CI workflow's steps, run as written (<see cref="GitHubWorkflow"/>).
/// Network: NuGet restore only. Slow; runs in CI.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedFeedCollection.Name)]
public sealed class TemplateEndToEndTests(PackedFeed feed) : IDisposable
{
    private readonly TempFolder temp = new("gitops-template");

    private string Hive => temp.Combine("template-hive");

    private string LabRepo => temp.Combine("Garden.Lab");

    private string Manifests => Path.Combine(LabRepo, "manifests");

    private Dictionary<string, string> Environment => new() { ["NUGET_PACKAGES"] = temp.Combine("packages") };

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Dotnet_new_labnet_gives_a_lab_repository_that_builds_its_manifests_and_whose_CI_fails_on_drift()
    {
        // 1. Install from the packed .nupkg into the isolated hive; the template is listed under its short name.
        var install = New("install", feed.Package("LabNetwork.GitOps.Templates"));
        Assert.True(install.ExitCode == 0, install.Output);
        Assert.Contains("labnet", install.Output);

        // 2. The release workflow pushes the packages to a folder source; `dotnet new labnet -n Garden.Lab` with that
        // folder as the local feed: the lab below restores what the release published. The project keeps the name as
        // given; the lab and its cluster get it as a Kubernetes name (GITOPS100 refuses upper case and dots).
        var published = PushWithTheReleaseWorkflow();
        var created = New("labnet", "-n", "Garden.Lab", "-o", LabRepo, "--local-feed", published);
        Assert.True(created.ExitCode == 0, created.Output);
        Assert.Equal(
            [".github/workflows/manifests.yml", ".gitignore", "Garden.Lab.csproj", "MyLab.cs", "Program.cs", "README.md", "nuget.config"],
            Files(LabRepo));
        var references = XDocument.Load(Path.Combine(LabRepo, "Garden.Lab.csproj")).Descendants("PackageReference")
            .Select(r => $"{r.Attribute("Include")?.Value} {r.Attribute("Version")?.Value}");
        Assert.Equal([$"LabNetwork.GitOps {feed.Version}", $"LabNetwork.GitOps.Build {feed.Version}"], references);
        var sources = XDocument.Load(Path.Combine(LabRepo, "nuget.config")).Root!.Element("packageSources")!.Elements().ToArray();
        Assert.Equal([$"add lab-network {published}"], sources.Select(s => $"{s.Name} {s.Attribute("key")?.Value} {s.Attribute("value")?.Value}"));
        Assert.Contains("return GitOps.GitOpsCli.Run(args, MyLab.Build);", File.ReadAllText(Path.Combine(LabRepo, "Program.cs")));
        var labCode = File.ReadAllText(Path.Combine(LabRepo, "MyLab.cs"));
        Assert.Contains("Lab.Create(\"garden-lab\")", labCode);
        Assert.Contains(".Cluster(\"garden-lab\", ", labCode);

        // 3. The README's two commands, as written: the build writes manifests/, the check finds it up to date.
        var readme = ReadmeCommands();
        Assert.Equal(["dotnet build", "dotnet run --property:GitOpsGenerateOnBuild=false -- --check"], readme);
        // A test of the lab where the README puts it (tests/): the lab project does not compile it (it would not build:
        // xunit is not a package of the lab).
        Directory.CreateDirectory(Path.Combine(LabRepo, "tests"));
        File.WriteAllText(Path.Combine(LabRepo, "tests", "LabTests.cs"), "public class LabTests { [Xunit.Fact] public void Builds() { } }\n");
        var build = Shell(readme[0] + " -v:n -nodeReuse:false -tl:off");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Matches($@"GitOps: {System.Text.RegularExpressions.Regex.Escape(Manifests)}: [1-9][0-9]* written, 0 unchanged, 0 deleted", build.Output);
        var owned = File.ReadAllLines(Path.Combine(Manifests, OwnedFileList.FileName)).Where(l => !l.StartsWith('#')).ToArray();
        Assert.Contains("calico/installation-default.yaml", owned);
        Assert.Equal(owned.Append(OwnedFileList.FileName).Order(StringComparer.Ordinal), Files(Manifests));
        var check = Shell(readme[1]);
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains($"GitOps: {Manifests}: up to date ({owned.Length} files)", check.Output);

        // The check can fail: after a one-line lab change (not built yet) it exits 4 and leaves manifests/ as it was
        // (a plain `dotnet run -- --check` would have regenerated it in its build and passed).
        var labFile = Path.Combine(LabRepo, "MyLab.cs");
        var lab = File.ReadAllText(labFile);
        File.WriteAllText(labFile, lab.Replace(".Mtu(9000)", ".Mtu(8000)", StringComparison.Ordinal));
        var beforeDrift = FolderSnapshot.Take(Manifests);
        var labDrift = Shell(readme[1]);
        Assert.True(labDrift.ExitCode == 4, labDrift.Output);
        Assert.Contains("GITOPS210", labDrift.Output);
        Assert.Equal(beforeDrift, FolderSnapshot.Take(Manifests));
        File.WriteAllText(labFile, lab);

        // 4. The CI workflow's steps, in order: green on the committed output ...
        var workflow = GitHubWorkflow.Load(Path.Combine(LabRepo, ".github", "workflows", "manifests.yml"));
        var steps = workflow.RunScripts(workflow.JobNames.Single());
        Assert.Equal(2, steps.Count);
        var afterBuild = FolderSnapshot.Take(Manifests);
        var ci = GitHubWorkflow.RunAll(steps, LabRepo, Environment);
        Assert.True(ci.ExitCode == 0, ci.Output);
        Assert.Equal(afterBuild, FolderSnapshot.Take(Manifests));

        // ... and red on drift: a generated file edited by hand fails the check (exit 4) naming it; CI's build does not repair it.
        var edited = Path.Combine(Manifests, "calico", "installation-default.yaml");
        File.AppendAllText(edited, "# edited by hand\n");
        var drift = GitHubWorkflow.RunAll(steps, LabRepo, Environment);
        Assert.Equal(GitOpsCli.ExitCodes.OutOfDate, drift.ExitCode);
        Assert.Contains($"{edited}: error GITOPS210: output/calico/installation-default.yaml: the file differs from the model", drift.Output);
        Assert.EndsWith("# edited by hand\n", File.ReadAllText(edited));

        // 5. Uninstall: the hive no longer has the template.
        var uninstall = New("uninstall", "LabNetwork.GitOps.Templates");
        Assert.True(uninstall.ExitCode == 0, uninstall.Output);
        var gone = New("labnet", "-n", "after-uninstall", "-o", temp.Combine("after-uninstall"));
        Assert.NotEqual(0, gone.ExitCode);
        Assert.False(Directory.Exists(temp.Combine("after-uninstall")));
    }

    private (int ExitCode, string Output) New(params string[] args) =>
        DotNetCli.Run(temp.Path, Environment, ["new", .. args, "--debug:custom-hive", Hive]);

    /// <summary>A command line run as GitHub Actions runs a <c>run:</c> step on Linux (bash -eo pipefail), in the lab repository.</summary>
    private (int ExitCode, string Output) Shell(string command) => GitHubWorkflow.RunAll([command], LabRepo, Environment);

    /// <summary>
    /// The release workflow's NuGet push step (job publish-packages), as GitHub runs it for a tag when the repository
    /// variable NUGET_SOURCE is set: here to a folder source, NUGET_API_KEY unset (GITHUB_TOKEN is used). The job's
    /// <c>dotnet pack GitOps.sln -c Release</c> writes artifacts/packages/ of its checkout; the three packages the
    /// fixture packed stand in for it. Run twice: a re-run of the job pushes nothing new and succeeds (--skip-duplicate).
    /// Returns the folder the packages were pushed to.
    /// </summary>
    private string PushWithTheReleaseWorkflow()
    {
        var workflow = GitHubWorkflow.Load(Path.Combine(RepositoryPaths.Root, ".github", "workflows", "release.yml"));
        var push = workflow.Steps("publish-packages").Single(s => s.Run?.Contains("dotnet nuget push", StringComparison.Ordinal) == true);
        Assert.Equal("vars.NUGET_SOURCE != ''", push.If);
        var checkout = temp.Combine("publish-packages");
        var packed = Path.Combine(checkout, "artifacts", "packages");
        Directory.CreateDirectory(packed);
        foreach (var package in Directory.GetFiles(feed.Folder, "*.nupkg"))
        {
            File.Copy(package, Path.Combine(packed, Path.GetFileName(package)));
        }

        var source = temp.Combine("published-feed");
        Directory.CreateDirectory(source);
        var expressions = new Dictionary<string, string>
        {
            ["vars.NUGET_SOURCE"] = source,
            ["secrets.NUGET_API_KEY"] = "",
            ["secrets.GITHUB_TOKEN"] = "dry-run-token",
        };
        var env = new Dictionary<string, string>(workflow.JobEnv("publish-packages"));
        foreach (var (name, value) in push.Env)
        {
            env[name] = value;
        }

        foreach (var attempt in new[] { "first run", "re-run" })
        {
            var run = GitHubWorkflow.Run(push.Run!, checkout, env, expressions, Environment);
            Assert.True(run.ExitCode == 0, $"{attempt}:\n{run.Output}");
        }

        // dotnet nuget push to a folder source copies each package in as it is (<id>.<version>.nupkg, the bytes as packed).
        Assert.Equal(
            Directory.GetFiles(feed.Folder, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Directory.GetFiles(source).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var id in new[] { "LabNetwork.GitOps", "LabNetwork.GitOps.Build", "LabNetwork.GitOps.Templates" })
        {
            Assert.Equal(File.ReadAllBytes(feed.Package(id)), File.ReadAllBytes(Path.Combine(source, Path.GetFileName(feed.Package(id)))));
        }

        return source;
    }

    /// <summary>The commands of the lab README's <c>sh</c> block, without their comments.</summary>
    private string[] ReadmeCommands()
    {
        var readme = File.ReadAllText(Path.Combine(LabRepo, "README.md"));
        var start = readme.IndexOf("```sh\n", StringComparison.Ordinal) + "```sh\n".Length;
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        return block.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('#')[0].Trim()).ToArray();
    }

    private static string[] Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
