using GitOps.Diagnostics;

namespace GitOps.Output;

/// <summary>The output folder could not be updated; carries coded diagnostics (GITOPS2xx). The folder is unchanged.</summary>
internal sealed class OutputException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics.Select(d => d.ToCanonicalString())))
{
    public OutputException(Diagnostic diagnostic)
        : this([diagnostic])
    {
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}
