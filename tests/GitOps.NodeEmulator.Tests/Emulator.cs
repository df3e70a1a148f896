using RouteFix.NamespaceHarness;

namespace GitOps.NodeEmulator.Tests;

internal static class Emulator
{
    /// <summary>Skips with the reason when a prerequisite is missing; with GITOPS_REQUIRE_NAMESPACE_TESTS=1 fails instead.</summary>
    public static void RequirePrerequisites()
    {
        var missing = EmulatorPrerequisites.Missing();
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
