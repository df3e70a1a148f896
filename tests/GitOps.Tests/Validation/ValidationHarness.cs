using GitOps.Diagnostics;
using GitOps.Output;
using GitOps.Tests.Support;
using GitOps.Validation;

namespace GitOps.Tests.Validation;

/// <summary>Builds manifest sets from YAML text or files and runs the real validator on them.</summary>
internal static class ValidationHarness
{
    public static ManifestFile FileFromYaml(string relativePath, string yaml) =>
        new(relativePath, YamlText.Documents(yaml).Select(n => (object)n!).ToArray());

    /// <summary>
    /// A NetworkAttachmentDefinition <paramref name="name"/> in namespace default whose CNI list is named
    /// <paramref name="listName"/>: one bridge plugin (<paramref name="bridge"/>) with dhcp IPAM; <paramref name="listFields"/>
    /// is JSON text inserted among the list's fields (each ending with a comma).
    /// </summary>
    public static string BridgeDhcpNad(string name, string listName, string bridge = "cni0", string listFields = "") => $$$"""
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          name: {{{name}}}
          namespace: default
        spec:
          config: '{"cniVersion": "0.4.0", "name": "{{{listName}}}",{{{listFields}}} "plugins": [{"type": "bridge", "bridge": "{{{bridge}}}", "ipam": {"type": "dhcp"}}]}'
        """;

    public static IReadOnlyList<Diagnostic> ValidateYaml(string relativePath, string yaml, ManifestValidationOptions? options = null) =>
        ManifestValidator.Shared.Validate(new ManifestSet([FileFromYaml(relativePath, yaml)]), options ?? new ManifestValidationOptions());

    /// <summary>Validates <paramref name="yaml"/> and asserts exactly one problem, with <paramref name="code"/> at <paramref name="path"/>; returns it.</summary>
    public static Diagnostic OneProblem(string relativePath, string yaml, string code, string path, ManifestValidationOptions? options = null)
    {
        var problem = Xunit.Assert.Single(ValidateYaml(relativePath, yaml, options));
        Xunit.Assert.Equal(code, problem.Code);
        Xunit.Assert.Equal(path, problem.Path);
        return problem;
    }

    public static IReadOnlyList<Diagnostic> Validate(params ManifestFile[] files) =>
        ManifestValidator.Shared.Validate(new ManifestSet(files));

    public static IReadOnlyList<Diagnostic> Validate(string relativePath, params object[] objects) =>
        ManifestValidator.Shared.Validate(new ManifestSet([new ManifestFile(relativePath, objects)]));

    /// <summary>
    /// Kinds the project emits for which no schema exists in ../shared/upstream (so none is bundled): the
    /// validator warns (GITOPS305) and these tests accept exactly those warnings. A new kind without a schema
    /// fails the tests until it gets one or is listed here with the reason. Empty: every emitted kind has one.
    /// </summary>
    public static readonly IReadOnlySet<string> KnownUnvalidatedKinds = new HashSet<string>(StringComparer.Ordinal);

    public static IReadOnlyList<Diagnostic> WithoutKnownUnvalidatedKinds(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => !(d.Code == DiagnosticCodes.NoSchemaForKind && KnownUnvalidatedKinds.Any(k => d.Message.Contains($"no schema bundled for {k};", StringComparison.Ordinal)))).ToArray();

    public static string Show(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToCanonicalString()));
}
