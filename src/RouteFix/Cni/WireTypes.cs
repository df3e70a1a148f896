namespace RouteFix.Cni;

// The JSON shapes of the CNI protocol. CniJson maps them to and from the field names SPEC.md spells.
// Every field is optional on the wire; the plugin checks what it needs.

/// <summary>
/// The fields every plugin configuration has (SPEC.md "Plugin configuration objects"; containernetworking/cni
/// pkg/types/types.go NetConf). A plugin derives its own shape from it and adds its fields.
/// libcni gives each plugin of a list its own object plus the list's name and cniVersion.
/// </summary>
public class NetConfJson
{
    public string? CniVersion { get; init; }
    public string? Name { get; init; }
    public string? Type { get; init; }
    public ResultJson? PrevResult { get; init; }
}

/// <summary>A CNI result (SPEC.md "Success"); 1.1.0 fields included, null ones omitted.</summary>
public sealed class ResultJson
{
    public string? CniVersion { get; set; }
    public List<InterfaceJson?>? Interfaces { get; init; }
    public List<IpConfigJson?>? Ips { get; init; }
    public List<RouteJson?>? Routes { get; init; }
    public DnsJson? Dns { get; init; }
}

public sealed class InterfaceJson
{
    public string? Name { get; init; }
    public string? Mac { get; init; }
    public int? Mtu { get; init; }
    public string? Sandbox { get; init; }
    public string? SocketPath { get; init; }
    public string? PciId { get; init; }
}

public sealed class IpConfigJson
{
    /// <summary>"4" or "6": present before 1.0.0 only.</summary>
    public string? Version { get; set; }
    public string? Address { get; init; }
    public string? Gateway { get; init; }
    public int? Interface { get; init; }
}

public sealed class RouteJson
{
    public string? Dst { get; init; }
    public string? Gw { get; init; }
    public int? Mtu { get; init; }
    public int? AdvMss { get; init; }
    public int? Priority { get; init; }
    public int? Table { get; init; }
    public int? Scope { get; init; }
}

public sealed class DnsJson
{
    public List<string?>? Nameservers { get; init; }
    public string? Domain { get; init; }
    public List<string?>? Search { get; init; }
    public List<string?>? Options { get; init; }
}

/// <summary>SPEC.md "Error": what a failing plugin prints on stdout.</summary>
public sealed class ErrorJson
{
    public required string CniVersion { get; init; }
    public required uint Code { get; init; }
    public required string Msg { get; init; }
    public string? Details { get; init; }
}

/// <summary>The VERSION command's answer (SPEC.md "VERSION").</summary>
public sealed class VersionInfoJson
{
    public required string CniVersion { get; init; }
    public required IReadOnlyList<string> SupportedVersions { get; init; }
}
