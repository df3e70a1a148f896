using System.Text.Json.Serialization;

namespace GitOps.Cni;

/// <summary>The reference <c>dhcp</c> IPAM plugin (plugins/ipam/dhcp): leases through the node's dhcp daemon.</summary>
public sealed record DhcpIpam : CniIpam
{
    protected override string TypeName => "dhcp";

    [JsonPropertyName("daemonSocketPath")]
    public string? DaemonSocketPath { get; init; }

    [JsonPropertyName("provide")]
    public IReadOnlyList<DhcpProvideOption>? Provide { get; init; }
}

/// <summary><c>{"option": "12", "fromArg": "K8S_POD_NAME"}</c>: the dhcp plugin takes the option as a string.</summary>
public sealed record DhcpProvideOption(
    [property: JsonPropertyName("option")] string Option,
    [property: JsonPropertyName("fromArg")] string FromArg);

/// <summary>The reference <c>static</c> IPAM plugin (plugins/ipam/static).</summary>
public sealed record StaticIpam : CniIpam
{
    protected override string TypeName => "static";

    [JsonPropertyName("addresses")]
    public required IReadOnlyList<StaticAddress> Addresses { get; init; }
}

public sealed record StaticAddress(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("gateway")] string? Gateway);

/// <summary>The reference <c>host-local</c> IPAM plugin (plugins/ipam/host-local), one range set.</summary>
public sealed record HostLocalIpam : CniIpam
{
    protected override string TypeName => "host-local";

    [JsonPropertyName("ranges")]
    public required IReadOnlyList<IReadOnlyList<HostLocalRange>> Ranges { get; init; }
}

public sealed record HostLocalRange(
    [property: JsonPropertyName("subnet")] string Subnet,
    [property: JsonPropertyName("rangeStart")] string RangeStart,
    [property: JsonPropertyName("rangeEnd")] string RangeEnd,
    [property: JsonPropertyName("gateway")] string? Gateway);
