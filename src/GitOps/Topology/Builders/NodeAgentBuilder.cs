namespace GitOps.Topology;

/// <summary>Images and namespace of the per-node agent (route-fix installer, reference plugins, dhcp daemon).</summary>
public sealed class NodeAgentBuilder
{
    internal string NamespaceName { get; private set; } = NodeAgentSettings.DefaultNamespace;
    internal string RouteFix { get; private set; } = NodeAgentSettings.DefaultRouteFixImage;
    internal string Plugins { get; private set; } = NodeAgentSettings.DefaultPluginsImage;
    internal string PluginsDir { get; private set; } = NodeAgentSettings.DefaultPluginsSourceDir;
    internal string Pause { get; private set; } = NodeAgentSettings.DefaultPauseImage;

    /// <summary>The namespace of the node agent's DaemonSet (default <c>kube-system</c>); a DNS-1123 label.</summary>
    public NodeAgentBuilder Namespace(string @namespace)
    {
        NamespaceName = @namespace;
        return this;
    }

    /// <summary>Obsolete: the node agent's namespace.</summary>
    [Obsolete("use Namespace(name)")]
    public NodeAgentBuilder InNamespace(string ns) => Namespace(ns);

    /// <summary>The image with the route-fix binary the agent installs into the CNI bin dir; an image reference (GITOPS118 otherwise). Default <see cref="NodeAgentSettings.DefaultRouteFixImage"/>.</summary>
    public NodeAgentBuilder RouteFixImage(string image)
    {
        RouteFix = image;
        return this;
    }

    /// <summary>An image with the CNI reference plugins (bridge, dhcp) in <paramref name="sourceDir"/> and a <c>cp</c>.</summary>
    public NodeAgentBuilder PluginsImage(string image, string sourceDir = NodeAgentSettings.DefaultPluginsSourceDir)
    {
        Plugins = image;
        PluginsDir = sourceDir;
        return this;
    }

    /// <summary>The image of the agent's idle container; an image reference (GITOPS118 otherwise). Default <see cref="NodeAgentSettings.DefaultPauseImage"/>.</summary>
    public NodeAgentBuilder PauseImage(string image)
    {
        Pause = image;
        return this;
    }

    internal NodeAgentSettings Build() => new(NamespaceName, RouteFix, Plugins, PluginsDir, Pause);
}
