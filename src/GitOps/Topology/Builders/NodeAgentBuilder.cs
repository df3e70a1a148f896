using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>Images and namespace of the per-node agent (route-fix installer, reference plugins, dhcp daemon).</summary>
public sealed class NodeAgentBuilder
{
    // A default value has no call site (default SourceLocation); the rules then point at Lab.Create, but defaults are valid.
    internal Located<string> NamespaceName { get; private set; } = new(NodeAgentSettings.DefaultNamespace, default);
    internal Located<string> RouteFix { get; private set; } = new(NodeAgentSettings.DefaultRouteFixImage, default);
    internal Located<string> Plugins { get; private set; } = new(NodeAgentSettings.DefaultPluginsImage, default);
    internal Located<string> PluginsDir { get; private set; } = new(NodeAgentSettings.DefaultPluginsSourceDir, default);
    internal Located<string> Pause { get; private set; } = new(NodeAgentSettings.DefaultPauseImage, default);

    /// <summary>
    /// The namespace of the node agent's DaemonSet (default <c>kube-system</c>); a DNS-1123 label (GITOPS100
    /// otherwise, reported at this call).
    /// </summary>
    public NodeAgentBuilder Namespace(string @namespace, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        NamespaceName = new(@namespace, new(file, line));
        return this;
    }

    /// <summary>
    /// The image with the route-fix binary the agent installs into the CNI bin dir; an image reference (GITOPS118
    /// otherwise, reported at this call). Default <c>ghcr.io/lab-network/route-fix:0.1.0</c>, the image the release workflow pushes.
    /// </summary>
    public NodeAgentBuilder RouteFixImage(string image, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        RouteFix = new(image, new(file, line));
        return this;
    }

    /// <summary>
    /// An image with the CNI reference plugins (bridge, dhcp) in <paramref name="sourceDir"/> and a <c>cp</c>.
    /// <paramref name="image"/> is an image reference (GITOPS118 otherwise), <paramref name="sourceDir"/> an absolute
    /// Linux path (GITOPS120 otherwise); both errors are reported at this call. Default
    /// <c>docker.io/rancher/hardened-cni-plugins:v1.7.1-build20250611</c> with the plugins in <c>/opt/cni/bin</c>.
    /// </summary>
    public NodeAgentBuilder PluginsImage(string image, string sourceDir = NodeAgentSettings.DefaultPluginsSourceDir, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Plugins = new(image, new(file, line));
        PluginsDir = new(sourceDir, new(file, line));
        return this;
    }

    /// <summary>
    /// The image of the agent's idle container; an image reference (GITOPS118 otherwise, reported at this call).
    /// Default <c>registry.k8s.io/pause:3.10</c>.
    /// </summary>
    public NodeAgentBuilder PauseImage(string image, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Pause = new(image, new(file, line));
        return this;
    }

    internal NodeAgentSettings Build() => new(NamespaceName.Value, RouteFix.Value, Plugins.Value, PluginsDir.Value, Pause.Value);
}
