namespace GitOps.Topology;

/// <summary>Where in the user's C# a model element was declared (captured by the builders with caller attributes).</summary>
public readonly record struct SourceLocation(string? File, int Line)
{
    public static SourceLocation Unknown => default;
}
