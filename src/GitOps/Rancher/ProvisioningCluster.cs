using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GitOps.Kubernetes;
using GitOps.Output;
using k8s.Models;

namespace GitOps.Rancher;

/// <summary>
/// Rancher's provisioning <c>Cluster</c> (provisioning.cattle.io/v1), only the fields the lab uses. Field
/// names follow rancher/rancher <c>pkg/crds/yaml/generated/provisioning.cattle.io_clusters.yaml</c> and
/// <c>pkg/apis/rke.cattle.io/v1/cluster_configuration_types.go</c> (ClusterConfiguration).
/// </summary>
internal sealed class ProvisioningCluster() : CustomResource(ApiVersionValue, KindValue), IEmbedsYaml
{
    public const string ApiVersionValue = "provisioning.cattle.io/v1";
    public const string KindValue = "Cluster";

    [JsonPropertyName("spec")]
    public required ProvisioningClusterSpec Spec { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public IReadOnlyList<EmbeddedYamlField> EmbeddedYaml => [new(["spec", "rkeConfig", "additionalManifest"], Spec.RkeConfig.AdditionalManifest)];
}

internal sealed class ProvisioningClusterSpec
{
    /// <summary>The K3s release, e.g. v1.33.5+k3s1.</summary>
    [JsonPropertyName("kubernetesVersion")]
    public required string KubernetesVersion { get; init; }

    /// <summary>A "custom" cluster: no machine pools (the nodes register themselves), K3s settings for every machine.</summary>
    [JsonPropertyName("rkeConfig")]
    public required RkeConfig RkeConfig { get; init; }
}

internal sealed class RkeConfig
{
    /// <summary>
    /// K3s config-file keys for every machine: Rancher copies them to <c>/etc/rancher/k3s/config.yaml.d/50-rancher.yaml</c>
    /// (cluster_configuration_types.go, MachineGlobalConfig).
    /// </summary>
    [JsonPropertyName("machineGlobalConfig")]
    public required JsonObject MachineGlobalConfig { get; init; }

    /// <summary>
    /// A YAML stream Rancher writes to <c>/var/lib/rancher/k3s/server/manifests/rancher/addons.yaml</c> on the
    /// control-plane nodes, where K3s applies it; objects removed from it are deleted
    /// (cluster_configuration_types.go, AdditionalManifest; pkg/capr/planner/manifests.go, getAddons). Held as the
    /// objects (<see cref="EmbeddedObjects"/>); the renderer writes the stream.
    /// </summary>
    [JsonPropertyName("additionalManifest")]
    public required EmbeddedYaml AdditionalManifest { get; init; }
}
