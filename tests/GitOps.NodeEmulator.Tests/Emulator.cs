using RouteFix.NamespaceHarness;

namespace GitOps.NodeEmulator.Tests;

internal static class Emulator
{
    /// <summary>Skips with the reason when a prerequisite is missing; with GITOPS_REQUIRE_NAMESPACE_TESTS=1 fails instead.</summary>
    public static void RequirePrerequisites()
    {
        var missing = new List<string>();
        if (Prerequisites.Missing("bridge", "dhcp", "host-local") is { } m)
        {
            missing.Add(m);
        }

        foreach (var (tool, package) in new[] { ("runc", "runc"), ("busybox", "busybox-static"), ("umoci", "umoci"), ("mount", "mount") })
        {
            if (Shell.Which(tool) is null)
            {
                missing.Add($"{tool} missing (apt-get install {package})");
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        if (Prerequisites.Required)
        {
            Assert.Fail($"{Prerequisites.RequireVariable}=1 but a node emulator prerequisite is missing: {string.Join("; ", missing)}");
        }

        Assert.Skip("node emulator prerequisites missing: " + string.Join("; ", missing));
    }

    public static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
