using Microsoft.Build.Framework;

namespace GitOps.Build.Tests;

/// <summary>
/// The task with <see cref="GenerateLabManifests.UseServer"/> against the fixture lab (tests/GitOps.Build.Tests.FixtureLab),
/// with a fake build engine: the generator build server runs it, and reports what a new process would; what the
/// server cannot run to the end falls back to a new process. Every server started here is ended on dispose.
/// </summary>
public sealed class BuildServerTaskTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly BuildServerProcesses servers = new();

    private static string FixtureSource => Path.Combine(TestPaths.FixtureLabDirectory, "FixtureLab.cs");

    public void Dispose()
    {
        servers.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void The_server_serves_run_after_run_and_writes_the_bytes_a_new_process_writes()
    {
        var (first, firstEngine) = Run("", "server-1");
        var (second, secondEngine) = Run("", "server-2");
        var (inProcess, processEngine) = Run("", "process", useServer: false);

        Assert.True(first && second && inProcess, string.Join('\n', firstEngine.ErrorLines.Concat(secondEngine.ErrorLines)));
        var firstServer = Assert.Single(servers.Track(Messages(firstEngine)));
        Assert.Equal([firstServer], servers.Track(Messages(secondEngine)));
        Assert.True(BuildServerProcesses.IsRunning(firstServer));
        Assert.Empty(servers.Track(Messages(processEngine)));

        Assert.Equal(Files(temp.Combine("process")), Files(temp.Combine("server-1")));
        Assert.Equal(Files(temp.Combine("process")), Files(temp.Combine("server-2")));
        // The lab's own output and the summary, as the out-of-process run logged them (only the folder differs).
        Assert.Equal(LabLines(processEngine, "process"), LabLines(firstEngine, "server-1"));
        Assert.Equal(LabLines(processEngine, "process"), LabLines(secondEngine, "server-2"));
        Assert.Equal(MessageImportance.High, firstEngine.Messages.Single(m => m.Message!.StartsWith("GitOps: " + temp.Path, StringComparison.Ordinal)).Importance);
    }

    [Fact]
    public void Each_runs_lab_context_is_unloaded_so_one_server_serves_run_after_run()
    {
        // The server exits after a run whose unloaded lab context is still alive after full collections
        // (LabRunner.LeaksLabs); twelve runs on one server show that each run's context goes.
        var ids = new List<int>();
        for (var run = 0; run < 12; run++)
        {
            var (succeeded, engine) = Run("", "out");
            Assert.True(succeeded, string.Join('\n', engine.ErrorLines));
            ids.Add(Assert.Single(servers.Track(Messages(engine))));
        }

        Assert.Single(ids.Distinct());
    }

    [Fact]
    public void A_lab_that_leaves_a_thread_running_ends_its_server_so_nothing_of_it_reaches_the_next_build()
    {
        var (left, leftEngine) = Run("leave-thread", "out");
        Assert.True(left, string.Join('\n', leftEngine.ErrorLines));
        var first = Assert.Single(servers.Track(Messages(leftEngine)));

        // The server exits after that run (its lab context cannot unload while the thread runs): the thread dies with it.
        var gone = System.Diagnostics.Stopwatch.StartNew();
        while (BuildServerProcesses.IsRunning(first) && gone.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(100);
        }

        Assert.False(BuildServerProcesses.IsRunning(first), $"server {first} still runs after a lab left a thread in it");
        var (next, nextEngine) = Run("", "out");
        Assert.True(next, string.Join('\n', nextEngine.ErrorLines));
        Assert.NotEqual(first, Assert.Single(servers.Track(Messages(nextEngine))));
        Assert.DoesNotContain("tick", Messages(nextEngine), StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_and_warnings_of_runs_on_the_server_are_at_the_users_lines()
    {
        var (invalid, invalidEngine) = Run("invalid", "out");
        var (threw, threwEngine) = Run("throw", "out");
        var (warned, warnedEngine) = Run("warn", "out");
        var (silent, silentEngine) = Run("exit-silently", "out");

        Assert.False(invalid);
        Assert.Equal(
            [$"{FixtureSource}(16,0): error GITOPS101: lab/networks/lan/subnet: '192.168.2.0/33' is not a CIDR; the prefix length after '/' must be 0 to 32 for an IPv4 address."],
            invalidEngine.ErrorLines);
        // The lab assembly's PDB is loaded with it (from bytes), so the stack frame has its file and line.
        Assert.False(threw);
        Assert.Equal(
            [$"{FixtureSource}(12,0): error GITOPS220: FixtureLab.Build: the lab code threw System.InvalidOperationException: the fixture lab is broken on purpose"],
            threwEngine.ErrorLines);
        Assert.True(warned);
        Assert.Equal(
            [$"{FixtureSource}(16,0): warning GITOPS305: workloads/widget.yaml#: Widget/x: no schema bundled for example.com/v1/Widget; the object was not validated."],
            warnedEngine.WarningLines);
        Assert.False(silent);
        Assert.Equal(
            ["fake.proj(0,0): error GITOPS230: The lab generator 'GitOps.Build.Tests.FixtureLab.dll' exited with code 7 without reporting an error. " +
             "Run it with 'dotnet run' to see its output, and check that Program.cs returns GitOps.GitOpsCli.Run(args, ...)."],
            silentEngine.ErrorLines);

        // All four on one server: none of them fell back to a new process.
        var ids = new[] { invalidEngine, threwEngine, warnedEngine, silentEngine }.Select(e => Assert.Single(servers.Track(Messages(e)))).Distinct();
        Assert.Single(ids);
    }

    [Fact]
    public void A_lab_that_ends_the_process_takes_the_server_down_and_is_run_again_in_a_new_process()
    {
        var (warm, warmEngine) = Run("", "out");
        var server = Assert.Single(servers.Track(Messages(warmEngine)));
        Assert.True(warm);

        var (exited, exitedEngine) = Run("environment-exit", "out");

        Assert.True(exited, string.Join('\n', exitedEngine.ErrorLines));
        Assert.Empty(servers.Track(Messages(exitedEngine)));
        Assert.Contains(exitedEngine.Messages, m => m.Importance == MessageImportance.Low &&
            m.Message!.Contains("the build server did not run the lab (the server exited during the run", StringComparison.Ordinal));
        Assert.Contains(Messages(exitedEngine).Split('\n'), l => l.StartsWith($"GitOps: {temp.Combine("out")}: 0 written, ", StringComparison.Ordinal));
        Assert.False(BuildServerProcesses.IsRunning(server));
    }

    [Fact]
    public void A_server_whose_folder_was_deleted_exits_and_the_next_build_starts_a_new_one()
    {
        var (warm, warmEngine) = Run("", "out");
        var server = Assert.Single(servers.Track(Messages(warmEngine)));
        Assert.True(warm);
        var folder = BuildServerProcesses.Folder(server);
        Assert.NotNull(folder);

        // A user cleaning up their local application data folder while the server runs (its working directory is gone).
        Directory.Delete(folder, recursive: true);
        var (afterDelete, afterDeleteEngine) = Run("", "out");

        Assert.True(afterDelete, string.Join('\n', afterDeleteEngine.ErrorLines));
        Assert.DoesNotContain(server, servers.Track(Messages(afterDeleteEngine)));
        Assert.DoesNotContain("the lab code may have called Environment.Exit", Messages(afterDeleteEngine), StringComparison.Ordinal);
        Assert.True(SpinWait.SpinUntil(() => !BuildServerProcesses.IsRunning(server), TimeSpan.FromSeconds(10)), "the server still runs");
        var (next, nextEngine) = Run("", "out");
        Assert.True(next, string.Join('\n', nextEngine.ErrorLines));
        Assert.NotEqual(server, Assert.Single(servers.Track(Messages(nextEngine))));
    }

    [Fact]
    public void A_server_ended_with_SIGTERM_removes_its_socket_and_its_folder()
    {
        // As `timeout` does to its process group, or a shutdown: files left behind would stay in the temp folder for good.
        var (warm, warmEngine) = Run("", "out");
        var server = Assert.Single(servers.Track(Messages(warmEngine)));
        Assert.True(warm);
        var folder = BuildServerProcesses.Folder(server);
        Assert.NotNull(folder);
        var socket = Path.Combine(Path.GetTempPath(), "CoreFxPipe_gitops-" + Path.GetFileName(folder));
        Assert.True(File.Exists(socket), socket);

        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", server.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(SpinWait.SpinUntil(() => !BuildServerProcesses.IsRunning(server), TimeSpan.FromSeconds(10)), "the server still runs");
        Assert.False(File.Exists(socket), socket);
        Assert.False(Directory.Exists(folder), folder);
    }

    [Fact]
    public void A_starting_server_removes_folders_left_without_a_lock_but_not_one_being_started()
    {
        // A server that exited before it took its lock left only the copy the task made, which no later start removed.
        var (warm, warmEngine) = Run("", "out");
        var first = Assert.Single(servers.Track(Messages(warmEngine)));
        Assert.True(warm);
        var root = Path.GetDirectoryName(BuildServerProcesses.Folder(first))!;
        var left = Path.Combine(root, "left-by-test-" + Guid.NewGuid().ToString("N"));
        var starting = Path.Combine(root, "starting-by-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var folder in new[] { left, starting })
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "GitOps.Build.Server.dll"), "copy");
            }

            Directory.SetLastWriteTimeUtc(left, DateTime.UtcNow - TimeSpan.FromHours(1));
            using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", first.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }

            Assert.True(SpinWait.SpinUntil(() => !BuildServerProcesses.IsRunning(first), TimeSpan.FromSeconds(10)), "the server still runs");
            var (next, nextEngine) = Run("", "out");
            Assert.True(next, string.Join('\n', nextEngine.ErrorLines));
            Assert.NotEqual(first, Assert.Single(servers.Track(Messages(nextEngine))));

            Assert.False(Directory.Exists(left), left);
            Assert.True(Directory.Exists(starting), starting);
        }
        finally
        {
            foreach (var folder in new[] { left, starting })
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }

    [Fact]
    public void An_exception_unhandled_in_Main_is_reported_by_a_new_process_as_before()
    {
        var (succeeded, engine) = Run("main-throws", "out");

        Assert.False(succeeded);
        Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.Low &&
            m.Message!.Contains(" did not run the lab (the lab's entry point threw System.InvalidOperationException); running it in a new process", StringComparison.Ordinal));
        Assert.Contains("Unhandled exception. System.InvalidOperationException: the fixture's Main is broken on purpose", Messages(engine));
        Assert.Contains("error GITOPS230: The lab generator 'GitOps.Build.Tests.FixtureLab.dll' exited with code ", Assert.Single(engine.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("out")));
        Assert.Empty(servers.Track(Messages(engine)));
    }

    private (bool Succeeded, FakeBuildEngine Engine) Run(string mode, string folder, bool useServer = true)
    {
        var engine = new FakeBuildEngine();
        var fixture = TestPaths.FixtureLabAssembly;
        var task = new GenerateLabManifests
        {
            BuildEngine = engine,
            Assembly = fixture,
            RuntimeConfig = Path.ChangeExtension(fixture, ".runtimeconfig.json"),
            DepsFile = Path.ChangeExtension(fixture, ".deps.json"),
            OutputDirectory = temp.Combine(folder),
            WorkingDirectory = temp.Path,
            EnvironmentVariables = [$"GITOPS_FIXTURE={mode}"],
            PathMap = $"{RepositoryPaths.Root}{Path.DirectorySeparatorChar}=/_/",
            UseServer = useServer,
            ServerIdleTimeout = 120,
            Dependencies = Directory.GetFiles(Path.GetDirectoryName(fixture)!, "*.dll")
                .Where(path => path != fixture)
                .Select(path => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(path))
                .ToArray(),
        };
        var succeeded = task.Execute();
        servers.Track(Messages(engine));
        return (succeeded, engine);
    }

    private static string Messages(FakeBuildEngine engine) => string.Join('\n', engine.Messages.Select(m => m.Message));

    /// <summary>What the lab printed as the task logged it (not the task's own lines), with the output folder replaced.</summary>
    private string[] LabLines(FakeBuildEngine engine, string folder) =>
        engine.Messages
            .Where(m => m.Importance != MessageImportance.Low && !m.Message!.StartsWith("GitOps: the build server", StringComparison.Ordinal) && !m.Message.Contains(" exec ", StringComparison.Ordinal))
            .Select(m => m.Message!.Replace(temp.Combine(folder), "<out>", StringComparison.Ordinal))
            .Concat(engine.WarningLines)
            .ToArray();

    private static SortedDictionary<string, string> Files(string root) =>
        new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            path => Path.GetRelativePath(root, path),
            path => Convert.ToHexString(File.ReadAllBytes(path))), StringComparer.Ordinal);
}
