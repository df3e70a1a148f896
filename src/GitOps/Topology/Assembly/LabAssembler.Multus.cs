using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Reading Multus: plugin, conf file name, kubeconfig, daemon resources.</summary>
internal sealed partial class LabAssembler
{
    /// <summary>The file Calico's install-cni writes; Multus's must sort before it. (tigera/operator, calico node install.go)</summary>
    internal const string CalicoConfFileName = "10-calico.conflist";

    /// <remarks>Reports GITOPS153 (MultusPluginUnsupported), GITOPS154 (MultusSettingNotApplicable), GITOPS116 (InvalidConfFileName).</remarks>
    private MultusSettings BuildMultus(ClusterSettings? cluster)
    {
        var m = _lab.MultusChoice;
        var plugin = m.PluginChoice?.Value ?? MultusSettings.DefaultPlugin(m.Line);
        if (m.Line == MultusVersion.V3 && plugin == MultusPlugin.Thick)
        {
            _errors.Add(MultusPluginUnsupported, "lab/multus/plugin", "the thick plugin is offered only for Multus v4 (v3's thick plugin was never emitted by the library and is unmaintained); use .Version(MultusVersion.V4) for the thick plugin, or drop plugin: MultusPlugin.Thick to keep the blog's v3.9.3 thin plugin.", m.PluginChoice!.Value.Source);
            plugin = MultusPlugin.Thin; // reported once; the remaining rules see the only v3 plugin there is
        }

        var tag = m.Tag?.Value ?? MultusSettings.DefaultImageTag(m.Line, plugin);
        if (m.Tag is { } t)
        {
            CheckMultusTag(t, m.Line, plugin);
        }

        var thick = plugin == MultusPlugin.Thick;
        var conf = m.ConfFileName ?? new(MultusSettings.DefaultConfFileName, default);
        if (thick && m.ConfFileName is { } explicitConf)
        {
            _errors.Add(MultusSettingNotApplicable, "lab/multus/confFile", $"'{explicitConf.Value}' is not used by the thick plugin: multus-daemon's auto mode always writes {MultusSettings.ThickAutoConfFileName} from Calico's conflist; remove .ConfFile(...), or choose the thin plugin with .Version(MultusVersion.V4, plugin: MultusPlugin.Thin).", explicitConf.Source);
        }
        else if (string.IsNullOrWhiteSpace(conf.Value) || conf.Value.Contains('/') || conf.Value.Contains('"') || conf.Value.Any(char.IsWhiteSpace) ||
            !(conf.Value.EndsWith(".conf", StringComparison.Ordinal) || conf.Value.EndsWith(".conflist", StringComparison.Ordinal)))
        {
            _errors.Add(InvalidConfFileName, "lab/multus/confFile", $"'{conf.Value}' is not a CNI config file name; use a plain file name ending in .conf, e.g. \"0-multus.conf\".", conf.Source);
        }
        else if (string.CompareOrdinal(conf.Value, CalicoConfFileName) >= 0)
        {
            _errors.Add(InvalidConfFileName, "lab/multus/confFile", $"'{conf.Value}' sorts after Calico's '{CalicoConfFileName}', so kubelet would use Calico directly and Multus would never run; use a name that sorts first, e.g. \"0-multus.conf\".", conf.Source);
        }

        CheckCniVersion(m.CniVersionText, "lab/multus/cniVersion", m.Line);
        if (m.Kubeconfig is { } k)
        {
            if (thick)
            {
                _errors.Add(MultusSettingNotApplicable, "lab/multus/kubeconfig", $"'{k.Value}' is not used by the thick plugin: multus-daemon talks to the API server with its in-cluster service account, whose token client-go re-reads; remove .KubeconfigPath(...), or choose the thin plugin with .Version(MultusVersion.V4, plugin: MultusPlugin.Thin).", k.Source);
            }
            else
            {
                CheckAbsolutePath(k, "lab/multus/kubeconfig");
            }
        }

        var resources = CheckDaemonResources(m.Resources, thick);
        var kubeconfig = thick ? null : m.Kubeconfig?.Value ?? (cluster is null ? null : $"{cluster.CniConfDir}/multus.d/multus.kubeconfig");
        var confFileName = thick ? MultusSettings.ThickAutoConfFileName : conf.Value;
        var settings = new MultusSettings(m.Line, tag, confFileName, m.CniVersionText.Value, kubeconfig, m.Source) { Plugin = plugin };
        return resources is { } r ? settings with { DaemonCpu = r.Cpu, DaemonMemory = r.Memory } : settings;
    }

    /// <summary>The daemon resources the lab sets; null when it sets none (or they do not apply), so <see cref="MultusSettings"/>' own defaults stand.</summary>
    /// <remarks>Reports GITOPS154 (MultusSettingNotApplicable), GITOPS121 (InvalidValue).</remarks>
    private (string Cpu, string Memory)? CheckDaemonResources(Located<(string Cpu, string Memory)>? resources, bool thick)
    {
        if (resources is not { } r)
        {
            return null;
        }

        if (!thick)
        {
            _errors.Add(MultusSettingNotApplicable, "lab/multus/resources", "the daemon resources apply to the thick plugin's kube-multus daemon; the thin plugin's container only copies files; remove .DaemonResources(...), or choose the thick plugin with .Version(MultusVersion.V4).", r.Source);
            return null;
        }

        foreach (var (name, value, example) in new[] { ("cpu", r.Value.Cpu, "\"250m\""), ("memory", r.Value.Memory, "\"256Mi\"") })
        {
            if (!IsPositiveQuantity(value))
            {
                _errors.Add(InvalidValue, $"lab/multus/resources/{name}", $"'{value}' is not a positive Kubernetes quantity for {name}; write it like {example}.", r.Source);
            }
        }

        return r.Value;
    }

    /// <summary>A Kubernetes quantity (KubernetesClient's <see cref="k8s.Models.ResourceQuantity"/> parser) greater than zero.</summary>
    private static bool IsPositiveQuantity(string text)
    {
        if (string.IsNullOrEmpty(text) || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        try
        {
            return new k8s.Models.ResourceQuantity(text).ToDecimal() > 0;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }
}
