namespace GitOps.Diagnostics;

/// <summary>Thrown when the model or its output has errors; carries every one of them, not only the first.</summary>
public sealed class LabValidationException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(FormatMessage(diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    private static string FormatMessage(IReadOnlyList<Diagnostic> diagnostics) =>
        $"The lab model has {diagnostics.Count} problem(s):" + Environment.NewLine +
        string.Join(Environment.NewLine, diagnostics.Select(d => "  " + d.ToCanonicalString()));
}
