namespace GitOps.Topology;

/// <summary>Where in the user's C# a model element was declared (captured by the builders with caller attributes).</summary>
/// <param name="File">The full path of the source file as the compiler saw it; null or empty when unknown.</param>
/// <param name="Line">The 1-based line number; 0 when unknown.</param>
public readonly record struct SourceLocation(string? File, int Line);
