namespace GitOps.Topology;

/// <summary>Where in the user's C# a model element was declared (captured by the builders with caller attributes).</summary>
/// <param name="File">The full path of the source file as the compiler saw it; null or empty when unknown.</param>
/// <param name="Line">The 1-based line number; 0 when unknown.</param>
internal readonly record struct SourceLocation(string? File, int Line)
{
    /// <summary>
    /// This location, or <paramref name="owner"/> when it is unknown: a value left at its default has no call of its own
    /// and is reported at the call of the element that holds it. The one place that decides where a default is reported.
    /// </summary>
    internal SourceLocation Or(SourceLocation owner) => this == default ? owner : this;

    /// <summary>For the message about a second declaration: <c>" (first declared at Program.cs:14)"</c> when this, the first
    /// declaration's location, is known, else empty.</summary>
    internal string FirstDeclared => ShortText is { } at ? $" (first declared at {at})" : "";

    /// <summary>The file's name and the line, <c>Program.cs:14</c>, for a message (the name alone when the line is unknown);
    /// null when the file is unknown.</summary>
    internal string? ShortText => File is { Length: > 0 } file
        ? Line > 0 ? $"{Path.GetFileName(file)}:{Line}" : Path.GetFileName(file)
        : null;
}
