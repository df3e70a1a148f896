using System.Text.Json.Serialization;
using GitOps.Kubernetes;
using k8s.Models;

namespace GitOps.Calico;

/// <summary>
/// The Tigera operator's <c>Installation</c> (operator.tigera.io/v1), only the fields the lab uses.
/// Field names follow tigera/operator <c>operator.tigera.io_installations.yaml</c>.
/// </summary>
internal sealed class Installation() : CustomResource(ApiVersionValue, KindValue)
{
    public const string ApiVersionValue = "operator.tigera.io/v1";
    public const string KindValue = "Installation";

    [JsonPropertyName("spec")]
    public required InstallationSpec Spec { get; init; }
}

internal sealed class InstallationSpec
{
    [JsonPropertyName("variant")]
    public string Variant { get; init; } = "Calico";

    [JsonPropertyName("calicoNetwork")]
    public required CalicoNetworkSpec CalicoNetwork { get; init; }

    [JsonPropertyName("cni")]
    public required CniSpec Cni { get; init; }

    [JsonPropertyName("controlPlaneNodeSelector")]
    public IDictionary<string, string>? ControlPlaneNodeSelector { get; init; }

    [JsonPropertyName("nodeUpdateStrategy")]
    public NodeUpdateStrategy? NodeUpdateStrategy { get; init; }
}

internal sealed class CalicoNetworkSpec
{
    /// <summary>"Enabled" or "Disabled".</summary>
    [JsonPropertyName("bgp")]
    public required string Bgp { get; init; }

    [JsonPropertyName("ipPools")]
    public required IReadOnlyList<InstallationIpPool> IpPools { get; init; }

    [JsonPropertyName("linuxDataplane")]
    public required string LinuxDataplane { get; init; }

    [JsonPropertyName("nodeAddressAutodetectionV4")]
    public NodeAddressAutodetection? NodeAddressAutodetectionV4 { get; init; }

    /// <summary>How calico-node finds each node's IPv6 address; set for a dual-stack lab only.</summary>
    [JsonPropertyName("nodeAddressAutodetectionV6")]
    public NodeAddressAutodetection? NodeAddressAutodetectionV6 { get; init; }

    /// <summary>Pod interface MTU in bytes; omitted = Calico detects it.</summary>
    [JsonPropertyName("mtu")]
    public int? Mtu { get; init; }

    /// <summary>"Enabled" or "Disabled"; omitted = Disabled (the operator's default).</summary>
    [JsonPropertyName("containerIPForwarding")]
    public string? ContainerIPForwarding { get; init; }
}

internal sealed class InstallationIpPool
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("cidr")]
    public required string Cidr { get; init; }

    [JsonPropertyName("blockSize")]
    public int BlockSize { get; init; }

    [JsonPropertyName("encapsulation")]
    public required string Encapsulation { get; init; }

    /// <summary>"Enabled" or "Disabled".</summary>
    [JsonPropertyName("natOutgoing")]
    public required string NatOutgoing { get; init; }
}

/// <summary>
/// Exactly one method is set: <c>interface</c> is an (unanchored) regex, <c>canReach</c> an IP or host name,
/// <c>cidrs</c> a list of CIDRs the node's address must be in.
/// </summary>
internal sealed class NodeAddressAutodetection
{
    /// <summary>CIDRs the node's address must be inside (the node network's subnet, e.g. <c>[192.168.3.0/24]</c>).</summary>
    [JsonPropertyName("cidrs")]
    public IReadOnlyList<string>? Cidrs { get; init; }

    [JsonPropertyName("interface")]
    public string? Interface { get; init; }

    [JsonPropertyName("canReach")]
    public string? CanReach { get; init; }
}

internal sealed class CniSpec
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "Calico";

    [JsonPropertyName("ipam")]
    public CniIpamSpec Ipam { get; init; } = new();

    /// <summary>Where calico-node installs the CNI plugins; omitted = <c>/opt/cni/bin</c> (set only when the lab moves it).</summary>
    [JsonPropertyName("binDir")]
    public string? BinDir { get; init; }

    /// <summary>Where calico-node writes <c>10-calico.conflist</c>; omitted = <c>/etc/cni/net.d</c> (set only when the lab moves it).</summary>
    [JsonPropertyName("confDir")]
    public string? ConfDir { get; init; }
}

internal sealed class CniIpamSpec
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = CalicoCniSettings.IpamType;
}

internal sealed class NodeUpdateStrategy
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "RollingUpdate";

    [JsonPropertyName("rollingUpdate")]
    public RollingUpdate? RollingUpdate { get; init; }
}

internal sealed class RollingUpdate
{
    [JsonPropertyName("maxUnavailable")]
    public int MaxUnavailable { get; init; }
}
