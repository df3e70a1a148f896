using System.Runtime.CompilerServices;
using GitOps.Output;
using GitOps.Topology;

namespace GitOps.Build.Tests;

public sealed class GitOpsCliTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    private string Output => temp.Combine("manifests");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_valid_lab_writes_the_folder_and_prints_a_one_line_summary()
    {
        var exit = Run(["--output", Output], ValidLab);

        Assert.Equal((GitOpsCli.ExitCodes.Success, ""), (exit, stderr.ToString()));
        var owned = File.ReadAllLines(Path.Combine(Output, OwnedFileList.FileName)).Count(line => !line.StartsWith('#'));
        Assert.Equal($"GitOps: {Output}: {owned} written, 0 unchanged, 0 deleted\n", stdout.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_output_folder_defaults_to_manifests_in_the_current_folder()
    {
        var exit = Run([], ValidLab);

        Assert.Equal(GitOpsCli.ExitCodes.Success, exit);
        Assert.StartsWith($"GitOps: {Path.GetFullPath("manifests")}: ", stdout.ToString());
        Directory.Delete(Path.GetFullPath("manifests"), recursive: true);
    }

    [Fact]
    public void An_unknown_argument_is_a_usage_error()
    {
        var exit = Run(["--ouput", Output], ValidLab);

        Assert.Equal(GitOpsCli.ExitCodes.Usage, exit);
        Assert.Equal(
            "GitOps: error GITOPS211: command line: unexpected argument '--ouput'; usage: [--output <dir>] [--check] [--inputs <file>] (--help explains them)\n",
            stderr.ToString().ReplaceLineEndings("\n"));
        Assert.False(Directory.Exists(Output));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--check", "--help")]
    public void Help_prints_the_usage_and_exits_0_without_building_the_lab(params string[] args)
    {
        var exit = GitOpsCli.Run(args, () => throw new InvalidOperationException("--help must not build the lab"), stdout, stderr);

        Assert.Equal((GitOpsCli.ExitCodes.Success, ""), (exit, stderr.ToString()));
        var usage = stdout.ToString().ReplaceLineEndings("\n");
        Assert.StartsWith("Usage: <lab project> [--output <dir>] [--check] [--inputs <file>] [-h|--help]\n", usage);
        Assert.Contains("  --inputs <file> after writing, list in <file> the files the lab read", usage);
        Assert.Contains("  --output <dir>  folder to write (default: manifests", usage);
        Assert.Contains("  --check         write nothing; exit 4", usage);
        Assert.Contains("Exit codes: 0 written or up to date, 1 ", usage);
        Assert.False(Directory.Exists(Path.GetFullPath("manifests")));
    }

    [Fact]
    public void Warnings_of_a_successful_generation_are_printed_and_the_folder_is_still_written()
    {
        // No lab the builders accept warns today, so the generation step here is the real one plus a GITOPS305 as the
        // validator reports it for a kind without a bundled schema (ManifestValidator).
        var warning = new GitOps.Diagnostics.Diagnostic("GITOPS305", GitOps.Diagnostics.DiagnosticSeverity.Warning,
            "workloads/widget.yaml#", "Widget/x: no schema bundled for example.com/v1/Widget; the object was not validated.", "/lab/MyLab.cs", 12);

        var exit = GitOpsCli.Run(["--output", Output], ValidLab, stdout, stderr,
            lab => LabGenerator.GenerateWithWarnings(lab) is var generated ? generated with { Warnings = [.. generated.Warnings, warning] } : null!);

        Assert.Equal(GitOpsCli.ExitCodes.Success, exit);
        Assert.Equal(
            "/lab/MyLab.cs(12): warning GITOPS305: workloads/widget.yaml#: Widget/x: no schema bundled for example.com/v1/Widget; the object was not validated.\n",
            stderr.ToString().ReplaceLineEndings("\n"));
        Assert.StartsWith($"GitOps: {Output}: ", stdout.ToString());
        Assert.True(File.Exists(Path.Combine(Output, OwnedFileList.FileName)));
    }

    [Fact]
    public void An_exception_in_the_lab_code_is_reported_at_the_users_line_with_the_exception_message()
    {
        var line = 0;
        var exit = Run(["--output", Output], () =>
        {
            line = Line() + 1;
            throw new InvalidOperationException("the VLAN list is\nempty");
        });

        Assert.Equal(GitOpsCli.ExitCodes.ModelFailed, exit);
        var lines = stderr.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.Equal(
            $"{ThisFile()}({line}): error GITOPS220: GitOps.Build.Tests.GitOpsCliTests.An_exception_in_the_lab_code_is_reported_at_the_users_line_with_the_exception_message: " +
            "the lab code threw System.InvalidOperationException: the VLAN list is empty",
            lines[0]);
        Assert.Equal("  System.InvalidOperationException: the VLAN list is", lines[1]);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public void An_exception_thrown_by_the_library_on_behalf_of_the_user_points_at_the_users_call()
    {
        var line = 0;
        var exit = Run(["--output", Output], () =>
        {
            line = Line() + 1;
            return Lab.Create("lab").Network("lan", null!).Build();
        });

        Assert.Equal(GitOpsCli.ExitCodes.ModelFailed, exit);
        Assert.StartsWith($"{ThisFile()}({line}): error GITOPS220: ", stderr.ToString());
    }

    [Fact]
    public void Model_errors_are_printed_with_their_codes_and_the_users_file_and_line_and_nothing_is_written()
    {
        var line = 0;
        var exit = Run(["--output", Output], () =>
        {
            line = Line() + 1;
            return Lab.Create("lab").Network("lan", n => n.Subnet("10.0.0.0/99").Gateway("10.0.0.1")).Build();
        });

        Assert.Equal(GitOpsCli.ExitCodes.ModelFailed, exit);
        Assert.Contains(
            $"{ThisFile()}({line}): error GITOPS101: lab/networks/lan/subnet: '10.0.0.0/99' is not a CIDR",
            stderr.ToString());
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public void A_build_function_that_returns_null_is_reported()
    {
        var exit = Run(["--output", Output], () => null!);

        Assert.Equal(GitOpsCli.ExitCodes.ModelFailed, exit);
        Assert.Equal(
            "GitOps: error GITOPS221: lab: the build function passed to GitOpsCli.Run returned null; return the lab it builds\n",
            stderr.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_output_folder_that_cannot_be_updated_exits_with_the_output_code()
    {
        File.WriteAllText(Output, "a file, not a folder");

        var exit = Run(["--output", Output], ValidLab);

        Assert.Equal(GitOpsCli.ExitCodes.OutputFailed, exit);
        Assert.Equal(
            $"{Output}: error GITOPS204: output: the output folder is a file; point GitOpsOutputDirectory (or --output) at a folder\n",
            stderr.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Check_reports_every_difference_and_writes_nothing()
    {
        Run(["--output", Output], ValidLab);
        File.WriteAllText(Path.Combine(Output, OwnedFileList.FileName), "# edited\nstale.yaml\n");
        File.WriteAllText(Path.Combine(Output, "stale.yaml"), "old");
        var deleted = Directory.EnumerateFiles(Output, "*.yaml", SearchOption.AllDirectories).Where(f => !f.EndsWith("stale.yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).First();
        File.Delete(deleted); // deleted by hand: the model still has it
        var before = FolderSnapshot.Take(Output);
        stderr.GetStringBuilder().Clear();

        var exit = Run(["--output", Output, "--check"], ValidLab);

        Assert.Equal(GitOpsCli.ExitCodes.OutOfDate, exit);
        var errors = stderr.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Contains(
            $"{Path.Combine(Output, OwnedFileList.FileName)}: error GITOPS210: output/.gitops-owned.txt: the file differs from the model; " +
            "run 'dotnet build' and commit the output folder",
            errors);
        Assert.Contains(
            $"{Path.Combine(Output, "stale.yaml")}: error GITOPS210: output/stale.yaml: the file is no longer produced by the model; " +
            "run 'dotnet build' and commit the output folder",
            errors);
        var deletedPath = Path.GetRelativePath(Output, deleted).Replace('\\', '/');
        Assert.Contains(
            $"{deleted}: error GITOPS210: output/{deletedPath}: the model produces this file, but the output folder does not have it; " +
            "run 'dotnet build' and commit the output folder",
            errors);
        Assert.Equal(before, FolderSnapshot.Take(Output));
    }

    /// <summary>Try-out 8: a build killed while it renamed left the folder half-written, and the next build and --check both
    /// passed. Now --check refuses such a folder and the next build undoes the interrupted update, then writes.</summary>
    [Fact]
    public void A_folder_left_half_written_by_a_killed_run_fails_check_and_is_repaired_by_the_next_run()
    {
        Run(["--output", Output], ValidLab);
        var first = Directory.EnumerateFiles(Output, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var relative = Path.GetRelativePath(Output, first).Replace('\\', '/');
        var other = OutputWriter.Plan(Output, [new RenderedFile(relative, "changed: true\n"u8.ToArray())]);
        Assert.ThrowsAny<OperationCanceledException>(() => OutputWriter.Apply(other, step =>
        {
            if (step == $"place {relative}")
            {
                throw new OperationCanceledException("killed"); // not an I/O error: nothing is undone, as when the process dies
            }
        }));
        stdout.GetStringBuilder().Clear();

        var check = Run(["--output", Output, "--check"], ValidLab);

        Assert.Equal(GitOpsCli.ExitCodes.OutputFailed, check);
        Assert.Contains("error GITOPS216: output/.gitops-update: an earlier update of this folder was interrupted", stderr.ToString(), StringComparison.Ordinal);
        stderr.GetStringBuilder().Clear();

        var build = Run(["--output", Output], ValidLab);

        Assert.Equal(GitOpsCli.ExitCodes.Success, build);
        Assert.Contains("warning GITOPS215: output: an earlier update of this folder was interrupted", stderr.ToString(), StringComparison.Ordinal);
        Assert.StartsWith($"GitOps: {Output}: 0 written, ", stdout.ToString(), StringComparison.Ordinal); // undone: the model's files were all there again
        stderr.GetStringBuilder().Clear();
        Assert.Equal((GitOpsCli.ExitCodes.Success, ""), (Run(["--output", Output, "--check"], ValidLab), stderr.ToString()));
        Assert.Empty(Directory.EnumerateFiles(Output, ".*.gitops-*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Check_passes_on_a_folder_the_model_just_wrote()
    {
        Run(["--output", Output], ValidLab);
        stdout.GetStringBuilder().Clear();

        var exit = Run(["--output", Output, "--check"], ValidLab);

        Assert.Equal((GitOpsCli.ExitCodes.Success, ""), (exit, stderr.ToString()));
        Assert.StartsWith($"GitOps: {Output}: up to date (", stdout.ToString());
    }

    [Fact]
    public void Warnings_of_a_successful_generation_are_printed()
    {
        var exit = Run(["--output", Output], () => Lab.Create("test")
            .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"))
            .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1"))
            .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
            .Cluster("test", c => c.NodeNetwork("k8s"))
            .Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router")))
            .Workload("web/site", w => w.Image("docker.io/library/nginx:1.29").Object(new k8s.Models.V1Ingress { Metadata = new() { Name = "site" } }))
            .Build());

        Assert.Equal(GitOpsCli.ExitCodes.Success, exit);
        Assert.Contains("warning GITOPS305: workloads/ingress-web-site.yaml#", stderr.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Output, "workloads", "ingress-web-site.yaml")));
    }

    [Fact]
    public void Inputs_lists_the_files_the_lab_read_after_the_folder_is_written()
    {
        File.WriteAllText(temp.Combine("web.yaml"), WebDeployment());
        File.WriteAllText(temp.Combine("extra.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n");
        var inputs = temp.Combine("obj", "gitops.inputs");

        var exit = Run(["--output", Output, "--inputs", inputs], () => LabReading(temp.Combine("web.yaml"), temp.Combine("extra.yaml")));

        Assert.Equal((GitOpsCli.ExitCodes.Success, ""), (exit, stderr.ToString()));
        Assert.Equal($"{temp.Combine("extra.yaml")}\n{temp.Combine("web.yaml")}\n", File.ReadAllText(inputs));
        var written = File.GetLastWriteTimeUtc(inputs);
        File.SetLastWriteTimeUtc(inputs, written.AddHours(-1));

        // Unchanged list: the file is not rewritten. A lab that reads nothing gets an empty list.
        Assert.Equal(GitOpsCli.ExitCodes.Success, Run(["--output", Output, "--inputs", inputs], () => LabReading(temp.Combine("web.yaml"), temp.Combine("extra.yaml"))));
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(inputs));
        Assert.Equal(GitOpsCli.ExitCodes.Success, Run(["--output", Output, "--inputs", inputs], ValidLab));
        Assert.Equal("", File.ReadAllText(inputs));
    }

    [Fact]
    public void Inputs_is_not_written_when_the_model_fails_or_with_check()
    {
        var inputs = temp.Combine("obj", "gitops.inputs");

        Assert.Equal(GitOpsCli.ExitCodes.ModelFailed, Run(["--output", Output, "--inputs", inputs], () => LabReading(temp.Combine("missing.yaml"))));
        Assert.False(File.Exists(inputs));
        Assert.Equal(GitOpsCli.ExitCodes.OutOfDate, Run(["--output", Output, "--check", "--inputs", inputs], ValidLab));
        Assert.False(File.Exists(inputs));
    }

    [Fact]
    public void Output_outside_the_repository_path_the_lab_names_is_a_warning_inside_a_git_working_tree()
    {
        // Try-out 4: -p:GitOpsOutputDirectory="../out" wrote the manifests, and the GitRepo still listed manifests/... .
        Directory.CreateDirectory(temp.Combine("repo", ".git"));
        var elsewhere = temp.Combine("repo", "deploy", "out");

        var exit = Run(["--output", elsewhere], LabWithGitOps);

        Assert.Equal(GitOpsCli.ExitCodes.Success, exit);
        var warning = stderr.ToString().ReplaceLineEndings("\n");
        Assert.StartsWith($"{ThisFile()}({GitOpsLine}): warning GITOPS209: lab/gitops/repository/path: the manifests are written to 'deploy/out' of the git repository at {temp.Combine("repo")}, but .Repository(path: \"manifests\") tells Fleet and Flux to read 'manifests'", warning);
        Assert.Contains("or set path: \"deploy/out\"", warning, StringComparison.Ordinal);
        Assert.Single(warning.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Output_at_the_repository_path_or_outside_any_git_working_tree_is_not_warned_about_and_a_git_file_marks_a_tree()
    {
        Directory.CreateDirectory(temp.Combine("repo", ".git"));
        Assert.Equal(GitOpsCli.ExitCodes.Success, Run(["--output", temp.Combine("repo", "manifests")], LabWithGitOps));
        Assert.Equal(GitOpsCli.ExitCodes.Success, Run(["--output", temp.Combine("plain", "out")], LabWithGitOps));
        Assert.Equal("", stderr.ToString());

        // A worktree's (or submodule's) .git is a file: the folder holding it is the working tree.
        Directory.CreateDirectory(temp.Combine("worktree"));
        File.WriteAllText(temp.Combine("worktree", ".git"), "gitdir: ../repo/.git/worktrees/x\n");
        Assert.Equal(GitOpsCli.ExitCodes.Success, Run(["--output", temp.Combine("worktree", "out")], LabWithGitOps));
        Assert.Contains("warning GITOPS209: lab/gitops/repository/path: the manifests are written to 'out' of the git repository at " + temp.Combine("worktree"),
            stderr.ToString(), StringComparison.Ordinal);
    }

    private static readonly int GitOpsLine = Line() + 4;

    /// <summary><see cref="ValidLab"/> delivered by Fleet from the repository's <c>manifests</c> folder.</summary>
    internal static Lab LabWithGitOps() =>
        ValidLabBuilder().GitOps(g => g.Repository("https://github.com/you/lab.git").Fleet(f => f.TargetCluster("test"))).Build();

    /// <summary>A Deployment named web running <paramref name="image"/>, as YAML (a workload's <c>.YamlFile</c>).</summary>
    internal static string WebDeployment(string image = "nginx:1.27") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: {image}

        """;

    /// <summary><see cref="ValidLab"/> with a workload read from YAML files.</summary>
    internal static Lab LabReading(params string[] yamlFiles) =>
        ValidLabBuilder().Workload("apps/web", w =>
        {
            foreach (var file in yamlFiles)
            {
                w.YamlFile(file);
            }
        }).Build();

    internal static Lab ValidLab() => ValidLabBuilder().Build();

    private static LabBuilder ValidLabBuilder() =>
        Lab.Create("test")
            .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"))
            .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1"))
            .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
            .Cluster("test", c => c.NodeNetwork("k8s"))
            .Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router")));

    private static int Line([CallerLineNumber] int line = 0) => line;

    private static string ThisFile([CallerFilePath] string file = "") => file;

    private int Run(string[] args, Func<Lab> build) => GitOpsCli.Run(args, build, stdout, stderr);
}
