using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>
/// Describes Multus. Without any call a lab gets the maintained default: Multus v4.3.0, thick plugin
/// (<c>ghcr.io/k8snetworkplumbingwg/multus-cni:v4.3.0-thick</c>). The blog's setup is
/// <c>m.Version(MultusVersion.V3).ConfFile("0-multus.conf")</c> (v3.9.3 thin; see docs/multus.md for its cost).
/// </summary>
public sealed class MultusBuilder
{
    internal MultusBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
    internal MultusVersion Line { get; private set; } = MultusSettings.DefaultVersion;
    internal Located<MultusPlugin>? PluginChoice { get; private set; }
    internal SourceLocation VersionSource { get; private set; }
    internal Located<string>? Tag { get; private set; }
    internal Located<string>? ConfFileName { get; private set; }
    internal Located<string> CniVersionText { get; private set; } = new(MultusSettings.DefaultCniVersion, default);
    internal Located<string>? Kubeconfig { get; private set; }
    internal Located<(string Cpu, string Memory)>? Resources { get; private set; }

    /// <summary>
    /// The release line, optionally a pinned image tag and the plugin kind.
    /// </summary>
    /// <param name="version">V3 (blog, v3.9.3) or V4 (maintained).</param>
    /// <param name="imageTag">
    /// A release tag of <c>ghcr.io/k8snetworkplumbingwg/multus-cni</c> of that line: <c>v3.9.3</c>; <c>v4.3.0</c> (thin);
    /// <c>v4.3.0-thick</c> (thick). Default: <c>v3.9.3</c> for V3, <c>v4.3.0</c> (thin) or <c>v4.3.0-thick</c> (thick) for V4. A tag of another line or
    /// plugin kind, or a floating tag, is GITOPS150; a v4.0.x thin tag is GITOPS151.
    /// </param>
    /// <param name="plugin">Thin or thick; default thin for V3 (the only kind emitted for it, else GITOPS153), thick for V4.</param>
    public MultusBuilder Version(MultusVersion version, string? imageTag = null, MultusPlugin? plugin = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Line = version;
        VersionSource = new(file, line);
        Tag = imageTag is null ? null : new(imageTag, new(file, line));
        PluginChoice = plugin is { } p ? new(p, new(file, line)) : null;
        return this;
    }

    /// <summary>
    /// Thin plugin only: the Multus conf file name (default <c>0-multus.conf</c>); both the DaemonSet argument
    /// and the ConfigMap volume item are derived from it. With the thick plugin it is GITOPS154 (the daemon
    /// always writes <c>00-multus.conf</c>).
    /// </summary>
    public MultusBuilder ConfFile(string fileName, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ConfFileName = new(fileName, new(file, line));
        return this;
    }

    /// <summary>The cniVersion Multus and the Calico delegate speak (0.3.1 by default; v3 reads at most 0.4.0).</summary>
    public MultusBuilder CniVersion(string version, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        CniVersionText = new(version, new(file, line));
        return this;
    }

    /// <summary>
    /// Thin plugin only: the kubeconfig Multus uses on the node (default <c>&lt;conf dir&gt;/multus.d/multus.kubeconfig</c>).
    /// The entrypoints write only that default path (v3 <c>images/entrypoint.sh</c>, v4 <c>cmd/thin_entrypoint</c>), so
    /// another path must be a kubeconfig you put on every node yourself. With the thick plugin it is GITOPS154
    /// (the daemon uses its in-cluster client).
    /// </summary>
    public MultusBuilder KubeconfigPath(string path, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Kubeconfig = new(path, new(file, line));
        return this;
    }

    /// <summary>
    /// Thick plugin only: CPU and memory of the <c>kube-multus</c> daemon and its init container, as Kubernetes
    /// quantities (<c>"500m"</c>, <c>"512Mi"</c>), each written as request and limit so the pod is Guaranteed (the
    /// last OOM victim of its node, multus-cni #1160). Defaults <c>"250m"</c> and <c>"256Mi"</c>; raise the memory for nodes that start many pods at once
    /// (the delegates run in the daemon's cgroup). A value that is not a positive quantity is GITOPS121; with the
    /// thin plugin it is GITOPS154.
    /// </summary>
    public MultusBuilder DaemonResources(string cpu, string memory, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Resources = new((cpu, memory), new(file, line));
        return this;
    }
}
