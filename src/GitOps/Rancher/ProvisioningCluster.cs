using System.Text.Json.Serialization;
using GitOps.Kubernetes;
using k8s.Models;

namespace GitOps.Rancher;

/// <summary>
/// Rancher's provisioning <c>Cluster</c> (provisioning.cattle.io/v1), only the fields the lab uses. Field
/// names follow rancher/rancher <c>pkg/apis/provisioning.cattle.io/v1/cluster.go</c> (ClusterSpec) and
/// <c>pkg/apis/rke.cattle.io/v1</c> (EnvVar).
/// </summary>
public sealed class ProvisioningCluster() : CustomResource(ApiVersionValue, KindValue)
{
    public const string ApiVersionValue = "provisioning.cattle.io/v1";
    public const string KindValue = "Cluster";

    [JsonPropertyName("spec")]
    public required ProvisioningClusterSpec Spec { get; init; }
}

public sealed class ProvisioningClusterSpec
{
    /// <summary>The K3s release, e.g. v1.33.5+k3s1.</summary>
    [JsonPropertyName("kubernetesVersion")]
    public required string KubernetesVersion { get; init; }

    /// <summary>Environment of the agent that installs K3s on each node (INSTALL_K3S_EXEC: flags of the K3s install script).</summary>
    [JsonPropertyName("agentEnvVars")]
    public required IReadOnlyList<AgentEnvVar> AgentEnvVars { get; init; }

    /// <summary>Present (even empty) for a cluster Rancher provisions with K3s/RKE2; a "custom" cluster has no machine pools (the nodes register themselves).</summary>
    [JsonPropertyName("rkeConfig")]
    public required RkeConfig RkeConfig { get; init; }
}

public sealed class AgentEnvVar
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("value")]
    public required string Value { get; init; }
}

/// <summary>Empty: the lab sets no RKE options (K3s flags go through INSTALL_K3S_EXEC, as in the blog).</summary>
public sealed class RkeConfig;
