using RouteFix.NamespaceHarness;

namespace RouteFix.IntegrationTests;

internal static class NamespaceTest
{
    /// <summary>Skips with the reason when a prerequisite is missing; in CI (GITOPS_REQUIRE_NAMESPACE_TESTS=1) fails instead.</summary>
    public static void RequirePrerequisites()
    {
        var missing = Prerequisites.Missing("bridge", "dhcp", "host-local");
        if (missing is null)
        {
            return;
        }

        if (Prerequisites.Required)
        {
            Assert.Fail($"{Prerequisites.RequireVariable}=1 but a namespace test prerequisite is missing: {missing}");
        }

        Assert.Skip("namespace test prerequisites missing: " + missing);
    }

    public static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
