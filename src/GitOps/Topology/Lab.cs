namespace GitOps.Topology;

/// <summary>STUB: the immutable lab model (issue 2) replaces this.</summary>
public sealed record Lab;
