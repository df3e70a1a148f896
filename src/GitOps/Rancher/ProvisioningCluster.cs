using System.Text.Json.Serialization;
using GitOps.Output;

namespace GitOps.Rancher;

/// <summary>
/// The hand-written part of <see cref="ProvisioningCluster"/> (the fields are generated from the schema bundle,
/// ProvisioningCluster.g.cs): the YAML stream the renderer writes into <c>spec.rkeConfig.additionalManifest</c>.
/// </summary>
internal sealed partial class ProvisioningCluster : IEmbedsYaml
{
    /// <inheritdoc/>
    [JsonIgnore]
    public IReadOnlyList<EmbeddedYamlField> EmbeddedYaml => [new(["spec", "rkeConfig", "additionalManifest"], Spec.RkeConfig.AdditionalManifest)];
}
