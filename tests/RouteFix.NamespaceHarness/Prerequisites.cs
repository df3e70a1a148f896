namespace RouteFix.NamespaceHarness;

/// <summary>What the namespace tests and the benchmark need on the machine, and why one is missing.</summary>
public static class Prerequisites
{
    /// <summary>CI sets this to 1: a missing prerequisite then fails the tests instead of skipping them.</summary>
    public const string RequireVariable = "GITOPS_REQUIRE_NAMESPACE_TESTS";

    /// <summary>Where Debian's containernetworking-plugins installs (override with CNI_PLUGIN_DIR).</summary>
    public static string PluginDirectory => Environment.GetEnvironmentVariable("CNI_PLUGIN_DIR") is { Length: > 0 } dir ? dir : "/usr/lib/cni";

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Null when everything is there; otherwise every missing piece, with the package that brings it.</summary>
    public static string? Missing(params string[] plugins)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces need Linux";
        }

        var problems = new List<string>();
        if (!IsRoot())
        {
            problems.Add("not root (namespaces, veths and setns need CAP_NET_ADMIN and CAP_SYS_ADMIN)");
        }

        foreach (var (tool, package) in new[] { ("ip", "iproute2"), ("dnsmasq", "dnsmasq-base"), ("tcpdump", "tcpdump") })
        {
            if (Shell.Which(tool) is null)
            {
                problems.Add($"{tool} missing (apt-get install {package})");
            }
        }

        foreach (var plugin in plugins)
        {
            if (!File.Exists(Path.Combine(PluginDirectory, plugin)))
            {
                problems.Add($"{PluginDirectory}/{plugin} missing (apt-get install containernetworking-plugins)");
            }
        }

        if (Environment.GetEnvironmentVariable(RouteFixBinary.Variable) is not { Length: > 0 } && Shell.Which("clang") is null)
        {
            problems.Add($"clang missing to publish route-fix with NativeAOT (apt-get install clang), or set {RouteFixBinary.Variable}");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static bool IsRoot()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                return line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0";
            }
        }

        return false;
    }
}
