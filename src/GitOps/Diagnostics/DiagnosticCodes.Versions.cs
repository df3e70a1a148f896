namespace GitOps.Diagnostics;

/// <summary>
/// GITOPS150–159: versions that must agree. Each names what an image or release really contains, so a
/// combination the model would otherwise accept cannot reach a node (sources in docs/multus.md).
/// </summary>
public static partial class DiagnosticCodes
{
    /// <summary>
    /// The Multus image tag is not a release of the chosen line and plugin: v3 images have only
    /// <c>/entrypoint.sh</c>, v4 thin images <c>/thin_entrypoint</c> and <c>/install_multus</c>, v4 <c>-thick</c> images
    /// neither of those at <c>/</c> (the daemon lives in <c>/usr/src/multus-cni/bin</c>); a floating tag
    /// (<c>latest</c>, <c>snapshot</c>) cannot be checked.
    /// </summary>
    public const string MultusImageTagMismatch = "GITOPS150";

    /// <summary>
    /// Multus v4.0.x thin with an explicit conf file: its thin_entrypoint writes <c>multus.kubeconfig</c> only
    /// with <c>--multus-conf-file=auto</c> (fixed in v4.1.0 by multus-cni PR #1317), so the conf file points at
    /// a kubeconfig that never exists.
    /// </summary>
    public const string MultusKubeconfigNotWritten = "GITOPS151";

    /// <summary>The Calico version is not a release tag like <c>v3.32.1</c>, or older than the oldest release the library's derivations were checked against.</summary>
    public const string CalicoVersionInvalid = "GITOPS152";

    /// <summary>The Multus plugin kind is not offered for the release line (the library emits v3 only as the blog's thin plugin).</summary>
    public const string MultusPluginUnsupported = "GITOPS153";

    /// <summary>A Multus setting that the chosen plugin does not read (conf file name, kubeconfig path with the thick plugin).</summary>
    public const string MultusSettingNotApplicable = "GITOPS154";

    /// <summary>
    /// A Calico setting that the chosen Calico version does not have: the nftables dataplane before v3.29.0, or CNI
    /// dirs other than the defaults before v3.31.0 (the Installation's <c>cni.binDir</c>/<c>confDir</c>).
    /// </summary>
    public const string CalicoFeatureNeedsNewerVersion = "GITOPS155";
}
