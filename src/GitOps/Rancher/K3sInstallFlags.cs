using GitOps.Topology;

namespace GitOps.Rancher;

/// <summary>
/// The K3s server/agent flags the lab's networking needs, derived from the model (docs.k3s.io
/// "Networking Options"/"Custom CNI"). The model always has Calico as the primary network under Multus:
/// <list type="bullet">
/// <item><c>--flannel-backend=none</c>: no flannel; Calico is the cluster network. With flannel off K3s
/// also uses the standard CNI folders (/etc/cni/net.d, /opt/cni/bin) Multus and Calico write to.</item>
/// <item><c>--disable-network-policy</c>: no K3s network-policy controller; Calico enforces NetworkPolicy.</item>
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
        return ["--flannel-backend=none", "--disable-network-policy"];
    }
}
