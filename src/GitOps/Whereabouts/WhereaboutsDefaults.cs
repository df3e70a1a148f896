namespace GitOps.Whereabouts;

/// <summary>
/// Whereabouts' install values in one place, from k8snetworkplumbingwg/whereabouts <c>doc/crds/daemonset-install.yaml</c>
/// and <c>doc/crds/whereabouts.cni.cncf.io_*.yaml</c> at tag v0.9.4 (3a262bd0cd873e13d9b379342f8251b852a89b8f).
/// Upstream's manifest pulls <c>:latest</c>; the image is pinned to the same release's tag, which its
/// <c>.github/workflows/image-push-release.yml</c> pushes to ghcr.io on every <c>v*</c> tag.
/// </summary>
internal static class WhereaboutsDefaults
{
    public const string Version = "v0.9.4";
    public const string Image = "ghcr.io/k8snetworkplumbingwg/whereabouts:" + Version;
    public const string Namespace = "kube-system";
    public const string Name = "whereabouts";
    public const string ClusterRoleName = "whereabouts-cni";
    public const string ConfigMapName = "whereabouts-config";

    /// <summary>The reconciler's schedule (upstream: "once per day at 4:30am").</summary>
    public const string CronExpression = "30 4 * * *";

    public const string Group = "whereabouts.cni.cncf.io";
    public const string ControllerGenVersion = "v0.14.0";

    /// <summary>
    /// Upstream's container script: <c>install-cni.sh</c> copies <c>/whereabouts</c> into the host CNI bin dir and
    /// writes the flat config (kubeconfig) under the host CNI conf dir; then the token watcher and the reconciler run.
    /// </summary>
    public const string Script = "SLEEP=false source /install-cni.sh\n/token-watcher.sh &\n/ip-control-loop -log-level debug\n";
}
