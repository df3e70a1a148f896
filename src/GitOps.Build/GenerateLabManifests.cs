using System.Text;
using System.Text.RegularExpressions;
using GitOps.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GitOps.Build;

/// <summary>
/// Runs a built lab project out of process — <c>dotnet exec &lt;Assembly&gt; --output &lt;OutputDirectory&gt;</c> —
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
    public override bool Execute() => base.Execute() && !Log.HasLoggedErrors;

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
        return command.ToString();
    }

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
        if (!Log.HasLoggedErrors)
        {
            Log.LogError(null, DiagnosticCodes.GeneratorFailed, null, null, 0, 0, 0, 0,
                $"The lab generator '{Path.GetFileName(Assembly)}' exited with code {ExitCode} without reporting an error. " +
                "Run it with 'dotnet run' to see its output, and check that Program.cs returns GitOps.GitOpsCli.Run(args, ...).");
        }

        return false;
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
