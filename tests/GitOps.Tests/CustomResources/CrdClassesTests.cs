using GitOps.Tests.Support;
using GitOps.Tests.Validation.SchemaBundle;
using Xunit;

namespace GitOps.Tests.CustomResources;

/// <summary>
/// The custom-resource classes (<c>src/GitOps/**/*.g.cs</c>) are generated from the schema bundle the validator
/// uses and must never drift from it. Regenerate with
/// <c>GITOPS_UPDATE_SCHEMAS=1 dotnet test tests/GitOps.Tests --filter "FullyQualifiedName~SchemaBundle|FullyQualifiedName~CrdClasses"</c>
/// (one run updates the bundle and the classes made from it).
/// </summary>
public sealed class CrdClassesTests
{
    [Fact]
    public void Committed_classes_equal_a_fresh_generation_from_the_bundle()
    {
        UpstreamFiles.Require(CrdClassSelection.Kinds.Select(k => k.CrdFile));
        var update = Environment.GetEnvironmentVariable("GITOPS_UPDATE_SCHEMAS") == "1";

        // Updating, from the bundle SchemaBundleTests writes in the same run (test classes run in any order);
        // checking, from the committed bundle the validator embeds (SchemaBundleTests holds it to upstream).
        UpstreamFiles.Require(update ? SchemaBundleGenerator.InputFiles : []);
        var bundle = update
            ? SchemaBundleGenerator.Generate(RepositoryPaths.Upstream)
            : File.ReadAllText(RepositoryPaths.In(CrdClassGenerator.BundleFile.Split('/')));
        var generated = CrdClassGenerator.Generate(bundle, RepositoryPaths.Upstream, CrdClassSelection.Kinds);
        var stale = new List<string>();
        foreach (var (path, text) in generated)
        {
            var file = RepositoryPaths.In(path.Split('/'));
            if (update)
            {
                File.WriteAllText(file, text);
            }

            if (!File.Exists(file) || File.ReadAllText(file) != text)
            {
                stale.Add(path);
            }
        }

        Assert.True(stale.Count == 0, $"{string.Join(", ", stale)} out of date with {CrdClassGenerator.BundleFile}; run the tests with GITOPS_UPDATE_SCHEMAS=1 and commit the result.");
    }

    [Fact]
    public void Every_generated_file_is_one_the_generator_writes()
    {
        var expected = CrdClassSelection.Kinds.Select(k => "src/GitOps/" + k.OutputFile).Order(StringComparer.Ordinal);
        var committed = Directory.EnumerateFiles(RepositoryPaths.In("src", "GitOps"), "*.g.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, committed);
    }

    [Fact]
    public void A_field_the_schema_lacks_is_refused_naming_kind_and_field()
    {
        UpstreamFiles.Require(CrdClassSelection.Kinds.Select(k => k.CrdFile));
        var bundle = File.ReadAllText(RepositoryPaths.In(CrdClassGenerator.BundleFile.Split('/')));
        var helmChart = CrdClassSelection.Kinds.Single(k => k.Kind == "HelmChart");
        var typo = helmChart with { Objects = [.. helmChart.Objects.Select(o => o.Path == "spec" ? o with { Fields = [.. o.Fields, new("valueContent", Presence.Optional)] } : o)] };

        var error = Assert.Throws<InvalidDataException>(() => CrdClassGenerator.Generate(bundle, RepositoryPaths.Upstream, [typo]));

        Assert.Contains("helm.cattle.io/v1/HelmChart spec.valueContent", error.Message);
    }

    [Fact]
    public void A_type_the_schema_contradicts_is_refused()
    {
        UpstreamFiles.Require(CrdClassSelection.Kinds.Select(k => k.CrdFile));
        var bundle = File.ReadAllText(RepositoryPaths.In(CrdClassGenerator.BundleFile.Split('/')));
        var helmChart = CrdClassSelection.Kinds.Single(k => k.Kind == "HelmChart");
        var wrong = helmChart with { Objects = [.. helmChart.Objects.Select(o => o.Path == "spec" ? o with { Fields = [new("bootstrap", Presence.Required, CrdClassSelection.EmbeddedYaml)] } : o)] };

        var error = Assert.Throws<InvalidDataException>(() => CrdClassGenerator.Generate(bundle, RepositoryPaths.Upstream, [wrong]));

        Assert.Contains("spec.bootstrap: EmbeddedYaml is written as a string, the schema says boolean", error.Message);
    }

    [Fact]
    public void A_default_outside_the_schemas_enum_is_refused()
    {
        UpstreamFiles.Require(CrdClassSelection.Kinds.Select(k => k.CrdFile));
        var bundle = File.ReadAllText(RepositoryPaths.In(CrdClassGenerator.BundleFile.Split('/')));
        var installation = CrdClassSelection.Kinds.Single(k => k.Kind == "Installation");
        var wrong = installation with { Objects = [.. installation.Objects.Select(o => o.Path == "spec" ? o with { Fields = [new("variant", Presence.Always, Default: "\"Enterprise\"")] } : o)] };

        var error = Assert.Throws<InvalidDataException>(() => CrdClassGenerator.Generate(bundle, RepositoryPaths.Upstream, [wrong]));

        Assert.Contains("spec.variant: the default \"Enterprise\" is not one of the schema's values", error.Message);
    }

    [Fact]
    public void A_field_the_schema_requires_must_be_set_by_the_lab()
    {
        UpstreamFiles.Require(CrdClassSelection.Kinds.Select(k => k.CrdFile));
        var bundle = File.ReadAllText(RepositoryPaths.In(CrdClassGenerator.BundleFile.Split('/')));
        var kustomization = CrdClassSelection.Kinds.Single(k => k.Kind == "Kustomization");
        var optionalPrune = kustomization with
        {
            Objects = [.. kustomization.Objects.Select(o => o.Path == "spec" ? o with { Fields = [.. o.Fields.Select(f => f.JsonName == "prune" ? f with { Presence = Presence.Optional } : f)] } : o)],
        };

        var error = Assert.Throws<InvalidDataException>(() => CrdClassGenerator.Generate(bundle, RepositoryPaths.Upstream, [optionalPrune]));

        Assert.Contains("kustomize.toolkit.fluxcd.io/v1/Kustomization spec.prune: the schema requires it", error.Message);
    }
}
