namespace GitOps.Diagnostics;

/// <summary>GITOPS3xx: schema validation of the emitted objects (GitOps.Validation), before anything is written.</summary>
public static partial class DiagnosticCodes
{
    /// <summary>A Kubernetes object has a value its schema (Kubernetes 1.35 OpenAPI or the CRD) rejects: wrong type, enum, pattern, format or range.</summary>
    public const string KubernetesInvalidValue = "GITOPS301";

    /// <summary>A Kubernetes object has a field its schema does not define (strict field validation rejects it; the API server would otherwise drop it).</summary>
    public const string KubernetesUnknownField = "GITOPS302";

    /// <summary>A Kubernetes object lacks a field its schema requires.</summary>
    public const string KubernetesMissingField = "GITOPS303";

    /// <summary>An emitted object has no apiVersion/kind or cannot be serialized to JSON.</summary>
    public const string ObjectNotValidatable = "GITOPS304";

    /// <summary>Warning: no schema is bundled for this apiVersion/kind, so the object was not validated.</summary>
    public const string NoSchemaForKind = "GITOPS305";

    /// <summary>
    /// An object's <c>metadata</c> the API server rejects, which no schema states: a name not in its kind's format (DNS-1123
    /// subdomain; a Service a DNS-1035 label, a Namespace a DNS-1123 label), a namespace that is not a DNS-1123 label, a
    /// label key or annotation key that is not a qualified name, or a label value longer than 63 characters or not of
    /// letters, digits, '-', '_', '.' (k8s.io/apimachinery <c>pkg/util/validation/validation.go</c>,
    /// <c>pkg/api/validation/objectmeta.go</c>). Typical source: a hand-written YAML file (<c>.YamlFile</c>).
    /// </summary>
    public const string KubernetesInvalidMetadata = "GITOPS306";

    /// <summary>
    /// Warning: the object carries fields the API server sets (<c>metadata.uid</c>, <c>resourceVersion</c>,
    /// <c>managedFields</c>): typically an object exported with <c>kubectl get -o yaml</c>. They pin the object to one
    /// cluster's copy (a stale <c>resourceVersion</c> is a conflict, a <c>uid</c> a precondition) and server-side apply
    /// refuses <c>managedFields</c>. Remove them.
    /// </summary>
    public const string KubernetesServerSetField = "GITOPS307";

    /// <summary>A CNI configuration string (ConfigMap cni-conf.json, NetworkAttachmentDefinition spec.config) is not valid JSON.</summary>
    public const string CniConfigNotJson = "GITOPS310";

    /// <summary>A CNI configuration has a value its plugin's schema rejects.</summary>
    public const string CniInvalidValue = "GITOPS311";

    /// <summary>A CNI configuration has a field its plugin does not read (Go's JSON decoding would ignore it silently).</summary>
    public const string CniUnknownField = "GITOPS312";

    /// <summary>A CNI configuration lacks a required field (e.g. a plugin without "type").</summary>
    public const string CniMissingField = "GITOPS313";

    /// <summary>A CNI configuration's cniVersion is newer than the Multus version in the set can read (Multus 3.x: up to 0.4.0).</summary>
    public const string CniVersionUnsupportedByMultus = "GITOPS314";

    /// <summary>Warning: no schema is bundled for this CNI plugin type or IPAM type; only its "type" was checked.</summary>
    public const string NoSchemaForCniPlugin = "GITOPS315";

    /// <summary>
    /// A configuration list writes disableCheck/disableGC/loadOnlyInlinedPlugins as a string ("true"), which the
    /// set's Multus cannot read: its libcni before v1.2.1 (Multus before v4.2.1) accepts only a JSON boolean there.
    /// </summary>
    public const string CniStringBooleanUnsupportedByMultus = "GITOPS316";

    /// <summary>Calico nodeAddressAutodetection canReach is not an IP address or host name (e.g. an interface name).</summary>
    public const string CalicoCanReachNotAddress = "GITOPS320";

    /// <summary>
    /// A Calico Installation's nodeAddressAutodetectionV4 or V6 sets more than one method (e.g. <c>firstFound: true</c>
    /// and <c>kubernetes</c>); the tigera operator's validateNodeAddressDetection rejects it.
    /// </summary>
    public const string CalicoAutodetectionMethodsConflict = "GITOPS321";

    /// <summary>
    /// Warning: a Service among a workload's objects has a selector that takes none of the pods of its namespace's
    /// workloads (a label of the selector is missing from every pod template or has another value), so it gets no
    /// endpoints (kubernetes.io "Service": a Service's pods are those carrying every label of its selector). A Service
    /// without a selector, or of type ExternalName, is not read; a selector key the pods' own controller adds
    /// (a Deployment's <c>pod-template-hash</c>, a StatefulSet's <c>statefulset.kubernetes.io/pod-name</c>, …) is taken
    /// as matching. Fix: make
    /// <c>spec.selector</c> a subset of the pod template's labels.
    /// </summary>
    public const string ServiceSelectsNoPod = "GITOPS322";

    /// <summary>
    /// Warning: a port of a workload's Service sets <c>targetPort</c> to a name that no container (or sidecar init
    /// container, <c>restartPolicy: Always</c>) port of the selected pods declares with the same protocol (kubernetes <c>pkg/api/v1/pod/util.go</c> FindPort: the name
    /// is looked up among the containers' named ports, and without a match the Service has no endpoint for the port). Fix:
    /// use a declared port name or the number.
    /// </summary>
    public const string ServiceTargetPortUnknown = "GITOPS323";

    /// <summary>
    /// Warning: a workload that declares PersistentVolumeClaims (objects, or a StatefulSet's <c>volumeClaimTemplates</c>)
    /// has a volume whose <c>claimName</c> is none of the lab's claims in its namespace (the message names another
    /// namespace that declares it), so the pod stays Pending (kubernetes.io "Persistent Volumes", Claims As Volumes: claims
    /// must exist in the pod's namespace). A workload that declares no claim is not read: its claims may be made outside
    /// the lab. Fix: rename the claim or the volume's <c>claimName</c> so they agree.
    /// </summary>
    public const string ClaimNotInLab = "GITOPS324";
}
