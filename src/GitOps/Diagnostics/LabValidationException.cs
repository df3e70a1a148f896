namespace GitOps.Diagnostics;

/// <summary>Thrown when the model or its output has errors; carries every one of them, not only the first.</summary>
/// <param name="diagnostics">Every problem found, in the order found; the message lists them as canonical lines.</param>
public sealed class LabValidationException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(FormatMessage(diagnostics))
{
    /// <summary>Every problem found (errors and the warnings found with them), never empty when thrown by the library.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    private static string FormatMessage(IReadOnlyList<Diagnostic> diagnostics) =>
        $"The lab model has {diagnostics.Count} problem(s):" + Environment.NewLine +
        string.Join(Environment.NewLine, diagnostics.Select(d => "  " + d.ToCanonicalString()));
}
