using GitOps.Diagnostics;
using GitOps.Output;
using GitOps.Tests.Support;
using GitOps.Validation;

namespace GitOps.Tests.Validation;

/// <summary>Builds manifest sets from YAML text or files and runs the real validator on them.</summary>
internal static class ValidationHarness
{
    public static ManifestFile FileFromYaml(string relativePath, string yaml) =>
        new(relativePath, YamlToJson.Documents(yaml).Select(n => (object)n!).ToArray());

    public static IReadOnlyList<Diagnostic> ValidateYaml(string relativePath, string yaml, ManifestValidationOptions? options = null) =>
        ManifestValidator.Shared.Validate(new ManifestSet([FileFromYaml(relativePath, yaml)]), options ?? new ManifestValidationOptions());

    public static IReadOnlyList<Diagnostic> Validate(params ManifestFile[] files) =>
        ManifestValidator.Shared.Validate(new ManifestSet(files));

    public static IReadOnlyList<Diagnostic> Validate(string relativePath, params object[] objects) =>
        ManifestValidator.Shared.Validate(new ManifestSet([new ManifestFile(relativePath, objects)]));

    public static string Show(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToCanonicalString()));
}
