namespace GitOps.Topology;

/// <summary>A value from the user's code with where it was written.</summary>
internal readonly record struct Located<T>(T Value, SourceLocation Source);
