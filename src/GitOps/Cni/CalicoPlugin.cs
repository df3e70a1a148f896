using System.Text.Json.Serialization;

namespace GitOps.Cni;

/// <summary>
/// The <c>calico</c> CNI plugin as Multus delegates to it; field names and defaults mirror the
/// conflist Calico's install-cni writes (projectcalico/calico cni-plugin, <c>10-calico.conflist</c>), which the
/// operator renders from the Installation (tigera/operator <c>pkg/render/node.go</c>). MTU, IP forwarding and
/// IPAM are set from <c>CalicoCniSettings</c>, the values the Installation carries too.
/// </summary>
internal sealed record CalicoPlugin : CniPlugin
{
    protected override string TypeName => "calico";

    [JsonPropertyName("datastore_type")]
    public string DatastoreType { get; init; } = "kubernetes";

    /// <summary>0 lets Calico pick the MTU.</summary>
    [JsonPropertyName("mtu")]
    public int Mtu { get; init; }

    [JsonPropertyName("nodename_file_optional")]
    public bool NodenameFileOptional { get; init; }

    [JsonPropertyName("log_level")]
    public string LogLevel { get; init; } = "Info";

    [JsonPropertyName("log_file_path")]
    public string LogFilePath { get; init; } = "/var/log/calico/cni/cni.log";

    [JsonPropertyName("ipam")]
    public CniIpam Ipam { get; init; } = new CalicoIpam();

    [JsonPropertyName("container_settings")]
    public CalicoContainerSettings ContainerSettings { get; init; } = new(false);

    [JsonPropertyName("policy")]
    public CalicoPolicy Policy { get; init; } = new("k8s");

    [JsonPropertyName("kubernetes")]
    public required CalicoKubernetes Kubernetes { get; init; }
}

/// <summary><c>calico-ipam</c>; Calico spells its booleans here as strings.</summary>
internal sealed record CalicoIpam : CniIpam
{
    protected override string TypeName => "calico-ipam";

    [JsonPropertyName("assign_ipv4")]
    public string AssignIPv4 { get; init; } = "true";

    [JsonPropertyName("assign_ipv6")]
    public string AssignIPv6 { get; init; } = "false";
}

internal sealed record CalicoContainerSettings([property: JsonPropertyName("allow_ip_forwarding")] bool AllowIpForwarding);

internal sealed record CalicoPolicy([property: JsonPropertyName("type")] string Type);

internal sealed record CalicoKubernetes(
    [property: JsonPropertyName("k8s_api_root")] string K8sApiRoot,
    [property: JsonPropertyName("kubeconfig")] string Kubeconfig);

/// <summary>
/// The reference <c>bandwidth</c> plugin (traffic shaping from pod annotations). Calico installs it on the node
/// and chains it only before v3.30.0 (see <c>CalicoCniSettings</c>); the delegate chains it only then.
/// </summary>
internal sealed record BandwidthPlugin : CniPlugin
{
    protected override string TypeName => "bandwidth";

    [JsonPropertyName("capabilities")]
    public IReadOnlyDictionary<string, bool> Capabilities { get; init; } = new SortedDictionary<string, bool>(StringComparer.Ordinal) { ["bandwidth"] = true };
}

/// <summary>The reference <c>portmap</c> plugin (hostPort).</summary>
internal sealed record PortmapPlugin : CniPlugin
{
    protected override string TypeName => "portmap";

    [JsonPropertyName("snat")]
    public bool Snat { get; init; } = true;

    [JsonPropertyName("capabilities")]
    public IReadOnlyDictionary<string, bool> Capabilities { get; init; } = new SortedDictionary<string, bool>(StringComparer.Ordinal) { ["portMappings"] = true };
}
