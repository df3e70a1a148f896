using System.Net;

namespace GitOps.Topology;

public enum KubernetesDistribution
{
    K3s,
}

/// <summary>The cluster itself: distribution, service CIDR, where CNI configs and binaries live on each node.</summary>
public sealed record ClusterSettings
{
    internal ClusterSettings(string Name, KubernetesDistribution Distribution, IPNetwork ServiceCidr, string CniConfDir, string CniBinDir, Network NodeNetwork, SourceLocation Source)
    {
        this.Name = Name;
        this.Distribution = Distribution;
        this.ServiceCidr = ServiceCidr;
        this.CniConfDir = CniConfDir;
        this.CniBinDir = CniBinDir;
        this.NodeNetwork = NodeNetwork;
        this.Source = Source;
    }

    public string Name { get; internal init; }

    public KubernetesDistribution Distribution { get; internal init; }

    public IPNetwork ServiceCidr { get; internal init; }

    public string CniConfDir { get; internal init; }

    public string CniBinDir { get; internal init; }

    /// <summary>The network that carries the nodes' addresses (Calico's BGP peering and node IPs).</summary>
    public Network NodeNetwork { get; internal init; }

    public SourceLocation Source { get; internal init; }

    /// <summary>Defaults of K3s (<c>--service-cidr</c>) and of the CNI reference plugins' loader.</summary>
    public const string DefaultServiceCidr = "10.43.0.0/16";
    public const string DefaultCniConfDir = "/etc/cni/net.d";
    public const string DefaultCniBinDir = "/opt/cni/bin";

    /// <summary>
    /// The ClusterIP of the <c>kubernetes</c> Service: the first address of the service CIDR
    /// (what the API server allocates to <c>default/kubernetes</c>).
    /// </summary>
    public IPAddress KubernetesServiceIp => IpMath.Offset(ServiceCidr.BaseAddress, 1);

    /// <summary>Calico's <c>k8s_api_root</c>, derived from the service CIDR.</summary>
    public string KubernetesApiRoot => $"https://{KubernetesServiceIp}:443";
}
