using System.Text.Json.Serialization;

namespace GitOps.Cni;

/// <summary>The reference <c>dhcp</c> IPAM plugin (plugins/ipam/dhcp): leases through the node's dhcp daemon.</summary>
internal sealed record DhcpIpam : CniIpam
{
    protected override string TypeName => "dhcp";

    [JsonPropertyName("daemonSocketPath")]
    public string? DaemonSocketPath { get; init; }

    [JsonPropertyName("provide")]
    public IReadOnlyList<DhcpProvideOption>? Provide { get; init; }
}

/// <summary><c>{"option": "12", "fromArg": "K8S_POD_NAME"}</c>: the dhcp plugin takes the option as a string.</summary>
internal sealed record DhcpProvideOption(
    [property: JsonPropertyName("option")] string Option,
    [property: JsonPropertyName("fromArg")] string FromArg);

/// <summary>
/// The reference <c>static</c> IPAM plugin (plugins/ipam/static). <see cref="Addresses"/> null: the pod's
/// <c>runtimeConfig.ips</c> gives them (plugins/ipam/static/main.go, <c>RuntimeConfig.IPs</c> replaces <c>ipam.addresses</c>).
/// </summary>
internal sealed record StaticIpam : CniIpam
{
    protected override string TypeName => "static";

    [JsonPropertyName("addresses")]
    public IReadOnlyList<StaticAddress>? Addresses { get; init; }
}

internal sealed record StaticAddress(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("gateway")] string? Gateway);

/// <summary>The reference <c>host-local</c> IPAM plugin (plugins/ipam/host-local), one range set.</summary>
internal sealed record HostLocalIpam : CniIpam
{
    protected override string TypeName => "host-local";

    [JsonPropertyName("ranges")]
    public required IReadOnlyList<IReadOnlyList<HostLocalRange>> Ranges { get; init; }
}

internal sealed record HostLocalRange(
    [property: JsonPropertyName("subnet")] string Subnet,
    [property: JsonPropertyName("rangeStart")] string RangeStart,
    [property: JsonPropertyName("rangeEnd")] string RangeEnd,
    [property: JsonPropertyName("gateway")] string? Gateway);

/// <summary>
/// The <c>whereabouts</c> IPAM (k8snetworkplumbingwg/whereabouts v0.9.4). Field names are the JSON tags of
/// <c>pkg/types/types.go</c> <c>IPAMConfig</c> (<c>range</c>, <c>range_start</c>, <c>range_end</c>, <c>exclude</c>,
/// <c>gateway</c>, <c>network_name</c>), all strings or string lists. No <c>kubernetes.kubeconfig</c>: the DaemonSet's
/// install script writes it into the flat file <c>/etc/cni/net.d/whereabouts.d/whereabouts.conf</c>, which
/// <c>pkg/config</c> <c>LoadIPAMConfig</c> merges in (<c>GetFlatIPAM</c>).
/// </summary>
internal sealed record WhereaboutsIpam : CniIpam
{
    protected override string TypeName => "whereabouts";

    [JsonPropertyName("range")]
    public required string Range { get; init; }

    [JsonPropertyName("range_start")]
    public string? RangeStart { get; init; }

    [JsonPropertyName("range_end")]
    public string? RangeEnd { get; init; }

    [JsonPropertyName("exclude")]
    public IReadOnlyList<string>? Exclude { get; init; }

    [JsonPropertyName("gateway")]
    public string? Gateway { get; init; }

    [JsonPropertyName("network_name")]
    public string? NetworkName { get; init; }
}
