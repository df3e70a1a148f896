namespace GitOps.Topology;

/// <summary>Images and namespace of the per-node agent (route-fix installer, reference plugins, dhcp daemon).</summary>
public sealed class NodeAgentBuilder
{
    internal string Namespace { get; private set; } = NodeAgentSettings.DefaultNamespace;
    internal string RouteFix { get; private set; } = NodeAgentSettings.DefaultRouteFixImage;
    internal string Plugins { get; private set; } = NodeAgentSettings.DefaultPluginsImage;
    internal string PluginsDir { get; private set; } = NodeAgentSettings.DefaultPluginsSourceDir;
    internal string Pause { get; private set; } = NodeAgentSettings.DefaultPauseImage;

    public NodeAgentBuilder InNamespace(string ns)
    {
        Namespace = ns;
        return this;
    }

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

    public NodeAgentBuilder PauseImage(string image)
    {
        Pause = image;
        return this;
    }

    internal NodeAgentSettings Build() => new(Namespace, RouteFix, Plugins, PluginsDir, Pause);
}
