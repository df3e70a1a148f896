using GitOps.Topology;

namespace GitOps.Rancher;

/// <summary>
/// The K3s server/agent flags the lab's networking needs, derived from the model (docs.k3s.io
/// "Networking Options"/"Custom CNI"). The model always has Calico as the primary network under Multus:
/// <list type="bullet">
/// <item><c>--flannel-backend=none</c>: no flannel; Calico is the cluster network. With flannel off K3s
/// also uses the standard CNI folders (/etc/cni/net.d, /opt/cni/bin) Multus and Calico write to.</item>
/// <item><c>--disable-network-policy</c>: no K3s network-policy controller; Calico enforces NetworkPolicy.</item>
/// <item><c>--cluster-cidr=</c> the Calico pool and <c>--service-cidr=</c> the model's service CIDR: K3s defaults to
/// 10.42.0.0/16 and 10.43.0.0/16 (docs.k3s.io/cli/server, "Networking"); left out, kube-proxy treats pods of another pool
/// as outside the cluster, and a service CIDR other than the default moves the <c>kubernetes</c> Service away from
/// the address the Calico delegate's <c>k8s_api_root</c> names (found by the issue-14 property test).</item>
/// </list>
/// </summary>
public static class K3sInstallFlags
{
    /// <summary>The environment variable the K3s install script reads its flags from.</summary>
    public const string InstallExecVariable = "INSTALL_K3S_EXEC";

    public static IReadOnlyList<string> For(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(lab.Calico); // the primary network these flags make room for
        return ["--flannel-backend=none", "--disable-network-policy", $"--cluster-cidr={lab.Calico.Pool.Cidr}", $"--service-cidr={lab.Cluster.ServiceCidr}"];
    }
}
