using System.Net;

namespace GitOps.Topology;

/// <summary>
/// The cluster itself: service CIDR, where CNI configs and binaries live on each node. The cluster runs K3s (with
/// Flannel disabled), the only distribution the library emits for; its host paths and files are K3s's.
/// </summary>
internal sealed record ClusterSettings
{
    internal ClusterSettings(string Name, IReadOnlyList<IPNetwork> ServiceCidrs, string CniConfDir, string CniBinDir, Network NodeNetwork, SourceLocation Source)
    {
        this.Name = Name;
        this.ServiceCidrs = ServiceCidrs;
        this.CniConfDir = CniConfDir;
        this.CniBinDir = CniBinDir;
        this.NodeNetwork = NodeNetwork;
        this.Source = Source;
    }

    /// <summary>The cluster's name, a DNS-1123 label (GITOPS100); it names the Rancher provisioning Cluster and appears in the router's FRR configuration.</summary>
    public string Name { get; internal init; }

    /// <summary>
    /// The Kubernetes service CIDRs (K3s <c>service-cidr</c>), one per pool family in the pools' order: the primary one,
    /// then the IPv6 one of a dual-stack cluster (GITOPS190, GITOPS191). Defaults K3s's: <see cref="DefaultServiceCidr"/>
    /// for IPv4, <see cref="DefaultIPv6ServiceCidr"/> for IPv6. None may overlap a lab network or a pod pool (GITOPS107).
    /// </summary>
    public IReadOnlyList<IPNetwork> ServiceCidrs { get; internal init; }

    /// <summary>The primary service CIDR, <c>ServiceCidrs[0]</c>; the <c>kubernetes</c> Service's ClusterIP comes from it.</summary>
    public IPNetwork ServiceCidr => ServiceCidrs[0];

    /// <summary>Absolute node path where kubelet reads CNI configs, without a trailing '/' (GITOPS120). Default <see cref="DefaultCniConfDir"/>.</summary>
    public string CniConfDir { get; internal init; }

    /// <summary>Absolute node path of the CNI plugin binaries, without a trailing '/' (GITOPS120). Default <see cref="DefaultCniBinDir"/>.</summary>
    public string CniBinDir { get; internal init; }

    /// <summary>The network that carries the nodes' addresses (Calico's BGP peering and node IPs).</summary>
    public Network NodeNetwork { get; internal init; }

    /// <summary>Where in the user's C# this was declared (file and line), so errors about it point there.</summary>
    public SourceLocation Source { get; internal init; }

    /// <summary>Defaults of K3s (<c>--service-cidr</c>) and of the CNI reference plugins' loader.</summary>
    public const string DefaultServiceCidr = "10.43.0.0/16";
    /// <summary>K3s's IPv6 <c>--service-cidr</c> default (k3s-io/k3s pkg/util/net.go, GetDefaultAddresses).</summary>
    public const string DefaultIPv6ServiceCidr = "fd00:43::/112";
    /// <summary><c>/etc/cni/net.d</c>, the conventional CNI config directory of the CNI reference loader.</summary>
    public const string DefaultCniConfDir = "/etc/cni/net.d";
    /// <summary><c>/opt/cni/bin</c>, the conventional CNI plugin directory of the CNI reference loader.</summary>
    public const string DefaultCniBinDir = "/opt/cni/bin";

    /// <summary>
    /// The ClusterIP of the <c>kubernetes</c> Service: the first address of the service CIDR
    /// (what the API server allocates to <c>default/kubernetes</c>).
    /// </summary>
    internal IPAddress KubernetesServiceIp => IpMath.Offset(ServiceCidr.BaseAddress, 1);

    /// <summary>Calico's <c>k8s_api_root</c>, derived from the service CIDR; an IPv6 address in brackets (RFC 3986 3.2.2).</summary>
    internal string KubernetesApiRoot => IpMath.IsIPv4(KubernetesServiceIp) ? $"https://{KubernetesServiceIp}:443" : $"https://[{KubernetesServiceIp}]:443";
}
