namespace GitOps.Topology;

/// <summary>The Multus release line; its image layout, the CNI versions it speaks and its plugin kinds differ.</summary>
public enum MultusVersion
{
    /// <summary>
    /// v3.9.3 thin plugin: <c>/entrypoint.sh</c>, CNI spec ≤ 0.4.0. The blog's version. Its entrypoint copies
    /// the service-account token into <c>multus.kubeconfig</c> once and never again (multus-cni issue #852):
    /// see docs/multus.md for what that costs.
    /// </summary>
    V3,

    /// <summary>v4: thin (<c>/thin_entrypoint</c>, <c>/install_multus</c>) or thick (<c>multus-daemon</c>); reads CNI spec 1.x configs.</summary>
    V4,
}

/// <summary>How Multus runs on the node (multus-cni <c>docs/thick-plugin.md</c>).</summary>
public enum MultusPlugin
{
    /// <summary>
    /// The <c>multus</c> binary runs per CNI call and reads the library's <c>cni-conf.json</c> (Calico delegate
    /// derived from the lab) with a kubeconfig the entrypoint writes once at start.
    /// </summary>
    Thin,

    /// <summary>
    /// The <c>multus-shim</c> binary forwards each CNI call to <c>multus-daemon</c> in the DaemonSet pod, which
    /// talks to the API server with its in-cluster client (client-go re-reads the projected token, so it
    /// never goes stale) and, with <c>multusConfigFile: auto</c>, writes <c>00-multus.conf</c> from Calico's own
    /// <c>10-calico.conflist</c>. v4 only.
    /// </summary>
    Thick,
}

/// <summary>Multus as the meta plugin, with Calico as the primary network.</summary>
internal sealed record MultusSettings
{
    internal MultusSettings(MultusVersion Version, string ImageTag, string ConfFileName, string CniVersion, string? KubeconfigPath, SourceLocation Source)
    {
        this.Version = Version;
        this.ImageTag = ImageTag;
        this.ConfFileName = ConfFileName;
        this.CniVersion = CniVersion;
        this.KubeconfigPath = KubeconfigPath;
        this.Source = Source;
    }

    /// <summary>The release line; must agree with <see cref="ImageTag"/> (GITOPS150).</summary>
    public MultusVersion Version { get; internal init; }

    /// <summary>Image tag of <c>ghcr.io/k8snetworkplumbingwg/multus-cni</c>: <c>v3.9.3</c>, <c>v4.3.0</c> (thin) or <c>v4.3.0-thick</c>.</summary>
    public string ImageTag { get; internal init; }

    /// <summary>
    /// The file Multus writes into the CNI conf dir; it must sort first there so kubelet uses it. Thin: the
    /// library's conf file (default <c>0-multus.conf</c>); thick: <c>00-multus.conf</c>, the name multus-daemon's
    /// auto mode always writes (multus-cni <c>pkg/server/config/manager.go</c>).
    /// </summary>
    public string ConfFileName { get; internal init; }

    /// <summary>The cniVersion Multus and its primary delegate speak (thick: the daemon config's <c>cniVersion</c>).</summary>
    public string CniVersion { get; internal init; }

    /// <summary>Thin only: the node path of the kubeconfig the entrypoint writes; null for thick (the daemon uses its in-cluster client).</summary>
    public string? KubeconfigPath { get; internal init; }

    /// <summary>Where in the user's C# this was declared (file and line), so errors about it point there.</summary>
    public SourceLocation Source { get; internal init; }

    /// <summary>The thin plugin's conf file when the lab names none (the library's choice; it sorts before Calico's <c>10-calico.conflist</c>).</summary>
    public const string DefaultConfFileName = "0-multus.conf";
    /// <summary>The cniVersion Multus and its delegate speak when the lab names none (the library's choice; Multus v3 reads at most 0.4.0).</summary>
    public const string DefaultCniVersion = "0.3.1";

    /// <summary>The name multus-daemon's <c>multusConfigFile: auto</c> writes (multus-cni <c>pkg/server/config/manager.go</c>).</summary>
    internal const string ThickAutoConfFileName = "00-multus.conf";

    /// <summary>
    /// Thick only: the CPU of the <c>kube-multus</c> daemon container and its init container, a Kubernetes quantity
    /// written as both request and limit (Guaranteed QoS). Default <see cref="DefaultDaemonCpu"/>.
    /// </summary>
    public string DaemonCpu { get; internal init; } = DefaultDaemonCpu;

    /// <summary>
    /// Thick only: the memory of the <c>kube-multus</c> daemon container and its init container, a Kubernetes quantity
    /// written as both request and limit (Guaranteed QoS). Default <see cref="DefaultDaemonMemory"/>. The delegate
    /// plugins the daemon runs (Calico, bridge, dhcp, route-fix) are its children and are charged to this limit.
    /// </summary>
    public string DaemonMemory { get; internal init; } = DefaultDaemonMemory;

    /// <summary>
    /// 250m: the rke2-multus chart's request for the Multus container (rancher/rke2-charts
    /// <c>packages/rke2-multus/charts/values.yaml</c>, <c>pod.resources.multus.requests.cpu</c>); upstream's
    /// thick quick-start has 100m (multus-cni <c>deployments/multus-daemonset-thick.yml</c>).
    /// </summary>
    public const string DefaultDaemonCpu = "250m";

    /// <summary>
    /// 256Mi, the library's choice: upstream's thick quick-start limit of 50Mi is OOM-killed at start (multus-cni
    /// #1349: the daemons used about 53Mi) or under pod start-up bursts, because delegates run in its cgroup (#1144,
    /// #1346); the open upstream fix proposes 200Mi (#1383); rke2-multus requests 128Mi with a 1024Mi limit. 256Mi is
    /// five times the start-up figure, written as request and limit so the pod is Guaranteed.
    /// </summary>
    public const string DefaultDaemonMemory = "256Mi";

    /// <summary>Thin or thick; the library's default is <see cref="MultusPlugin.Thick"/> on <see cref="MultusVersion.V4"/>.</summary>
    public MultusPlugin Plugin { get; internal init; } = MultusPlugin.Thin;

    /// <summary>The line a lab gets when it says nothing: v4, the maintained one.</summary>
    public const MultusVersion DefaultVersion = MultusVersion.V4;

    /// <summary>
    /// Pinned image tags per line and plugin: k8snetworkplumbingwg/multus-cni releases. v3.9.3 (2022-12-26,
    /// the last v3 and the blog's), v4.3.0 (2026-05-29, the newest release); the release workflow pushes the
    /// thick image as <c>&lt;tag&gt;-thick</c> (<c>.github/workflows/image-push-release.yml</c>).
    /// </summary>
    public static string DefaultImageTag(MultusVersion version, MultusPlugin plugin = MultusPlugin.Thin) => (version, plugin) switch
    {
        (MultusVersion.V3, _) => "v3.9.3",
        (_, MultusPlugin.Thick) => "v4.3.0-thick",
        _ => "v4.3.0",
    };

    /// <summary>The plugin kind a line gets when none is named: thin for v3 (the only one emitted), thick for v4.</summary>
    public static MultusPlugin DefaultPlugin(MultusVersion version) => version == MultusVersion.V3 ? MultusPlugin.Thin : MultusPlugin.Thick;
}
