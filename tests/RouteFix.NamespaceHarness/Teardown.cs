namespace RouteFix.NamespaceHarness;

/// <summary>
/// The one cleanup of what a namespace test started: its background processes (last started, first ended), its
/// network namespaces, its temporary folder; then a check that no namespace with its prefix is left. Every step
/// runs even when an earlier one failed; the problems are thrown together at the end.
/// </summary>
public static class Teardown
{
    /// <exception cref="InvalidOperationException">Something could not be cleaned up; the message lists every problem.</exception>
    public static void Run(IReadOnlyList<BackgroundProcess> processes, IReadOnlyList<string> namespaces, string tempDirectory, string namespacePrefix)
    {
        var problems = new List<string>();
        foreach (var process in Enumerable.Reverse(processes))
        {
            try
            {
                process.Dispose();
            }
            catch (Exception e)
            {
                problems.Add(e.Message);
            }
        }

        foreach (var ns in Enumerable.Reverse(namespaces))
        {
            var result = Shell.Run("ip", "netns", "del", ns);
            if (result.ExitCode != 0 && !result.Stderr.Contains("No such file", StringComparison.Ordinal))
            {
                problems.Add($"ip netns del {ns}: {result.Stderr.Trim()}");
            }
        }

        try
        {
            Directory.Delete(tempDirectory, recursive: true);
        }
        catch (IOException e)
        {
            problems.Add(e.Message);
        }

        var left = Shell.Run("ip", "netns", "list").Stdout.Split('\n').Where(l => l.Contains(namespacePrefix, StringComparison.Ordinal)).ToList();
        if (left.Count > 0)
        {
            problems.Add("namespaces left: " + string.Join(", ", left));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("cleanup: " + string.Join("; ", problems));
        }
    }
}
