using GitOps.Diagnostics;

namespace GitOps.Topology;

/// <summary>Collects every model problem (not only the first) and throws them together.</summary>
internal sealed class ModelErrors
{
    private readonly List<Diagnostic> _items = [];

    public bool HasErrors => _items.Count > 0;

    /// <summary>A model error: the code, the model path, the message and the user's file and line (no file when unknown).</summary>
    public static Diagnostic Error(string code, string path, string message, SourceLocation source) =>
        new(code, DiagnosticSeverity.Error, path, message, string.IsNullOrEmpty(source.File) ? null : source.File, source.Line);

    public void Add(string code, string path, string message, SourceLocation source) => _items.Add(Error(code, path, message, source));

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    public void ThrowIfAny()
    {
        if (_items.Count > 0)
        {
            throw new LabValidationException(_items.ToArray());
        }
    }
}
