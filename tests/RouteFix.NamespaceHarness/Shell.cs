using System.Diagnostics;
using System.Text;

namespace RouteFix.NamespaceHarness;

/// <summary>The outcome of one finished process.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public ProcessResult EnsureSuccess() => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"`{Command}` exited {ExitCode}: {Stderr.Trim()} {Stdout.Trim()}".Trim());
}

/// <summary>Runs programs with arguments as a list (no shell), optional stdin and environment, and a time limit.</summary>
public static class Shell
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static ProcessResult Run(string file, IEnumerable<string> args, string? stdin = null, IReadOnlyDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var command = string.Join(' ', new[] { file }.Concat(start.ArgumentList));
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"`{command}` did not finish within {(timeout ?? DefaultTimeout).TotalSeconds} s");
        }

        process.WaitForExit();
        watch.Stop();
        return new ProcessResult(command, process.ExitCode, stdout.Result, stderr.Result, watch.Elapsed);
    }

    public static ProcessResult Run(string file, params string[] args) => Run(file, (IEnumerable<string>)args);

    /// <summary>`ip ARGS`, failing loudly.</summary>
    public static string Ip(params string[] args) => Run("ip", args).EnsureSuccess().Stdout;

    public static string? Which(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':').Concat(["/usr/sbin", "/sbin"]))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
