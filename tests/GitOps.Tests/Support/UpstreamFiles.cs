using Xunit;

namespace GitOps.Tests.Support;

/// <summary>
/// How a test reads an upstream file (<see cref="RepositoryPaths.Upstream"/>, pinned in tests/upstream-files.tsv):
/// when one is missing the test is skipped with the reason and the fetch command; with
/// <c>GITOPS_REQUIRE_NAMESPACE_TESTS=1</c> (CI, <c>.ci/run</c>) it fails instead, as a missing namespace-test
/// prerequisite does.
/// </summary>
internal static class UpstreamFiles
{
    /// <summary>CI sets this to 1: a missing prerequisite (here: an upstream file) fails instead of skipping.</summary>
    public const string RequireVariable = "GITOPS_REQUIRE_NAMESPACE_TESTS";

    /// <summary>The full path of the pinned upstream file <paramref name="name"/> (e.g. <c>networks-crd.yaml</c>).</summary>
    public static string Path(string name)
    {
        Require(name);
        return System.IO.Path.Combine(RepositoryPaths.Upstream, name);
    }

    /// <summary>The text of the pinned upstream file <paramref name="name"/>.</summary>
    public static string Read(string name) => File.ReadAllText(Path(name));

    /// <summary>Skips (or, in CI, fails) the test unless every pinned file below <paramref name="folder"/> is there.</summary>
    public static void RequireFolder(string folder) =>
        Require(RepositoryPaths.UpstreamPins.Select(p => p.Path).Where(p => p.StartsWith(folder + "/", StringComparison.Ordinal)));

    /// <summary>Skips (or, in CI, fails) the test unless every named pinned file is there.</summary>
    public static void Require(params IEnumerable<string> names)
    {
        var missing = RepositoryPaths.MissingUpstream(names);
        if (missing is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{RequireVariable}=1 but {missing}");
        }

        Assert.Skip(missing);
    }
}
