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
    internal Located<string> ServiceCidrText { get; private set; } = new(ClusterSettings.DefaultServiceCidr, default);
    internal Located<string> ConfDir { get; private set; } = new(ClusterSettings.DefaultCniConfDir, default);
    internal Located<string> BinDir { get; private set; } = new(ClusterSettings.DefaultCniBinDir, default);
    internal Located<string>? NodeNetworkName { get; private set; }

    /// <summary>The Kubernetes service CIDR (K3s default 10.43.0.0/16); Calico's API root is derived from it.</summary>
    public ClusterBuilder ServiceCidr(string cidr, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ServiceCidrText = new(cidr, new(file, line));
        return this;
    }

    /// <summary>The network whose interface carries each node's address (the Kubernetes VLAN).</summary>
    public ClusterBuilder NodeNetwork(string network, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        NodeNetworkName = new(network, new(file, line));
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
