using GitOps.Output;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>
/// The committed output validates: every YAML file under &lt;repo&gt;/manifests is read back (as kubectl would)
/// and put through the validator, so any object a new emitter adds is covered without touching this test.
/// </summary>
public sealed class ManifestsFolderValidatesTests
{
    [Fact]
    public void Every_committed_manifest_validates()
    {
        Assert.True(Directory.Exists(RepositoryPaths.Manifests), $"{RepositoryPaths.Manifests} does not exist.");
        var yamlFiles = Directory.EnumerateFiles(RepositoryPaths.Manifests, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Where(f => !Path.GetRelativePath(RepositoryPaths.Manifests, f).StartsWith("hosts", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.NotEmpty(yamlFiles);

        var files = yamlFiles.Select(f => ValidationHarness.FileFromYaml(
            Path.GetRelativePath(RepositoryPaths.Root, f).Replace('\\', '/'), File.ReadAllText(f))).ToArray();
        Assert.All(files, f => Assert.NotEmpty(f.Objects));

        var diagnostics = ValidationHarness.WithoutKnownUnvalidatedKinds(GitOps.Validation.ManifestValidator.Shared.Validate(new ManifestSet(files)));

        Assert.True(diagnostics.Count == 0, ValidationHarness.Show(diagnostics));
    }
}
