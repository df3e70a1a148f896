using GitOps.Tests.Support;
using Xunit;

namespace GitOps.Tests.Validation.SchemaBundle;

/// <summary>
/// The shipped schema bundle is generated from the pinned upstream files and must never drift from it.
/// Regenerate with <c>GITOPS_UPDATE_SCHEMAS=1 dotnet test tests/GitOps.Tests -- --filter-class "*SchemaBundleTests"</c>.
/// </summary>
public sealed class SchemaBundleTests
{
    [Fact]
    public void Committed_bundle_equals_a_fresh_generation_from_upstream()
    {
        UpstreamFiles.Require(SchemaBundleGenerator.InputFiles);
        var generated = SchemaBundleGenerator.Generate(RepositoryPaths.Upstream);
        if (Environment.GetEnvironmentVariable("GITOPS_UPDATE_SCHEMAS") == "1")
        {
            File.WriteAllText(RepositoryPaths.In("src", "GitOps", "Validation", "Schemas", "kubernetes.schema.json"), generated);
        }

        Assert.True(File.Exists(RepositoryPaths.In("src", "GitOps", "Validation", "Schemas", "kubernetes.schema.json")), $"{RepositoryPaths.In("src", "GitOps", "Validation", "Schemas", "kubernetes.schema.json")} is missing; run with GITOPS_UPDATE_SCHEMAS=1 to create it.");
        var committed = File.ReadAllText(RepositoryPaths.In("src", "GitOps", "Validation", "Schemas", "kubernetes.schema.json"));
        Assert.True(
            committed == generated,
            "src/GitOps/Validation/Schemas/kubernetes.schema.json is out of date with ../shared/upstream; run the tests with GITOPS_UPDATE_SCHEMAS=1 and commit the result.");
    }
}
