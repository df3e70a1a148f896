using System.Text.Json.Serialization;
using GitOps.Kubernetes;

namespace GitOps.Calico;

/// <summary>
/// Calico's cluster-wide BGP settings, <c>projectcalico.org/v3</c> <c>BGPConfiguration</c> named <c>default</c>
/// (the name Calico reads as the global defaults: docs.tigera.io/calico/latest/reference/resources/bgpconfig).
/// Only the fields the lab sets; names and types follow projectcalico/calico
/// <c>api/pkg/apis/projectcalico/v3/bgpconfig.go</c> and <c>libcalico-go/config/crd/crd.projectcalico.org_bgpconfigurations.yaml</c> (v3.32.1).
/// </summary>
internal sealed class BgpConfiguration() : CustomResource(ApiVersionValue, KindValue)
{
    /// <summary>The user-facing Calico API, served by the Calico API server the operator installs (docs/bgp.md).</summary>
    public const string ApiVersionValue = "projectcalico.org/v3";

    /// <summary>The kind, as Calico spells it.</summary>
    public const string KindValue = "BGPConfiguration";

    /// <summary>The settings (BGPConfigurationSpec).</summary>
    [JsonPropertyName("spec")]
    public required BgpConfigurationSpec Spec { get; init; }
}

/// <summary>The BGPConfigurationSpec fields the lab sets; Calico defaults the others.</summary>
internal sealed class BgpConfigurationSpec
{
    /// <summary>The AS every node speaks as (Calico's default 64512; the CRD allows int32, so at most 2147483647).</summary>
    [JsonPropertyName("asNumber")]
    public uint AsNumber { get; init; }

    /// <summary>Calico's full node-to-node mesh (Calico's default true).</summary>
    [JsonPropertyName("nodeToNodeMeshEnabled")]
    public bool NodeToNodeMeshEnabled { get; init; }

    /// <summary>Service CIDRs every node advertises (with their ClusterIPs); null when not advertised.</summary>
    [JsonPropertyName("serviceClusterIPs")]
    public IReadOnlyList<CidrBlock>? ServiceClusterIPs { get; init; }
}

/// <summary><c>{cidr: 10.43.0.0/16}</c> (ServiceClusterIPBlock).</summary>
internal sealed class CidrBlock
{
    /// <summary>The block in CIDR notation (CRD <c>format: cidr</c>).</summary>
    [JsonPropertyName("cidr")]
    public required string Cidr { get; init; }
}

/// <summary>
/// A global <c>projectcalico.org/v3</c> <c>BGPPeer</c>: no <c>node</c>/<c>nodeSelector</c>, so every calico-node
/// peers with <see cref="BgpPeerSpec.PeerIp"/> (docs.tigera.io/calico/latest/reference/resources/bgppeer; fields from
/// <c>api/pkg/apis/projectcalico/v3/bgppeer.go</c>, v3.32.1).
/// </summary>
internal sealed class BgpPeer() : CustomResource(ApiVersionValue, KindValue)
{
    /// <summary>The user-facing Calico API (see <see cref="BgpConfiguration.ApiVersionValue"/>).</summary>
    public const string ApiVersionValue = "projectcalico.org/v3";

    /// <summary>The kind, as Calico spells it.</summary>
    public const string KindValue = "BGPPeer";

    /// <summary>The peer (BGPPeerSpec).</summary>
    [JsonPropertyName("spec")]
    public required BgpPeerSpec Spec { get; init; }
}

/// <summary>The BGPPeerSpec fields the lab sets: a global peer (no node, no selectors), source address the node IP (Calico's default).</summary>
internal sealed class BgpPeerSpec
{
    /// <summary>The router's address every node connects to (dotted quad).</summary>
    [JsonPropertyName("peerIP")]
    public required string PeerIp { get; init; }

    /// <summary>The router's AS (int32 in Calico's CRD).</summary>
    [JsonPropertyName("asNumber")]
    public uint AsNumber { get; init; }
}
