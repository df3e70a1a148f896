using System.Text.Json.Serialization;

namespace GitOps.Cni;

/// <summary>
/// One plugin object of a CNI conflist (CNI spec "Plugin configuration objects"). Each plugin type is
/// a small class; properties serialize in declaration order, <c>type</c> first, nulls omitted.
/// </summary>
[JsonPolymorphic]
[JsonDerivedType(typeof(BridgePlugin))]
[JsonDerivedType(typeof(MasterChildPlugin))]
[JsonDerivedType(typeof(TuningPlugin))]
[JsonDerivedType(typeof(RouteFixPlugin))]
[JsonDerivedType(typeof(CalicoPlugin))]
[JsonDerivedType(typeof(BandwidthPlugin))]
[JsonDerivedType(typeof(PortmapPlugin))]
internal abstract record CniPlugin
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-10)]
    public string Type => TypeName;

    /// <summary>The plugin binary's name, which is the config's <c>type</c>.</summary>
    protected abstract string TypeName { get; }
}

/// <summary>IPAM section of a plugin (CNI spec "IP Allocation").</summary>
[JsonPolymorphic]
[JsonDerivedType(typeof(DhcpIpam))]
[JsonDerivedType(typeof(StaticIpam))]
[JsonDerivedType(typeof(HostLocalIpam))]
[JsonDerivedType(typeof(WhereaboutsIpam))]
[JsonDerivedType(typeof(CalicoIpam))]
internal abstract record CniIpam
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-10)]
    public string Type => TypeName;

    /// <summary>The plugin binary's name, which is the config's <c>type</c>.</summary>
    protected abstract string TypeName { get; }
}
