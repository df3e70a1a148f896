namespace GitOps.Topology;

/// <summary>
/// Where the user wrote each value of the model: a model path (<c>lab/networks/lan/subnet</c>, the path diagnostics
/// carry) to the file and line of the builder call that set it. <see cref="LabAssembler"/> fills it while it turns the
/// builders into the <see cref="Lab"/>, so the rules (<see cref="ILabRule"/>) read the model and this map, never a builder.
/// </summary>
internal sealed class SourceMap
{
    private readonly Dictionary<string, SourceLocation> _sources = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    /// <summary>
    /// Records where the value at <paramref name="path"/> was written. A value left at its default has no call of its own
    /// (<c>default</c> location) and is recorded at <paramref name="owner"/>, the call of the element that holds it: the
    /// one place that decides where a default is reported. The first record of a path wins (the model keeps the first of
    /// two elements with one name).
    /// </summary>
    public void Add(string path, SourceLocation source, SourceLocation owner) =>
        _sources.TryAdd(path, source.Or(owner));

    /// <summary>Records where the value at <paramref name="path"/> was written (a call the user made).</summary>
    public void Add(string path, SourceLocation source) => _sources.TryAdd(path, source);

    /// <summary>Records a text value as the user wrote it (before the model normalizes it, e.g. trims a trailing '/'), and where.</summary>
    public void AddText(string path, Located<string> text, SourceLocation owner)
    {
        Add(path, text.Source, owner);
        _texts.TryAdd(path, text.Value);
    }

    /// <summary>Where the value at <paramref name="path"/> was written; a missing path is a bug in the assembler.</summary>
    public SourceLocation this[string path] =>
        _sources.TryGetValue(path, out var source) ? source : throw new KeyNotFoundException($"No source was recorded for '{path}'.");

    /// <summary>The text at <paramref name="path"/> as the user wrote it (recorded with <see cref="AddText"/>).</summary>
    public string Text(string path) =>
        _texts.TryGetValue(path, out var text) ? text : throw new KeyNotFoundException($"No text was recorded for '{path}'.");

    /// <summary>True when the user wrote a value at <paramref name="path"/> (an optional call was made).</summary>
    public bool Contains(string path) => _sources.ContainsKey(path);
}
