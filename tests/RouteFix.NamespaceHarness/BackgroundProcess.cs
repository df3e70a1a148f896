using System.Diagnostics;
using System.Text;

namespace RouteFix.NamespaceHarness;

/// <summary>A long-running helper (dnsmasq, the dhcp daemon) started by the harness and ended by it, by its own id.</summary>
public sealed class BackgroundProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public BackgroundProcess(string name, string file, IEnumerable<string> args)
    {
        Name = name;
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {name}");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Id => _process.Id;

    /// <summary>
    /// True once the process has exited and its redirected output has been read to the end (bounded: 5 s), so
    /// <see cref="Output"/> then holds everything it printed. <see cref="Process.HasExited"/> alone turns true
    /// before the asynchronous readers have drained the pipes; only the parameterless
    /// <see cref="Process.WaitForExit()"/> waits for them (Process.WaitForExit docs).
    /// </summary>
    public bool HasExited
    {
        get
        {
            if (!_process.HasExited)
            {
                return false;
            }

            Task.Run(() => _process.WaitForExit()).Wait(TimeSpan.FromSeconds(5));
            return true;
        }
    }

    /// <summary>The exit code once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(line).Append('\n');
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                if (!_process.WaitForExit(10_000))
                {
                    throw new InvalidOperationException($"{Name} (pid {_process.Id}) did not end");
                }
            }
        }
        catch (InvalidOperationException) when (_process.HasExited)
        {
            // Ended on its own meanwhile.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
