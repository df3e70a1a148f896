namespace GitOps.Topology;

/// <summary>The Multus release line; its thin-plugin image layout and the CNI versions it speaks differ.</summary>
public enum MultusVersion
{
    /// <summary>v3.9.3 thin plugin: <c>/entrypoint.sh</c>, CNI spec ≤ 0.4.0. The blog's version.</summary>
    V3,

    /// <summary>v4 thin plugin: <c>/thin_entrypoint</c> and <c>/install_multus</c>, CNI spec up to 1.0.0.</summary>
    V4,
}

/// <summary>Multus as the meta plugin, with Calico (+ bandwidth + portmap) as the primary network.</summary>
/// <param name="ImageTag">Image tag of <c>ghcr.io/k8snetworkplumbingwg/multus-cni</c>.</param>
/// <param name="ConfFileName">The file Multus writes into the CNI conf dir; it must sort first there so kubelet uses it.</param>
/// <param name="CniVersion">The cniVersion Multus and its primary delegate speak.</param>
public sealed record MultusSettings(
    MultusVersion Version,
    string ImageTag,
    string ConfFileName,
    string CniVersion,
    string? KubeconfigPath,
    SourceLocation Source)
{
    public const string DefaultConfFileName = "0-multus.conf";
    public const string DefaultCniVersion = "0.3.1";

    /// <summary>Default image tags per line (upstream releases of k8snetworkplumbingwg/multus-cni).</summary>
    public static string DefaultImageTag(MultusVersion version) => version switch
    {
        MultusVersion.V3 => "v3.9.3",
        _ => "v4.2.2",
    };
}
