namespace GitOps.Validation;

/// <summary>
/// Where a problem is: the file that would be written and a JSON pointer in its object (<c>manifests/x.yaml#/spec/config</c>),
/// joined only when a problem is reported: validating an object that has no problem makes no string for its path.
/// <paramref name="Pointer"/> is empty for the object itself, else starts with <c>/</c>.
/// </summary>
internal readonly record struct ReportPath(string File, string Pointer)
{
    /// <summary>The path of the object itself (<c>file#</c>).</summary>
    public static ReportPath Of(string file) => new(file, "");

    /// <summary>The path <paramref name="pointer"/> (starting with <c>/</c>) further in.</summary>
    public ReportPath Append(string pointer) => this with { Pointer = Pointer + pointer };

    public override string ToString() => $"{File}#{Pointer}";

    /// <summary>The path's text with <paramref name="pointer"/> (a pointer inside the value at this path) after it.</summary>
    public static string operator +(ReportPath path, string pointer) => $"{path.File}#{path.Pointer}{pointer}";
}
