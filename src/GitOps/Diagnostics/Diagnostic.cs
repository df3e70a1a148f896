namespace GitOps.Diagnostics;

/// <summary>
/// One problem found in the model or while generating. <see cref="Path"/> is the place in the
/// model (<c>lab/networks/lan/gateway</c>) or in an emitted object; <see cref="File"/> and
/// <see cref="Line"/> point at the user's source when known (captured by the builders).
/// </summary>
/// <param name="Code">The stable code, <c>GITOPSnnn</c> (see <see cref="DiagnosticCodes"/>); a code never changes meaning once released.</param>
/// <param name="Severity">Whether the problem stops generation (<see cref="DiagnosticSeverity.Error"/>) or is only reported.</param>
/// <param name="Path">Where the problem is: a model path (<c>lab/networks/lan/gateway</c>) or an output file and JSON path
/// (<c>calico/installation-default.yaml#/spec/calicoNetwork/bgp</c>).</param>
/// <param name="Message">What is wrong, with the value and the fix, in one line.</param>
/// <param name="File">The user's C# file (model errors, captured by the builders) or the output file; null when unknown.</param>
/// <param name="Line">The 1-based line in <paramref name="File"/>; 0 when unknown.</param>
public sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string Path,
    string Message,
    string? File = null,
    int Line = 0)
{
    /// <summary>
    /// The canonical line MSBuild's <c>ToolTask</c> turns into a real error or warning:
    /// <c>file(line): error GITOPS101: path: message</c>.
    /// </summary>
    public string ToCanonicalString()
    {
        var origin = File is null ? "GitOps" : Line > 0 ? $"{File}({Line})" : File;
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return $"{origin}: {severity} {Code}: {Path}: {Message}";
    }

    /// <summary>The same text as <see cref="ToCanonicalString"/>.</summary>
    public override string ToString() => ToCanonicalString();
}

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Generation stops and nothing is written; the build fails.</summary>
    Error,

    /// <summary>Reported (as an MSBuild warning), generation goes on.</summary>
    Warning,
}
