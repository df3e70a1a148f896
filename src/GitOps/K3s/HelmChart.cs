using System.Text.Json.Serialization;

namespace GitOps.K3s;

/// <summary>
/// The hand-written part of <see cref="HelmChart"/> (the fields are generated from the schema bundle, HelmChart.g.cs):
/// where the lab puts its charts, and the YAML text the renderer writes into <c>spec.valuesContent</c>.
/// </summary>
internal sealed partial class HelmChart : Output.IEmbedsYaml
{
    /// <summary>Where K3s's own HelmCharts live (its packaged traefik, coredns): the controller watches every namespace, this one always exists.</summary>
    public const string DefaultNamespace = "kube-system";

    /// <inheritdoc/>
    [JsonIgnore]
    public IReadOnlyList<Output.EmbeddedYamlField> EmbeddedYaml =>
        Spec.ValuesContent is { } values ? [new(["spec", "valuesContent"], values)] : [];
}
