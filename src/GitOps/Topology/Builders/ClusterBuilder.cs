using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>Describes the cluster: <c>c.NodeNetwork("k8s").ServiceCidr("10.43.0.0/16")</c>.</summary>
public sealed class ClusterBuilder
{
    internal ClusterBuilder(string name, SourceLocation source)
    {
        Name = name;
        Source = source;
    }

    internal string Name { get; }
    internal SourceLocation Source { get; }
    /// <summary>The user's primary service CIDR; null: K3s's default of the primary pool's family.</summary>
    internal Located<string>? ServiceCidrText { get; private set; }
    internal Located<string>? IPv6ServiceCidrText { get; private set; }
    internal Located<string> ConfDir { get; private set; } = new(ClusterSettings.DefaultCniConfDir, default);
    internal Located<string> BinDir { get; private set; } = new(ClusterSettings.DefaultCniBinDir, default);
    internal Located<string>? NodeNetworkName { get; private set; }

    /// <summary>The lab builder whose handle named the node network; null when it was named by a string.</summary>
    internal LabBuilder? NodeNetworkIssuer { get; private set; }

    /// <summary>
    /// The Kubernetes service CIDR (K3s's <c>service-cidr</c>); Calico's API root is derived from it. Its family must be
    /// the primary pool's (<see cref="CalicoBuilder.IPPool"/>; K3s's agent refuses another, GITOPS191). Default K3s's
    /// own for that family: <c>10.43.0.0/16</c> (IPv4) or <c>fd00:43::/112</c> (k3s-io/k3s pkg/util/net.go,
    /// GetDefaultAddresses).
    /// </summary>
    public ClusterBuilder ServiceCidr(string cidr, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ServiceCidrText = new(cidr, new(file, line));
        return this;
    }

    /// <summary>
    /// The IPv6 service CIDR of a dual-stack cluster (the second entry of K3s's <c>service-cidr</c>), e.g.
    /// <c>"fd00:43::/112"</c>. Only with <see cref="CalicoBuilder.IPv6Pool"/> (K3s's agent refuses a dual-stack
    /// service-cidr with a single-stack cluster-cidr, GITOPS191); an IPv4 CIDR here is GITOPS190. Default with
    /// <see cref="CalicoBuilder.IPv6Pool"/>: <c>fd00:43::/112</c>.
    /// </summary>
    public ClusterBuilder IPv6ServiceCidr(string cidr, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        IPv6ServiceCidrText = new(cidr, new(file, line));
        return this;
    }

    /// <summary>
    /// The network whose interface carries each node's address (the Kubernetes VLAN), by name (GITOPS111 when the lab
    /// declares no such network). Required (GITOPS113). A second call replaces the first.
    /// </summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = TypedHandles.OverloadJustification)]
    public ClusterBuilder NodeNetwork(string network, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        NodeNetworkName = new(network, new(file, line));
        NodeNetworkIssuer = null;
        return this;
    }

    /// <summary>
    /// The network whose interface carries each node's address (the Kubernetes VLAN), a handle from
    /// <see cref="LabBuilder.Network(string, Action{NetworkBuilder}, out NetworkReference, string, int)"/>:
    /// <c>c.NodeNetwork(k8s)</c>. A handle from another lab builder is GITOPS128 at Build, reported at this call.
    /// Required (GITOPS113). A second call replaces the first.
    /// </summary>
    /// <param name="network">The node network.</param>
    /// <param name="file">Filled by the compiler: the caller's source file, for errors that point at this call.</param>
    /// <param name="line">Filled by the compiler: the caller's line.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    [SuppressMessage("ApiDesign", "RS0026", Justification = TypedHandles.OverloadJustification)]
    public ClusterBuilder NodeNetwork(NetworkReference network, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        NodeNetworkName = new(network.Name, new(file, line));
        NodeNetworkIssuer = network.Issuer;
        return this;
    }

    /// <summary>Where kubelet reads CNI configs on the nodes (default /etc/cni/net.d).</summary>
    public ClusterBuilder CniConfDir(string path, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ConfDir = new(path, new(file, line));
        return this;
    }

    /// <summary>Where the CNI plugin binaries live on the nodes (default /opt/cni/bin).</summary>
    public ClusterBuilder CniBinDir(string path, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        BinDir = new(path, new(file, line));
        return this;
    }
}
