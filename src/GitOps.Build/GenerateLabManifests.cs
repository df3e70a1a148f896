using System.Collections;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using GitOps.Build.Server;
using GitOps.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GitOps.Build;

/// <summary>
/// Runs a built lab project out of process — on the generator build server when <see cref="UseServer"/> is set
/// (docs/msbuild.md, "The build server"), else <c>dotnet exec &lt;Assembly&gt; --output &lt;OutputDirectory&gt;</c> —
/// so MSBuild never loads or locks user code, and turns the canonical lines the generator prints
/// (<c>file(line): error GITOPSnnn: message</c>) into MSBuild errors and warnings with code, file and line.
/// Its summary line (<c>GitOps: &lt;folder&gt;: n written, n unchanged, n deleted</c>) is logged at high importance,
/// so every build that generated shows it at the default verbosity; other output only at normal verbosity.
/// </summary>
public sealed partial class GenerateLabManifests : ToolTask
{
    // The generator writes UTF-8 (GitOpsCli sets it when its output is redirected), so paths survive on every OS.
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The built lab assembly (<c>$(TargetPath)</c>).</summary>
    [Required]
    public string Assembly { get; set; } = "";

    /// <summary>The folder the manifests are written to (full path).</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>
    /// Where the generator lists the files the lab read when it ran (<c>--inputs</c>: a workload's <c>.YamlFile</c>, one
    /// full path per line), which the targets read back as generator inputs on the next build; none when empty.
    /// </summary>
    public string? InputsFile { get; set; }

    /// <summary>The assembly's <c>.runtimeconfig.json</c>; passed to <c>dotnet exec</c> when it exists.</summary>
    public string? RuntimeConfig { get; set; }

    /// <summary>The assembly's <c>.deps.json</c>; passed to <c>dotnet exec</c> when it exists.</summary>
    public string? DepsFile { get; set; }

    /// <summary>The <c>dotnet</c> host to run (<c>$(DOTNET_HOST_PATH)</c>); found on PATH when empty.</summary>
    public string? DotNetHost { get; set; }

    /// <summary>
    /// <c>$(PathMap)</c> of the lab project (<c>original=mapped,...</c>). Deterministic CI builds map
    /// source paths (e.g. to <c>/_/</c>); errors are reported at the original paths so they are clickable.
    /// </summary>
    public string? PathMap { get; set; }

    /// <summary>The folder the generator runs in (the project folder); the current folder when empty.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>
    /// Run the lab on the generator build server (a process that keeps the lab's dependencies loaded and compiled
    /// between builds) instead of a new process; any failure of the server falls back to a new process.
    /// <c>$(GitOpsUseServer)</c>, default true.
    /// </summary>
    public bool UseServer { get; set; }

    /// <summary>The lab's dependency assemblies (<c>@(ReferenceCopyLocalPaths)</c> dlls): what the server keeps loaded.</summary>
    public ITaskItem[] Dependencies { get; set; } = [];

    /// <summary>Seconds a build server waits for the next build before it exits (<c>$(GitOpsServerIdleTimeout)</c>, default 600).</summary>
    public int ServerIdleTimeout { get; set; } = 600;

    /// <inheritdoc />
    protected override string ToolName => OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

    /// <inheritdoc />
    protected override Encoding StandardOutputEncoding => Utf8;

    /// <inheritdoc />
    protected override Encoding StandardErrorEncoding => Utf8;

    /// <inheritdoc />
    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.Normal;

    /// <inheritdoc />
    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.Normal;

    /// <inheritdoc />
    public override bool Execute()
    {
        if (UseServer && File.Exists(Assembly) && TryRunOnServer() is { } succeeded)
        {
            return succeeded;
        }

        return base.Execute() && !Log.HasLoggedErrors;
    }

    /// <summary>
    /// Runs the lab on the build server and logs its output as a process's would be; null (after one low-importance
    /// message saying why) when the server could not run it to the end, so the caller runs the lab in a new process.
    /// </summary>
    private bool? TryRunOnServer()
    {
        var client = new ServerClient
        {
            ServerAssembly = Path.Combine(Path.GetDirectoryName(typeof(GenerateLabManifests).Assembly.Location)!, "server", "GitOps.Build.Server.dll"),
            DotNetHost = GenerateFullPathToTool(),
            RuntimeConfig = RuntimeConfig ?? "",
            Dependencies = Dependencies.Select(d => d.GetMetadata("FullPath")).Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToArray(),
            IdleTimeout = TimeSpan.FromSeconds(ServerIdleTimeout),
        };
        var clock = Stopwatch.StartNew();
        var engine = YieldDuringToolExecution ? BuildEngine as IBuildEngine3 : null;
        engine?.Yield();
        ServerProtocol.Response? response;
        string reason;
        try
        {
            response = client.TryRun(key => new ServerProtocol.Request(
                key, Path.GetFullPath(Assembly), LabArguments(), GetWorkingDirectory() ?? Directory.GetCurrentDirectory(), RunEnvironment()),
                out reason);
        }
        finally
        {
            engine?.Reacquire();
        }

        if (response is not { Ran: true })
        {
            var server = response is null ? "the build server" : $"the build server (process {response.ServerProcessId})";
            Log.LogMessage(MessageImportance.Low, $"GitOps: {server} did not run the lab ({reason}); running it in a new process.");
            return null;
        }

        Log.LogMessage(MessageImportance.Normal,
            $"GitOps: the build server (process {response.ServerProcessId}) ran {Assembly} --output {OutputDirectory} in {clock.ElapsedMilliseconds} ms");
        foreach (var (_, text) in response.Lines)
        {
            LogLine(text, MessageImportance.Normal);
        }

        if (response.ExitCode != 0)
        {
            LogFailureWithoutError(response.ExitCode);
            return false;
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>What a process started by this task would see: this process's environment and <see cref="ToolTask.EnvironmentVariables"/>.</summary>
    private List<KeyValuePair<string, string>> RunEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment[(string)variable.Key] = (string?)variable.Value ?? "";
        }

        foreach (var assignment in EnvironmentVariables ?? [])
        {
            var equals = assignment.IndexOf('=');
            if (equals > 0)
            {
                environment[assignment[..equals]] = assignment[(equals + 1)..];
            }
        }

        return environment.ToList();
    }

    /// <inheritdoc />
    protected override string? GetWorkingDirectory() =>
        string.IsNullOrEmpty(WorkingDirectory) ? base.GetWorkingDirectory() : WorkingDirectory;

    /// <inheritdoc />
    protected override bool ValidateParameters()
    {
        if (!File.Exists(Assembly))
        {
            Log.LogError(null, DiagnosticCodes.GeneratorAssemblyMissing, null, null, 0, 0, 0, 0,
                $"The lab assembly '{Assembly}' does not exist; build the project first (the generator runs after Build).");
            return false;
        }

        return true;
    }

    /// <inheritdoc />
    protected override string GenerateFullPathToTool()
    {
        if (!string.IsNullOrEmpty(DotNetHost) && File.Exists(DotNetHost))
        {
            return DotNetHost;
        }

        var fromPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, ToolName))
            .FirstOrDefault(File.Exists);
        return fromPath ?? ToolName;
    }

    /// <inheritdoc />
    protected override string GenerateCommandLineCommands()
    {
        var command = new CommandLineBuilder();
        command.AppendSwitch("exec");
        if (!string.IsNullOrEmpty(RuntimeConfig) && File.Exists(RuntimeConfig))
        {
            command.AppendSwitchIfNotNull("--runtimeconfig ", RuntimeConfig);
        }

        if (!string.IsNullOrEmpty(DepsFile) && File.Exists(DepsFile))
        {
            command.AppendSwitchIfNotNull("--depsfile ", DepsFile);
        }

        command.AppendFileNameIfNotNull(Assembly);
        command.AppendSwitchIfNotNull("--output ", OutputDirectory);
        command.AppendSwitchIfNotNull("--inputs ", string.IsNullOrEmpty(InputsFile) ? null : InputsFile);
        return command.ToString();
    }

    /// <summary>The lab's command line as the build server passes it (the same as the process's, after the assembly).</summary>
    private string[] LabArguments() =>
        string.IsNullOrEmpty(InputsFile) ? ["--output", OutputDirectory] : ["--output", OutputDirectory, "--inputs", InputsFile];

    /// <inheritdoc />
    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance) =>
        LogLine(singleLine, messageImportance);

    /// <summary>
    /// A canonical GITOPS line becomes an error or warning (at the unmapped file); the generator's summary line a
    /// high-importance message; any other line a message of <paramref name="messageImportance"/>.
    /// </summary>
    internal void LogLine(string singleLine, MessageImportance messageImportance)
    {
        if (CanonicalLine.Parse(singleLine) is not { } line)
        {
            Log.LogMessage(SummaryLine().IsMatch(singleLine) ? MessageImportance.High : messageImportance, singleLine);
            return;
        }

        var file = UnmapPath(line.File);
        if (line.IsError)
        {
            Log.LogError(null, line.Code, null, file, line.Line, line.Column, 0, 0, line.Message);
        }
        else
        {
            Log.LogWarning(null, line.Code, null, file, line.Line, line.Column, 0, 0, line.Message);
        }
    }

    /// <inheritdoc />
    protected override bool HandleTaskExecutionErrors()
    {
        LogFailureWithoutError(ExitCode);
        return false;
    }

    /// <summary>GITOPS230 for a generator that failed (<paramref name="exitCode"/>) but reported no error.</summary>
    private void LogFailureWithoutError(int exitCode)
    {
        if (!Log.HasLoggedErrors)
        {
            Log.LogError(null, DiagnosticCodes.GeneratorFailed, null, null, 0, 0, 0, 0,
                $"The lab generator '{Path.GetFileName(Assembly)}' exited with code {exitCode} without reporting an error. " +
                "Run it with 'dotnet run' to see its output, and check that Program.cs returns GitOps.GitOpsCli.Run(args, ...).");
        }
    }

    /// <summary>Maps a path the compiler rewrote with <see cref="PathMap"/> back to the original on this machine.</summary>
    internal string? UnmapPath(string? file)
    {
        if (string.IsNullOrEmpty(file) || string.IsNullOrEmpty(PathMap))
        {
            return file;
        }

        foreach (var entry in PathMap.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var original = entry[..equals];
            var mapped = entry[(equals + 1)..];
            if (mapped.Length > 0 && file.StartsWith(mapped, StringComparison.Ordinal))
            {
                return Path.Combine(original, file[mapped.Length..].Replace('/', Path.DirectorySeparatorChar));
            }
        }

        return file;
    }

    /// <summary>The line GitOpsCli prints after writing: <c>GitOps: &lt;folder&gt;: n written, n unchanged, n deleted</c>.</summary>
    [GeneratedRegex(@"^GitOps: .+: \d+ written, \d+ unchanged, \d+ deleted$", RegexOptions.CultureInvariant)]
    private static partial Regex SummaryLine();
}
