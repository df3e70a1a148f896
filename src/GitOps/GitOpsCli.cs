using System.Diagnostics;
using System.Reflection;
using GitOps.Diagnostics;
using GitOps.Output;
using GitOps.Topology;

namespace GitOps;

/// <summary>
/// The command line of a lab project. A lab project is an executable whose Program.cs is
/// <c>return GitOps.GitOpsCli.Run(args, HomeLab.Build);</c>; the MSBuild task of
/// LabNetwork.GitOps.Build runs the built assembly after every build that changed it.
/// <code>
///   [--output &lt;dir&gt;]   folder to write (default: manifests, relative to the current directory)
///   [--check]          write nothing; exit 4 when the folder differs from what the model produces
///   [-h|--help]        print the usage and exit 0
/// </code>
/// Problems (errors, and warnings also when generation succeeds) are printed to stderr as MSBuild canonical lines
/// (<c>file(line): error GITOPSnnn: ...</c>), which the task turns into build errors and warnings. Exit codes: see
/// <see cref="ExitCodes"/>.
/// </summary>
public static class GitOpsCli
{
    /// <summary>The process exit codes of <c>Run</c>.</summary>
    public static class ExitCodes
    {
        /// <summary>The folder matches the model (written, or already up to date), or <c>--help</c> printed the usage.</summary>
        public const int Success = 0;

        /// <summary>The model is invalid or the lab code threw: nothing was written.</summary>
        public const int ModelFailed = 1;

        /// <summary>The command line is invalid.</summary>
        public const int Usage = 2;

        /// <summary>The output folder could not be updated: nothing was changed.</summary>
        public const int OutputFailed = 3;

        /// <summary><c>--check</c> found differences.</summary>
        public const int OutOfDate = 4;
    }

    /// <summary>
    /// Builds the lab, generates and checks every output file, then updates the output folder (or, with
    /// <c>--check</c>, compares it), printing to the console. When the console is redirected (as by the MSBuild
    /// task) its output encoding is set to UTF-8 without BOM.
    /// </summary>
    /// <param name="args">The process arguments: <c>[--output &lt;dir&gt;] [--check] [-h|--help]</c>.</param>
    /// <param name="build">Builds the lab, e.g. <c>HomeLab.Build</c>; a <see cref="LabValidationException"/> or any other
    /// exception it throws is reported, not rethrown.</param>
    /// <returns>One of <see cref="ExitCodes"/>.</returns>
    public static int Run(string[] args, Func<Lab> build)
    {
        if (Console.IsOutputRedirected || Console.IsErrorRedirected)
        {
            // Redirected (the MSBuild task reads it): UTF-8 on every OS, so non-ASCII paths survive.
            Console.OutputEncoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }

        return Run(args, build, Console.Out, Console.Error);
    }

    /// <summary>
    /// As <see cref="Run(string[], Func{Lab})"/>, writing the summary line to <paramref name="stdout"/> and every
    /// problem, as an MSBuild canonical line, to <paramref name="stderr"/> (for tests of a lab project).
    /// </summary>
    /// <param name="args">The process arguments: <c>[--output &lt;dir&gt;] [--check] [-h|--help]</c>; the output folder
    /// is relative to the current directory (default <c>manifests</c>).</param>
    /// <param name="build">Builds the lab; its exceptions are reported, not rethrown.</param>
    /// <param name="stdout">Receives the summary (<c>GitOps: &lt;dir&gt;: n written, n unchanged, n deleted</c>), or the
    /// usage for <c>--help</c>.</param>
    /// <param name="stderr">Receives errors and warnings.</param>
    /// <returns>One of <see cref="ExitCodes"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="args"/> or <paramref name="build"/> is null.</exception>
    public static int Run(string[] args, Func<Lab> build, TextWriter stdout, TextWriter stderr) =>
        Run(args, build, stdout, stderr, LabGenerator.GenerateWithWarnings);

    /// <summary>As the public overload, with the generation step given (tests: a step that also warns).</summary>
    internal static int Run(string[] args, Func<Lab> build, TextWriter stdout, TextWriter stderr, Func<Lab, GeneratedLab> generate)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (ParseArguments(args, stderr) is not { } options)
        {
            return ExitCodes.Usage;
        }

        if (options.Help)
        {
            stdout.Write(Usage);
            return ExitCodes.Success;
        }

        GeneratedLab generated;
        GitOpsSettings? gitOps;
        IReadOnlyList<string> inputFiles;
        try
        {
            var lab = build() ?? throw new LabValidationException([new Diagnostic(
                DiagnosticCodes.LabBuildReturnedNull, DiagnosticSeverity.Error, "lab",
                "the build function passed to GitOpsCli.Run returned null; return the lab it builds")]);
            (gitOps, inputFiles) = (lab.GitOps, lab.InputFiles); // what the write needs of the model, so the model is not kept
            generated = generate(lab);
            Print(stderr, generated.Warnings);
        }
        catch (LabValidationException e)
        {
            Print(stderr, e.Diagnostics);
            return ExitCodes.ModelFailed;
        }
        catch (Exception e)
        {
            stderr.Write(DescribeLabCodeException(e));
            return ExitCodes.ModelFailed;
        }

        try
        {
            LabGenerator.CollectLargeSet(generated.Rendered.Count);
            // One run at a time updates a folder; an update an earlier run did not finish is undone before this one plans
            // (--check only reads, and reports one as GITOPS216).
            var root = Path.GetFullPath(options.Output);
            using var folderLock = OutputWriter.Lock(root, write: !options.Check, out var recovered);
            Print(stderr, recovered);
            var plan = OutputWriter.Plan(root, generated.Rendered);
            Print(stderr, RepositoryPathMismatch(gitOps, plan.Root));
            if (options.Check)
            {
                return ReportCheck(plan, stdout, stderr);
            }

            var written = ReportWrite(OutputWriter.Apply(plan), plan.Root, stdout, stderr);
            if (options.Inputs is not null)
            {
                WriteInputs(options.Inputs, inputFiles);
            }

            return written;
        }
        catch (OutputException e)
        {
            // A problem with a produced path (GITOPS201/202) points at the element it came from; one with a file on
            // disk keeps that file.
            Print(stderr, generated.Sources.Locate(e.Diagnostics));
            return ExitCodes.OutputFailed;
        }
    }

    /// <summary>
    /// <c>--inputs</c>: the files the lab read when it ran, one full path per line (sorted, LF), written once the output
    /// folder is up to date. The MSBuild task reads them back as the generator's inputs, so a change to one of them alone
    /// reruns the generator without a <c>GitOpsInput</c> item (as a compiler's dependency file). Only rewritten when
    /// the list changed.
    /// </summary>
    /// <exception cref="OutputException">The file could not be written (GITOPS206).</exception>
    private static void WriteInputs(string path, IReadOnlyList<string> files)
    {
        var text = string.Concat(files.Select(f => f + "\n"));
        try
        {
            if (!File.Exists(path) || File.ReadAllText(path) != text)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                File.WriteAllText(path, text);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(new Diagnostic(DiagnosticCodes.OutputIoFailed, DiagnosticSeverity.Error, "command line",
                $"the output folder is up to date, but writing the list of files the lab read to '{path}' (--inputs) failed: " +
                $"{e.Message.TrimEnd('.')}; check that its folder is writable, then build again", path));
        }
    }

    /// <summary>
    /// GITOPS209 when the output folder lies in a git working tree at another path than the lab's
    /// <c>.Repository(path: ...)</c>, which Fleet's GitRepo and Flux's Kustomizations read; nothing when the lab has no
    /// GitOps section or the folder is in no git working tree (nothing to compare with).
    /// </summary>
    internal static IReadOnlyList<Diagnostic> RepositoryPathMismatch(GitOpsSettings? gitOps, string outputRoot)
    {
        if (gitOps is null || GitWorkingTree(outputRoot) is not { } tree)
        {
            return [];
        }

        var relative = Path.GetRelativePath(tree, outputRoot).Replace('\\', '/');
        var expected = gitOps.Repository.Path.Trim('/');
        if (string.Equals(relative, expected.Length == 0 ? "." : expected, StringComparison.Ordinal))
        {
            return [];
        }

        return [new Diagnostic(DiagnosticCodes.OutputNotRepositoryPath, DiagnosticSeverity.Warning, "lab/gitops/repository/path",
            $"the manifests are written to '{relative}' of the git repository at {tree}, but .Repository(path: \"{gitOps.Repository.Path}\") " +
            $"tells Fleet and Flux to read '{gitOps.Repository.Path}', where these manifests will not be; point GitOpsOutputDirectory (or --output) " +
            $"at '{gitOps.Repository.Path}' in the repository, or set path: \"{relative}\"",
            gitOps.Source.File, gitOps.Source.Line)];
    }

    /// <summary>The nearest folder at or above <paramref name="folder"/> (which need not exist yet) holding <c>.git</c> (a
    /// folder, or a file in a worktree or submodule), or null.</summary>
    private static string? GitWorkingTree(string folder)
    {
        for (var current = Path.GetFullPath(folder); current is not null; current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(Path.Combine(current, ".git")) || File.Exists(Path.Combine(current, ".git")))
            {
                return current;
            }
        }

        return null;
    }

    private static int ReportWrite(OutputResult result, string root, TextWriter stdout, TextWriter stderr)
    {
        Print(stderr, result.Warnings);
        stdout.WriteLine($"GitOps: {root}: {result.Written} written, {result.Unchanged} unchanged, {result.Deleted} deleted");
        return ExitCodes.Success;
    }

    private static int ReportCheck(OutputPlan plan, TextWriter stdout, TextWriter stderr)
    {
        Print(stderr, plan.Warnings);
        if (plan.IsUpToDate)
        {
            stdout.WriteLine($"GitOps: {plan.Root}: up to date ({plan.Owned.Count} files)");
            return ExitCodes.Success;
        }

        var changes = plan.Writes.Select(w => (w.RelativePath, w.Exists ? "the file differs from the model" : "the model produces this file, but the output folder does not have it"))
            .Concat(plan.Deletes.Select(d => (RelativePath: d, "the file is no longer produced by the model")))
            .OrderBy(c => c.RelativePath, StringComparer.Ordinal);
        foreach (var (relativePath, what) in changes)
        {
            stderr.WriteLine(new Diagnostic(DiagnosticCodes.OutputOutOfDate, DiagnosticSeverity.Error, "output/" + relativePath,
                $"{what}; run 'dotnet build' and commit the output folder",
                OutputPath.ToFullPath(plan.Root, relativePath)).ToCanonicalString());
        }

        return ExitCodes.OutOfDate;
    }

    /// <summary>What <c>--help</c> prints (also named in the GITOPS211 usage error).</summary>
    internal const string Usage = """
        Usage: <lab project> [--output <dir>] [--check] [--inputs <file>] [-h|--help]
        Writes the lab's manifests (LabNetwork.GitOps). `dotnet build` of the lab project runs this after every
        build that changed the lab (LabNetwork.GitOps.Build); `dotnet run -- <options>` runs it by hand.

          --output <dir>  folder to write (default: manifests, relative to the current folder). Only files listed in
                          <dir>/.gitops-owned.txt are replaced or deleted; all or nothing.
          --check         write nothing; exit 4 when the folder differs from what the model produces (for CI)
          --inputs <file> after writing, list in <file> the files the lab read (a workload's .YamlFile), one full
                          path per line: the MSBuild task reruns the generator when one of them changes
          -h, --help      print this usage and exit 0

        Problems are printed to stderr as 'file(line): error|warning GITOPSnnn: message'.
        Exit codes: 0 written or up to date, 1 the model is invalid or the lab code threw (nothing written),
        2 invalid command line, 3 the output folder could not be updated (nothing changed), 4 --check found differences.

        """;

    private static Options? ParseArguments(string[] args, TextWriter stderr)
    {
        var output = "manifests";
        var check = false;
        string? inputs = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    return new Options(output, check, inputs, Help: true);
                case "--output" when i + 1 < args.Length && args[i + 1].Length > 0:
                    output = args[++i];
                    break;
                case "--check":
                    check = true;
                    break;
                case "--inputs" when i + 1 < args.Length && args[i + 1].Length > 0:
                    inputs = args[++i];
                    break;
                default:
                    stderr.WriteLine(new Diagnostic(DiagnosticCodes.CommandLineInvalid, DiagnosticSeverity.Error, "command line",
                        $"unexpected argument '{args[i]}'; usage: [--output <dir>] [--check] [--inputs <file>] (--help explains them)").ToCanonicalString());
                    return null;
            }
        }

        return new Options(output, check, inputs, Help: false);
    }

    /// <summary>
    /// One canonical error at the user's deepest stack frame that has a source file (the user's
    /// assembly ships a portable PDB), then the exception's full text for detail.
    /// </summary>
    internal static string DescribeLabCodeException(Exception exception)
    {
        var inner = exception;
        while (inner is TargetInvocationException or TypeInitializationException or AggregateException && inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var frame = UserFrame(inner);
        var message = $"the lab code threw {inner.GetType().FullName}: {inner.Message}";
        var diagnostic = new Diagnostic(DiagnosticCodes.LabCodeThrew, DiagnosticSeverity.Error,
            frame is not null && DiagnosticMethodInfo.Create(frame) is { } method ? Describe(method) : "lab",
            message.ReplaceLineEndings(" "),
            frame?.GetFileName(),
            frame?.GetFileLineNumber() ?? 0);
        var details = string.Join('\n', exception.ToString().ReplaceLineEndings("\n").Split('\n').Select(line => "  " + line));
        return diagnostic.ToCanonicalString() + "\n" + details + "\n";
    }

    /// <summary>The deepest frame, innermost exception first, in code that is neither this library nor the framework.</summary>
    private static StackFrame? UserFrame(Exception exception)
    {
        var library = typeof(GitOpsCli).Assembly.FullName;
        var chain = new List<Exception>();
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            chain.Add(current);
        }

        foreach (var current in Enumerable.Reverse(chain))
        {
            var frame = new StackTrace(current, fNeedFileInfo: true).GetFrames()
                .FirstOrDefault(f => f.GetFileName() is not null && DiagnosticMethodInfo.Create(f)?.DeclaringAssemblyName != library);
            if (frame is not null)
            {
                return frame;
            }
        }

        return null;
    }

    /// <summary>The method as the user wrote it: <c>HomeLab.Build</c>, also for lambdas and local functions inside it.</summary>
    private static string Describe(DiagnosticMethodInfo method)
    {
        // DiagnosticMethodInfo, not StackFrame.GetMethod: the same names without reflection metadata (trim- and AOT-safe).
        var type = method.DeclaringTypeName.Split('+').ToList();
        while (type.Count > 1 && type[^1].StartsWith('<'))
        {
            type.RemoveAt(type.Count - 1); // closure classes such as <>c and <>c__DisplayClass0_0
        }

        var name = method.Name;
        if (name.StartsWith('<') && name.IndexOf('>') is var end and > 1)
        {
            name = name[1..end]; // <Build>b__0_0 (lambda) and <Build>g__Local|0_0 (local function) → Build
        }

        return method.DeclaringTypeName.Length == 0 ? name : $"{string.Join('.', type)}.{name}";
    }

    private static void Print(TextWriter writer, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            writer.WriteLine(diagnostic.ToCanonicalString());
        }
    }

    private sealed record Options(string Output, bool Check, string? Inputs, bool Help);
}
