using System.Net;

namespace GitOps.Topology;

public enum KubernetesDistribution
{
    K3s,
}

/// <summary>The cluster itself: distribution, service CIDR, where CNI configs and binaries live on each node.</summary>
/// <param name="NodeNetwork">The network that carries the nodes' addresses (Calico's BGP peering and node IPs).</param>
public sealed record ClusterSettings(
    string Name,
    KubernetesDistribution Distribution,
    IPNetwork ServiceCidr,
    string CniConfDir,
    string CniBinDir,
    Network NodeNetwork,
    SourceLocation Source)
{
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
