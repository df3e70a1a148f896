using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GitOps.Build.Tests;

/// <summary>
/// The generator build servers a test started, found by the process id the task logs
/// (<c>GitOps: the build server (process N) ran ...</c>), ended and their folders removed on dispose, also when the
/// test failed: no server outlives the test run.
/// </summary>
internal sealed partial class BuildServerProcesses : IDisposable
{
    private readonly HashSet<int> seen = [];

    /// <summary>
    /// The ids of the servers that ran the lab in <paramref name="log"/>, in order. Each is ended on dispose, as is a
    /// server that declined a run (<c>GitOps: the build server (process N) did not run the lab ...</c>).
    /// </summary>
    public IReadOnlyList<int> Track(string log)
    {
        var matches = ServerLine().Matches(log);
        lock (seen)
        {
            seen.UnionWith(matches.Select(Id));
        }

        return matches.Where(m => m.Groups[2].Value == "ran").Select(Id).ToArray();
    }

    /// <summary>Whether <paramref name="id"/> is a running build server (not another process that got its id).</summary>
    public static bool IsRunning(int id) => CommandLine(id)?.Contains("GitOps.Build.Server.dll", StringComparison.Ordinal) == true;

    /// <summary>The server's folder (its working directory: the copy of the server assembly and its lock file).</summary>
    public static string? Folder(int id)
    {
        try
        {
            return new DirectoryInfo($"/proc/{id}/cwd").ResolveLinkTarget(returnFinalTarget: false)?.FullName;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        int[] ids;
        lock (seen)
        {
            ids = seen.ToArray();
        }

        foreach (var id in ids)
        {
            if (!IsRunning(id))
            {
                continue;
            }

            var folder = Folder(id);
            try
            {
                using var process = Process.GetProcessById(id);
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // It exited on its own in the meantime.
            }

            if (folder is not null && folder.Contains("build-server", StringComparison.Ordinal) && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string? CommandLine(int id)
    {
        try
        {
            return File.ReadAllText($"/proc/{id}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static int Id(Match match) => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"GitOps: the build server \(process (\d+)\) (ran|did not run) ")]
    private static partial Regex ServerLine();
}
