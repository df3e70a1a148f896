using System.Buffers;
using System.Text.Json;
using GitOps.K3s;
using GitOps.Output;
using GitOps.Topology;
using k8s.Models;

namespace GitOps.Calico;

/// <summary>
/// The Tigera operator (Calico) as a K3s <c>HelmChart</c> with <c>bootstrap: true</c>, for the CNI layer. The chart's
/// <c>installation:</c> values are the typed <see cref="Installation"/>'s spec plus <c>enabled: true</c> (<see cref="TigeraOperatorValues"/>); the chart
/// renders the <c>Installation</c> named <c>default</c> from exactly those values minus <c>enabled</c>
/// (projectcalico/calico charts/tigera-operator/templates/crs/custom-resources.yaml: <c>omit .Values.installation "enabled"</c>),
/// so the lab emits no separate Installation and the two can never disagree. Keys the lab does not set keep the
/// chart's defaults (charts/tigera-operator/values.yaml, e.g. <c>kubeletVolumePluginPath: None</c>).
/// </summary>
internal static class TigeraOperatorHelmChart
{
    /// <summary>The HelmChart's name: helm-controller names the release and its install Job after it.</summary>
    public const string Name = "tigera-operator";

    /// <summary>The CRD chart's HelmChart (from Calico v3.32), named like the upstream guide's release <c>calico-crds</c>.</summary>
    public const string CrdsName = "calico-crds";

    /// <summary>
    /// The CNI layer's Calico part: from v3.32 the CRD chart first, then the operator chart. Both are <c>bootstrap</c>.
    /// helm-controller installs them in parallel; until the CRDs exist the operator chart's Job fails on its
    /// Installation ("no matches for kind") and is retried (the Job's <c>backoffLimit</c>, helm-controller default
    /// 1000), so the pair converges.
    /// </summary>
    /// <param name="installation">The Installation <see cref="CalicoEmitter"/> emitted for the lab (the chart's values carry it).</param>
    /// <param name="chart">The pinned chart.</param>
    public static IReadOnlyList<HelmChart> BuildAll(Installation installation, TigeraOperatorChart chart) =>
        chart.HasCrdChart ? [BuildCrds(chart), Build(installation, chart)] : [Build(installation, chart)];

    /// <summary>The <c>crd.projectcalico.org.v1</c> chart at the operator chart's version (released together).</summary>
    public static HelmChart BuildCrds(TigeraOperatorChart chart) => new()
    {
        Metadata = new V1ObjectMeta { Name = CrdsName, NamespaceProperty = HelmChart.DefaultNamespace },
        Spec = new HelmChartSpec
        {
            Repo = chart.Repository,
            Chart = TigeraOperatorChart.CrdChart,
            Version = chart.Version.ToString(),
            TargetNamespace = TigeraOperatorChart.Namespace,
            CreateNamespace = true,
            Bootstrap = true,
        },
    };

    /// <summary>The operator chart's HelmChart in kube-system: pinned version, <c>createNamespace</c>, <c>bootstrap</c>, values <see cref="TigeraOperatorValues"/> of <paramref name="installation"/>.</summary>
    public static HelmChart Build(Installation installation, TigeraOperatorChart chart)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentNullException.ThrowIfNull(chart);
        return new HelmChart
        {
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = HelmChart.DefaultNamespace },
            Spec = new HelmChartSpec
            {
                Repo = chart.Repository,
                Chart = TigeraOperatorChart.Chart,
                Version = chart.Version.ToString(),
                TargetNamespace = TigeraOperatorChart.Namespace,
                CreateNamespace = true,
                Bootstrap = true,
                ValuesContent = new TigeraOperatorValues(installation),
            },
        };
    }
}

/// <summary>
/// The tigera-operator chart's values as a typed object: <c>{installation: {enabled: true, &lt;Installation spec&gt;}}</c>,
/// holding the <see cref="Installation"/> itself. The chart renders the Installation named <c>default</c> from
/// <c>.Values.installation</c> minus <c>enabled</c> (projectcalico/calico
/// charts/tigera-operator/templates/crs/custom-resources.yaml), that is exactly this spec, so the validator checks the
/// Installation as this field's child (<c>&lt;file&gt;#valuesContent/installation</c>). The values document is made from
/// the Installation's JSON: its spec's keys, in order, after <c>enabled</c>.
/// </summary>
internal sealed class TigeraOperatorValues(Installation installation) : EmbeddedYaml
{
    /// <summary>The Installation the chart renders.</summary>
    public Installation Installation { get; } = installation;

    /// <inheritdoc/>
    public override string Label => "valuesContent/installation";

    /// <inheritdoc/>
    public override IReadOnlyList<object> Children => [Installation];

    /// <inheritdoc/>
    public override IReadOnlyList<JsonElement> Documents(Func<object, JsonElement> jsonOf)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("installation");
            writer.WriteBoolean("enabled", true);
            foreach (var property in jsonOf(Installation).GetProperty("spec").EnumerateObject())
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        using var values = JsonDocument.Parse(buffer.WrittenMemory);
        return [values.RootElement.Clone()];
    }
}
