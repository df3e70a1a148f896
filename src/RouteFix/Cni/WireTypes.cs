using System.Text.Json.Serialization;

namespace RouteFix.Cni;

// The JSON shapes route-fix reads and writes, field names exactly as SPEC.md spells them.
// Every field is optional on the wire; PluginConfig and ResultConversion check what they need.

/// <summary>The plugin configuration on stdin (libcni gives each plugin of a list its own object plus the list's name and cniVersion).</summary>
public sealed class NetConfJson
{
    [JsonPropertyName("cniVersion")] public string? CniVersion { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("multicast")] public bool? Multicast { get; init; }
    [JsonPropertyName("broadcast")] public bool? Broadcast { get; init; }
    [JsonPropertyName("removeDefaultRoute")] public bool? RemoveDefaultRoute { get; init; }
    [JsonPropertyName("routes")] public List<RouteConfigJson?>? Routes { get; init; }
    [JsonPropertyName("prevResult")] public ResultJson? PrevResult { get; init; }
}

/// <summary>One extra destination of the plugin config: <c>{"dst":"10.0.0.0/24","gw":"192.168.2.1"}</c>.</summary>
public sealed class RouteConfigJson
{
    [JsonPropertyName("dst")] public string? Dst { get; init; }
    [JsonPropertyName("gw")] public string? Gw { get; init; }
}

/// <summary>A CNI result (SPEC.md "Success"); 1.1.0 fields included, null ones omitted.</summary>
public sealed class ResultJson
{
    [JsonPropertyName("cniVersion")] public string? CniVersion { get; set; }
    [JsonPropertyName("interfaces")] public List<InterfaceJson?>? Interfaces { get; init; }
    [JsonPropertyName("ips")] public List<IpConfigJson?>? Ips { get; init; }
    [JsonPropertyName("routes")] public List<RouteJson?>? Routes { get; init; }
    [JsonPropertyName("dns")] public DnsJson? Dns { get; init; }
}

public sealed class InterfaceJson
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("mac")] public string? Mac { get; init; }
    [JsonPropertyName("mtu")] public int? Mtu { get; init; }
    [JsonPropertyName("sandbox")] public string? Sandbox { get; init; }
    [JsonPropertyName("socketPath")] public string? SocketPath { get; init; }
    [JsonPropertyName("pciID")] public string? PciId { get; init; }
}

public sealed class IpConfigJson
{
    /// <summary>"4" or "6": present before 1.0.0 only.</summary>
    [JsonPropertyName("version")] public string? Version { get; set; }
    [JsonPropertyName("address")] public string? Address { get; init; }
    [JsonPropertyName("gateway")] public string? Gateway { get; init; }
    [JsonPropertyName("interface")] public int? Interface { get; init; }
}

public sealed class RouteJson
{
    [JsonPropertyName("dst")] public string? Dst { get; init; }
    [JsonPropertyName("gw")] public string? Gw { get; init; }
    [JsonPropertyName("mtu")] public int? Mtu { get; init; }
    [JsonPropertyName("advmss")] public int? AdvMss { get; init; }
    [JsonPropertyName("priority")] public int? Priority { get; init; }
    [JsonPropertyName("table")] public int? Table { get; init; }
    [JsonPropertyName("scope")] public int? Scope { get; init; }
}

public sealed class DnsJson
{
    [JsonPropertyName("nameservers")] public List<string>? Nameservers { get; init; }
    [JsonPropertyName("domain")] public string? Domain { get; init; }
    [JsonPropertyName("search")] public List<string>? Search { get; init; }
    [JsonPropertyName("options")] public List<string>? Options { get; init; }
}

/// <summary>SPEC.md "Error": what a failing plugin prints on stdout.</summary>
public sealed class ErrorJson
{
    [JsonPropertyName("cniVersion")] public required string CniVersion { get; init; }
    [JsonPropertyName("code")] public required uint Code { get; init; }
    [JsonPropertyName("msg")] public required string Msg { get; init; }
    [JsonPropertyName("details")] public string? Details { get; init; }
}

/// <summary>The VERSION command's answer (SPEC.md "VERSION").</summary>
public sealed class VersionInfoJson
{
    [JsonPropertyName("cniVersion")] public required string CniVersion { get; init; }
    [JsonPropertyName("supportedVersions")] public required IReadOnlyList<string> SupportedVersions { get; init; }
}

/// <summary>Source-generated (de)serializers: no reflection, so the NativeAOT build has no trim warnings.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(NetConfJson))]
[JsonSerializable(typeof(ResultJson))]
[JsonSerializable(typeof(ErrorJson))]
[JsonSerializable(typeof(VersionInfoJson))]
public sealed partial class CniJsonContext : JsonSerializerContext
{
    /// <summary>The context to use: as generated, but writing quotes as \" and non-ASCII as is (no \u0022 escapes).</summary>
    public static CniJsonContext Relaxed { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.Strict,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
