namespace GitOps.Diagnostics;

/// <summary>
/// GITOPS170-175 (model): a workload given as Kubernetes objects (<c>.Deployment(...)</c>, <c>.StatefulSet(...)</c>,
/// <c>.DaemonSet(...)</c>, <c>.Object(...)</c>, <c>.YamlFile(...)</c>). The library adds the Multus networks annotation
/// and the node affinity to the pod template and leaves every other field as written; these rules find what it
/// cannot add to, or what would contradict it. Each is reported at the builder call that brought the object in.
/// </summary>
public static partial class DiagnosticCodes
{
    /// <summary>
    /// A workload states its pods twice: <c>.Image(...)</c>/<c>.Port(...)</c> (which build a Deployment) together with
    /// a Deployment, StatefulSet or DaemonSet object, two such objects, or a companion (<c>.Object(...)</c>) that is
    /// itself one. Fix: one pod owner per <c>.Workload(...)</c>; declare a second workload with its own call.
    /// </summary>
    public const string WorkloadDefinedTwice = "GITOPS170";

    /// <summary>
    /// The workload's objects hold no pod template the library can annotate: no Deployment, StatefulSet or DaemonSet
    /// (e.g. a YAML file with only a ConfigMap), or a Pod, Job, CronJob, ReplicaSet or ReplicationController, whose
    /// template the library does not edit. Fix: give the pods a Deployment, StatefulSet or DaemonSet.
    /// </summary>
    public const string WorkloadWithoutPodTemplate = "GITOPS171";

    /// <summary>
    /// The object already sets <c>k8s.v1.cni.cncf.io/networks</c> (on the pod template, or on the object's own metadata,
    /// where Multus never reads it). The annotation is derived from <c>.Attach(...)</c>, which the model checks;
    /// fix: remove it and attach the attachments with <c>.Attach("namespace/name")</c>.
    /// </summary>
    public const string WorkloadNetworksAnnotationSet = "GITOPS172";

    /// <summary>
    /// A pod with <c>hostNetwork: true</c> joins attachments: the container runtime never calls CNI for it (containerd
    /// <c>internal/cri/server/sandbox_run.go</c> sets up the pod network only <c>if !hostNetwork(config)</c>), so Multus
    /// never adds the attachments. Fix: drop <c>hostNetwork</c> or the <c>.Attach(...)</c> calls.
    /// </summary>
    public const string WorkloadHostNetworkAttached = "GITOPS173";

    /// <summary>
    /// An object's <c>metadata.name</c> (the workload) or <c>metadata.namespace</c> (the workload or a companion) differs
    /// from the <c>.Workload("namespace/name", ...)</c> it is declared in. Fix: leave them empty (the library fills them
    /// in) or make them agree.
    /// </summary>
    public const string WorkloadObjectNameMismatch = "GITOPS174";

    /// <summary>
    /// A <c>.YamlFile(...)</c> cannot be read: the file is missing, is not YAML, has a field its kind does not define
    /// (read strictly, like <c>kubectl --validate=strict</c>), or an apiVersion/kind KubernetesClient has no type for
    /// (custom resources are not supported there). The message gives the YAML line.
    /// </summary>
    public const string WorkloadYamlUnreadable = "GITOPS175";
}
