namespace RouteFix.Cni;

/// <summary>The values of <c>CNI_COMMAND</c> (SPEC.md "Parameters"; STATUS and GC since 1.1.0).</summary>
public static class CniCommand
{
    public const string Add = "ADD";
    public const string Del = "DEL";
    public const string Check = "CHECK";
    public const string Version = "VERSION";
    public const string Status = "STATUS";
    public const string Gc = "GC";

    public static readonly IReadOnlyList<string> All = [Add, Del, Check, Version, Status, Gc];
}
