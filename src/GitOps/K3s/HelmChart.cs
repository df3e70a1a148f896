using System.Text.Json.Serialization;
using GitOps.Kubernetes;

namespace GitOps.K3s;

/// <summary>
/// K3s's embedded helm-controller <c>HelmChart</c> (helm.cattle.io/v1), only the fields the lab uses. Field names
/// follow k3s-io/helm-controller <c>pkg/crds/yaml/generated/helm.cattle.io_helmcharts.yaml</c> (v0.17.7) and
/// <c>pkg/apis/helm.cattle.io/v1/types.go</c>. K3s applies it from the auto-deploy manifests directory; the
/// controller then runs <c>helm install</c> in a Job.
/// </summary>
internal sealed class HelmChart() : CustomResource(ApiVersionValue, KindValue), Output.IEmbedsYaml
{
    public const string ApiVersionValue = "helm.cattle.io/v1";
    public const string KindValue = "HelmChart";

    /// <summary>Where K3s's own HelmCharts live (its packaged traefik, coredns): the controller watches every namespace, this one always exists.</summary>
    public const string DefaultNamespace = "kube-system";

    [JsonPropertyName("spec")]
    public required HelmChartSpec Spec { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public IReadOnlyList<Output.EmbeddedYamlField> EmbeddedYaml =>
        Spec.ValuesContent is { } values ? [new(["spec", "valuesContent"], values)] : [];
}

internal sealed class HelmChartSpec
{
    /// <summary>Helm's <c>--repo</c>.</summary>
    [JsonPropertyName("repo")]
    public required string Repo { get; init; }

    /// <summary>The chart's name in <see cref="Repo"/>.</summary>
    [JsonPropertyName("chart")]
    public required string Chart { get; init; }

    /// <summary>Helm's <c>--version</c>: the pinned chart version.</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>Helm's <c>--namespace</c>.</summary>
    [JsonPropertyName("targetNamespace")]
    public required string TargetNamespace { get; init; }

    /// <summary>Helm's <c>--create-namespace</c>.</summary>
    [JsonPropertyName("createNamespace")]
    public bool CreateNamespace { get; init; }

    /// <summary>
    /// True: the install Job runs with <c>hostNetwork: true</c> on a control-plane node, tolerates the not-ready and
    /// network-unavailable taints and talks to the API server on 127.0.0.1, so it needs no pod network
    /// (k3s-io/helm-controller pkg/controllers/chart/chart.go, <c>if chart.Spec.Bootstrap</c>).
    /// </summary>
    [JsonPropertyName("bootstrap")]
    public bool Bootstrap { get; init; }

    /// <summary>Helm values (Helm's <c>--values</c>), written as YAML text by the renderer: a typed values object, never text here.</summary>
    [JsonPropertyName("valuesContent")]
    public Output.EmbeddedYaml? ValuesContent { get; init; }
}
