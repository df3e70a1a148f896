namespace GitOps.Topology;

/// <summary>
/// The per-node pieces the layer-2 attachments need: the route-fix binary, the reference
/// <c>bridge</c> and <c>dhcp</c> plugins (Calico's operator does not install them), and the dhcp daemon.
/// </summary>
internal sealed record NodeAgentSettings
{
    internal NodeAgentSettings(string Namespace, string RouteFixImage, string PluginsImage, string PluginsSourceDir, string PauseImage)
    {
        this.Namespace = Namespace;
        this.RouteFixImage = RouteFixImage;
        this.PluginsImage = PluginsImage;
        this.PluginsSourceDir = PluginsSourceDir;
        this.PauseImage = PauseImage;
    }

    /// <summary>Namespace of the node agent DaemonSet, a DNS-1123 label (GITOPS100). Default <see cref="DefaultNamespace"/>.</summary>
    public string Namespace { get; internal init; }

    /// <summary>Image built from src/RouteFix (SDK container support); runs <c>route-fix install</c>. Default <see cref="DefaultRouteFixImage"/>; an invalid reference is GITOPS118.</summary>
    public string RouteFixImage { get; internal init; }

    /// <summary>An image holding the CNI reference plugins in <see cref="PluginsSourceDir"/> and a <c>cp</c>. Default <see cref="DefaultPluginsImage"/>; an invalid reference is GITOPS118.</summary>
    public string PluginsImage { get; internal init; }

    /// <summary>Absolute path of the plugin binaries inside <see cref="PluginsImage"/>. Default <see cref="DefaultPluginsSourceDir"/>.</summary>
    public string PluginsSourceDir { get; internal init; }

    /// <summary>The image of the DaemonSet's long-running container, which only keeps the pod alive (GITOPS118 when the reference is invalid). Default <see cref="DefaultPauseImage"/>.</summary>
    public string PauseImage { get; internal init; }

    /// <summary>kube-system (the library's choice: the agent is node plumbing, like the CNI itself).</summary>
    public const string DefaultNamespace = "kube-system";
    /// <summary>The library's own route-fix image at the version this library emits configs for.</summary>
    public const string DefaultRouteFixImage = "ghcr.io/lab-network/route-fix:0.1.0";

    /// <summary>Rancher's hardened build of containernetworking/plugins (binaries in /opt/cni/bin).</summary>
    public const string DefaultPluginsImage = "docker.io/rancher/hardened-cni-plugins:v1.7.1-build20250611";
    /// <summary>Where <see cref="DefaultPluginsImage"/> keeps the binaries.</summary>
    public const string DefaultPluginsSourceDir = "/opt/cni/bin";
    /// <summary>The Kubernetes pause image (registry.k8s.io/pause), at the version the library pins.</summary>
    public const string DefaultPauseImage = "registry.k8s.io/pause:3.10";
}
