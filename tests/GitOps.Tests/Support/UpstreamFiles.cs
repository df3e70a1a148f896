using Xunit;

namespace GitOps.Tests.Support;

/// <summary>
/// How a test reads an upstream file (<see cref="RepositoryPaths.Upstream"/>, pinned in tests/upstream-files.tsv):
/// when one is missing the test is skipped with the reason and the fetch command; with <c>GITOPS_REQUIRE_UPSTREAM=1</c>
/// it fails instead. <c>.ci/run</c> sets that when a copy of the upstream files is there (<c>GITOPS_UPSTREAM_DIR</c>,
/// <c>../shared/upstream</c> or a fetched <c>artifacts/upstream-cache</c>), so CI with the files never skips one, and a
/// clone without any copy (and without network to fetch one) passes with those tests skipped and named.
/// </summary>
internal static class UpstreamFiles
{
    /// <summary>Set to 1 (by <c>.ci/run</c> when a copy of the files is there): a missing upstream file fails instead of skipping.</summary>
    public const string RequireVariable = "GITOPS_REQUIRE_UPSTREAM";

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
