using GitOps.Output;
using Microsoft.Build.Framework;

namespace GitOps.Build.Tests;

/// <summary>The task against a real lab project run out of process (tests/GitOps.Build.Tests.FixtureLab), with a fake build engine.</summary>
public sealed class GenerateLabManifestsTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly FakeBuildEngine engine = new();

    private string Output => temp.Combine("manifests");

    private static string FixtureSource => Path.Combine(TestPaths.FixtureLabDirectory, "FixtureLab.cs");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_valid_lab_updates_the_folder_and_lists_the_owned_files()
    {
        var task = Task();

        Assert.True(task.Execute());

        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        var owned = File.ReadAllLines(Path.Combine(Output, OwnedFileList.FileName)).Where(l => !l.StartsWith('#')).ToArray();
        Assert.All(owned, p => Assert.True(File.Exists(OutputPath.ToFullPath(Output, p)), p));
        Assert.Contains("fixture lab: mode ''", MessageTexts);
        Assert.Contains($"GitOps: {Output}: {owned.Length} written, 0 unchanged, 0 deleted", MessageTexts);
    }

    [Fact]
    public void The_summary_is_a_high_importance_message_so_every_generating_build_shows_it()
    {
        Assert.True(Task().Execute());

        var summary = Assert.Single(engine.Messages, m => m.Message?.StartsWith($"GitOps: {Output}: ", StringComparison.Ordinal) == true);
        Assert.Equal(MessageImportance.High, summary.Importance);
        Assert.Equal(MessageImportance.Normal, engine.Messages.Single(m => m.Message == "fixture lab: mode ''").Importance);
    }

    [Fact]
    public void A_warning_of_a_generator_that_succeeds_is_a_warning_of_a_successful_build()
    {
        Assert.True(Task("warn").Execute());

        Assert.Empty(engine.Errors);
        Assert.Equal(
            [$"{Path.Combine(TestPaths.FixtureLabDirectory, "FixtureLab.cs")}(16,0): warning GITOPS305: workloads/widget.yaml#: Widget/x: no schema bundled for example.com/v1/Widget; the object was not validated."],
            engine.WarningLines);
        Assert.Contains(MessageTexts, m => m.StartsWith($"GitOps: {Output}: ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_generator_is_run_with_dotnet_exec_and_the_output_folder()
    {
        Assert.True(Task().Execute());

        var fixture = TestPaths.FixtureLabAssembly;
        var runtimeConfig = Path.ChangeExtension(fixture, ".runtimeconfig.json");
        var deps = Path.ChangeExtension(fixture, ".deps.json");
        Assert.Contains($"exec --runtimeconfig {runtimeConfig} --depsfile {deps} {fixture} --output {Output}", MessageTexts.Single(m => m.Contains(" exec ", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_output_folder_with_spaces_and_non_ASCII_letters_is_passed_and_reported_intact()
    {
        var task = Task();
        task.OutputDirectory = temp.Combine("Lab Mänifests");

        Assert.True(task.Execute());

        Assert.True(File.Exists(Path.Combine(task.OutputDirectory, OwnedFileList.FileName)));
        Assert.Contains(MessageTexts, m => m.StartsWith($"GitOps: {task.OutputDirectory}: ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_exception_in_the_lab_code_is_an_error_at_the_users_line()
    {
        Assert.False(Task("throw").Execute());

        Assert.Equal(
            [$"{FixtureSource}(12,0): error GITOPS220: FixtureLab.Build: the lab code threw System.InvalidOperationException: the fixture lab is broken on purpose"],
            engine.ErrorLines);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public void A_model_error_is_an_error_with_its_code_at_the_users_line()
    {
        Assert.False(Task("invalid").Execute());

        Assert.Equal(
            [$"{FixtureSource}(16,0): error GITOPS101: lab/networks/lan/subnet: '192.168.2.0/33' is not a CIDR; the prefix length after '/' must be 0 to 32 for an IPv4 address."],
            engine.ErrorLines);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public void A_generator_that_fails_without_a_word_is_an_error_that_says_what_to_check()
    {
        Assert.False(Task("exit-silently").Execute());

        Assert.Equal(
            ["fake.proj(0,0): error GITOPS230: The lab generator 'GitOps.Build.Tests.FixtureLab.dll' exited with code 7 without reporting an error. " +
             "Run it with 'dotnet run' to see its output, and check that Program.cs returns GitOps.GitOpsCli.Run(args, ...)."],
            engine.ErrorLines);
    }

    [Fact]
    public void A_missing_lab_assembly_is_an_error()
    {
        var task = Task();
        task.Assembly = temp.Combine("NoSuchLab.dll");

        Assert.False(task.Execute());

        Assert.Equal(
            [$"fake.proj(0,0): error GITOPS231: The lab assembly '{task.Assembly}' does not exist; build the project first (the generator runs after Build)."],
            engine.ErrorLines);
    }

    [Theory]
    [InlineData("/src/lab/Lab.cs(12): error GITOPS101: lab/networks/lan: bad", "/src/lab/Lab.cs(12,0): error GITOPS101: lab/networks/lan: bad")]
    [InlineData("/src/lab/Lab.cs(12,7): error GITOPS101: m", "/src/lab/Lab.cs(12,7): error GITOPS101: m")]
    [InlineData(@"C:\lab\Lab.cs(3): error GITOPS102: m: with: colons", @"C:\lab\Lab.cs(3,0): error GITOPS102: m: with: colons")]
    [InlineData("/out/a.yaml: error GITOPS203: output/a.yaml: m", "/out/a.yaml(0,0): error GITOPS203: output/a.yaml: m")]
    [InlineData("GitOps: error GITOPS211: command line: m", "fake.proj(0,0): error GITOPS211: command line: m")]
    public void Canonical_error_lines_become_errors_with_code_file_and_line(string printed, string logged)
    {
        Task().LogLine(printed, MessageImportance.Normal);

        Assert.Equal([logged], engine.ErrorLines);
        Assert.Empty(engine.Messages);
    }

    [Fact]
    public void Canonical_warning_lines_become_warnings()
    {
        Task().LogLine("/out: warning GITOPS207: output: cleaning up failed", MessageImportance.Normal);

        Assert.Equal(["/out(0,0): warning GITOPS207: output: cleaning up failed"], engine.WarningLines);
        Assert.Empty(engine.Errors);
    }

    [Theory]
    [InlineData("GitOps: /repo/manifests: 1 written, 0 unchanged, 0 deleted")]
    [InlineData("Program.cs(3): error CS0001: not one of ours")]
    [InlineData("  at FixtureLab.Build() in /src/FixtureLab.cs:line 12")]
    public void Other_lines_are_messages(string printed)
    {
        Task().LogLine(printed, MessageImportance.Normal);

        Assert.Empty(engine.Errors);
        Assert.Equal([printed], MessageTexts);
    }

    [Fact]
    public void Paths_mapped_by_a_deterministic_build_are_reported_at_their_original_location()
    {
        var task = Task();
        var original = Path.Combine(temp.Path, "repo") + Path.DirectorySeparatorChar;
        task.PathMap = $"/other/=/x/,{original}=/_/";

        task.LogLine("/_/samples/HomeLab/HomeLab.cs(4): error GITOPS101: lab: m", MessageImportance.Normal);

        Assert.Equal([$"{Path.Combine(original, "samples", "HomeLab", "HomeLab.cs")}(4,0): error GITOPS101: lab: m"], engine.ErrorLines);
    }

    private IEnumerable<string> MessageTexts => engine.Messages.Select(m => m.Message ?? "");

    private GenerateLabManifests Task(string mode = "") => new()
    {
        BuildEngine = engine,
        Assembly = TestPaths.FixtureLabAssembly,
        RuntimeConfig = Path.ChangeExtension(TestPaths.FixtureLabAssembly, ".runtimeconfig.json"),
        DepsFile = Path.ChangeExtension(TestPaths.FixtureLabAssembly, ".deps.json"),
        OutputDirectory = Output,
        WorkingDirectory = temp.Path,
        EnvironmentVariables = [$"GITOPS_FIXTURE={mode}"],
        // What the targets pass: under ContinuousIntegrationBuild the SDK maps the repository to /_/.
        PathMap = $"{RepositoryPaths.Root}{Path.DirectorySeparatorChar}=/_/",
    };
}
