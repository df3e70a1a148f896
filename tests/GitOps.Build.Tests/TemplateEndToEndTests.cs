using System.Xml.Linq;
using GitOps.Output;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Tests;

/// <summary>
/// The template package as a user gets it: install the packed LabNetwork.GitOps.Templates into a template hive of
/// this test's own (<c>--debug:custom-hive</c>, so the machine's templates are untouched), <c>dotnet new labnet</c>,
/// then the lab's README commands and its CI workflow's steps, run as written against the packed packages.
/// Network: NuGet restore only. Slow; runs in CI.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedFeedCollection.Name)]
public sealed class TemplateEndToEndTests(PackedFeed feed) : IDisposable
{
    private readonly TempFolder temp = new("gitops-template");

    private string Hive => temp.Combine("template-hive");

    private string LabRepo => temp.Combine("garden-lab");

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

        // 2. `dotnet new labnet -n garden-lab`, with the packed folder as the local feed.
        var created = New("labnet", "-n", "garden-lab", "-o", LabRepo, "--local-feed", feed.Folder);
        Assert.True(created.ExitCode == 0, created.Output);
        Assert.Equal(
            [".github/workflows/manifests.yml", ".gitignore", "MyLab.cs", "Program.cs", "README.md", "garden-lab.csproj", "nuget.config"],
            Files(LabRepo));
        var references = XDocument.Load(Path.Combine(LabRepo, "garden-lab.csproj")).Descendants("PackageReference")
            .Select(r => $"{r.Attribute("Include")?.Value} {r.Attribute("Version")?.Value}");
        Assert.Equal([$"LabNetwork.GitOps {feed.Version}", $"LabNetwork.GitOps.Build {feed.Version}"], references);
        var sources = XDocument.Load(Path.Combine(LabRepo, "nuget.config")).Root!.Element("packageSources")!.Elements().ToArray();
        Assert.Equal([$"add lab-network {feed.Folder}"], sources.Select(s => $"{s.Name} {s.Attribute("key")?.Value} {s.Attribute("value")?.Value}"));
        Assert.Contains("return GitOps.GitOpsCli.Run(args, MyLab.Build);", File.ReadAllText(Path.Combine(LabRepo, "Program.cs")));
        Assert.Contains("Lab.Create(\"garden-lab\")", File.ReadAllText(Path.Combine(LabRepo, "MyLab.cs")));

        // 3. The README's two commands, as written: the build writes manifests/, the check finds it up to date.
        var readme = ReadmeCommands();
        Assert.Equal(["dotnet build", "dotnet run -- --check"], readme);
        var build = Shell(readme[0] + " -v:n -nodeReuse:false -tl:off");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Matches($@"GitOps: {System.Text.RegularExpressions.Regex.Escape(Manifests)}: [1-9][0-9]* written, 0 unchanged, 0 deleted", build.Output);
        var owned = File.ReadAllLines(Path.Combine(Manifests, OwnedFileList.FileName)).Where(l => !l.StartsWith('#')).ToArray();
        Assert.Contains("calico/installation-default.yaml", owned);
        Assert.Equal(owned.Append(OwnedFileList.FileName).Order(StringComparer.Ordinal), Files(Manifests));
        var check = Shell(readme[1]);
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains($"GitOps: {Manifests}: up to date ({owned.Length} files)", check.Output);

        // 4. The CI workflow's steps, in order: green on the committed output ...
        var steps = WorkflowRunSteps();
        Assert.Equal(2, steps.Count);
        var afterBuild = FolderSnapshot.Take(Manifests);
        var ci = RunSteps(steps);
        Assert.True(ci.ExitCode == 0, ci.Output);
        Assert.Equal(afterBuild, FolderSnapshot.Take(Manifests));

        // ... and red on drift: a generated file edited by hand fails the check (exit 4) naming it; CI's build does not repair it.
        var edited = Path.Combine(Manifests, "calico", "installation-default.yaml");
        File.AppendAllText(edited, "# edited by hand\n");
        var drift = RunSteps(steps);
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
    private (int ExitCode, string Output) Shell(string command) =>
        DotNetCli.RunProgram("bash", LabRepo, Environment, "--noprofile", "--norc", "-eo", "pipefail", "-c", command);

    /// <summary>Runs the steps until one fails; its exit code and every step's output.</summary>
    private (int ExitCode, string Output) RunSteps(IReadOnlyList<string> steps)
    {
        var output = new System.Text.StringBuilder();
        foreach (var step in steps)
        {
            var run = Shell(step);
            output.Append("$ ").Append(step).Append('\n').Append(run.Output);
            if (run.ExitCode != 0)
            {
                return (run.ExitCode, output.ToString());
            }
        }

        return (0, output.ToString());
    }

    /// <summary>The commands of the lab README's <c>sh</c> block, without their comments.</summary>
    private string[] ReadmeCommands()
    {
        var readme = File.ReadAllText(Path.Combine(LabRepo, "README.md"));
        var start = readme.IndexOf("```sh\n", StringComparison.Ordinal) + "```sh\n".Length;
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        return block.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('#')[0].Trim()).ToArray();
    }

    /// <summary>The <c>run:</c> steps of the lab's only workflow, in order (<c>uses:</c> steps set up the runner and are skipped).</summary>
    private List<string> WorkflowRunSteps()
    {
        var workflow = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(LabRepo, ".github", "workflows", "manifests.yml")))
        {
            workflow.Load(reader);
        }

        var jobs = (YamlMappingNode)((YamlMappingNode)workflow.Documents[0].RootNode).Children["jobs"];
        var steps = (YamlSequenceNode)((YamlMappingNode)jobs.Children.Single().Value).Children["steps"];
        return steps.Cast<YamlMappingNode>()
            .Where(s => s.Children.ContainsKey("run"))
            .Select(s => ((YamlScalarNode)s.Children["run"]).Value!)
            .ToList();
    }

    private static string[] Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
