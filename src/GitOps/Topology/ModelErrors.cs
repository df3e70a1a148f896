using GitOps.Diagnostics;

namespace GitOps.Topology;

/// <summary>Collects every model problem (not only the first) and throws them together.</summary>
internal sealed class ModelErrors
{
    private readonly List<Diagnostic> _items = [];

    public bool HasErrors => _items.Count > 0;

    public void Add(string code, string path, string message, SourceLocation source) =>
        _items.Add(new Diagnostic(code, DiagnosticSeverity.Error, path, message,
            string.IsNullOrEmpty(source.File) ? null : source.File, source.Line));

    public void ThrowIfAny()
    {
        if (_items.Count > 0)
        {
            throw new LabValidationException(_items.ToArray());
        }
    }
}
