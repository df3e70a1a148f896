namespace RouteFix.Cni;

/// <summary>
/// A failure with a CNI error code. The skeleton (<see cref="CniSkeleton"/>) prints it as
/// <c>{"cniVersion","code","msg","details"}</c> on stdout and exits 1 (SPEC.md "Error").
/// </summary>
public sealed class CniException(uint code, string msg, string? details = null) : Exception(msg)
{
    public uint Code { get; } = code;

    public string Msg { get; } = msg;

    public string? Details { get; } = details;

    /// <summary>Code 7 naming a configuration field, its value and the fix: <c>invalid routes[0].dst: "x"</c>.</summary>
    public static CniException InvalidField(string field, string value, string fix) =>
        new(CniErrorCodes.InvalidNetworkConfig, $"invalid {field}: {value}", fix);

    /// <summary>A JSON string value as an error message shows it: quoted, or <c>null</c>.</summary>
    public static string Quote(string? value) => value is null ? "null" : $"\"{value}\"";
}
