namespace RouteFix.Cni;

/// <summary>
/// A failure with a CNI error code. The dispatcher prints it as
/// <c>{"cniVersion","code","msg","details"}</c> on stdout and exits 1 (SPEC.md "Error").
/// </summary>
public sealed class CniException(uint code, string msg, string? details = null) : Exception(msg)
{
    public uint Code { get; } = code;

    public string Msg { get; } = msg;

    public string? Details { get; } = details;
}
