namespace GitOps.Diagnostics;

/// <summary>
/// One problem found in the model or while generating. <see cref="Path"/> is the place in the
/// model (<c>lab/networks/lan/gateway</c>) or in an emitted object; <see cref="File"/> and
/// <see cref="Line"/> point at the user's source when known (captured by the builders).
/// </summary>
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

    public override string ToString() => ToCanonicalString();
}

public enum DiagnosticSeverity
{
    Error,
    Warning,
}
