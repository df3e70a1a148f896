namespace GitOps.Topology;

/// <summary>What the typed handles (<see cref="NetworkReference"/>, <see cref="AttachmentReference"/>) share.</summary>
internal static class TypedHandles
{
    /// <summary>
    /// Why each method that takes or hands out a handle may sit beside its string overload although both have optional
    /// (caller-info) parameters: RS0026 guards against an overload with optional parameters added next to a shipped one,
    /// where a call compiled against the old one could bind differently (dotnet/roslyn "Adding Optional Parameters in
    /// Public API"). Here nothing is shipped and the two differ in a required parameter — a string or a handle, or a
    /// required <c>out</c> handle — so no call binds to both.
    /// </summary>
    public const string OverloadJustification =
        "The string and handle overloads differ in a required parameter (string vs handle, or an out handle); no call binds to both.";
}
