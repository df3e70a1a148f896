using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;

namespace GitOps.Topology;

/// <summary>
/// Describes pods that join attachments. The simple form builds a Deployment:
/// <c>w.Image("...").Port("http", 8123).Attach("default/layer2-bridge")</c>. The full form takes the Kubernetes objects
/// as written (<c>k8s.Models</c> types of KubernetesClient, or a YAML file): one pod owner — <see cref="Deployment"/>,
/// <see cref="StatefulSet"/> or <see cref="DaemonSet"/> — and any companions (<see cref="Object"/>: PersistentVolumeClaim,
/// Service, ConfigMap, …). Either way the library adds only the <c>k8s.v1.cni.cncf.io/networks</c> annotation and, when
/// some node lacks a bridge the attachments plug into, a required node affinity to the pod template; every object goes
/// to <c>workloads/</c> and through the schema validator (GITOPS3xx). Objects are copied when <c>Build()</c> runs.
/// </summary>
public sealed class WorkloadBuilder
{
    private readonly List<Located<string>> _attachments = [];
    private readonly List<LabBuilder?> _attachmentIssuers = [];
    private readonly List<NetworkSelectionBuilder> _selections = [];
    private readonly List<Located<WorkloadPort>> _ports = [];
    private readonly List<Located<IKubernetesObject<V1ObjectMeta>>> _podOwners = [];
    private readonly List<Located<IKubernetesObject<V1ObjectMeta>>> _companions = [];
    private readonly List<Located<string>> _yamlFiles = [];

    internal WorkloadBuilder(string qualifiedName, SourceLocation source)
    {
        QualifiedName = qualifiedName;
        Source = source;
    }

    internal string QualifiedName { get; }
    internal SourceLocation Source { get; }
    internal Located<string>? ImageRef { get; private set; }
    internal IReadOnlyList<Located<string>> Attachments => _attachments;

    /// <summary>Per entry of <see cref="Attachments"/>: the lab builder whose handle named it; null when named by a string.</summary>
    internal IReadOnlyList<LabBuilder?> AttachmentIssuers => _attachmentIssuers;
    internal IReadOnlyList<NetworkSelectionBuilder> Selections => _selections;
    internal IReadOnlyList<Located<WorkloadPort>> Ports => _ports;
    internal IReadOnlyList<Located<IKubernetesObject<V1ObjectMeta>>> PodOwners => _podOwners;
    internal IReadOnlyList<Located<IKubernetesObject<V1ObjectMeta>>> Companions => _companions;
    internal IReadOnlyList<Located<string>> YamlFiles => _yamlFiles;

    /// <summary>
    /// The simple form: the container image of a one-replica Deployment (strategy <c>Recreate</c>, one container named
    /// like the workload), <c>"ghcr.io/home-assistant/home-assistant:2025.11"</c> (GITOPS118 if not a reference).
    /// A workload needs this or a pod owner object (GITOPS113); both is GITOPS170.
    /// </summary>
    public WorkloadBuilder Image(string image, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ImageRef = new(image, new(file, line));
        return this;
    }

    /// <summary>
    /// Simple form: a TCP container port, named (<c>"http"</c>) and numbered 1–65535 (GITOPS121 otherwise, reported at
    /// this call). With a pod owner object, declare ports in its container instead (GITOPS170).
    /// </summary>
    public WorkloadBuilder Port(string name, int port, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _ports.Add(new(new WorkloadPort(name, port), new(file, line)));
        return this;
    }

    /// <summary>
    /// Join the attachment <c>namespace/name</c> (the pod template gets the Multus networks annotation). Several
    /// attachments share the pod's routing table: at most one may carry multicast/broadcast (GITOPS125), no extra
    /// route may cover another's subnet (GITOPS126), no destination twice (GITOPS127). <paramref name="configure"/> asks
    /// for the pod's address or MAC on it (<see cref="NetworkSelectionBuilder"/>).
    /// </summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = TypedHandles.OverloadJustification)]
    public WorkloadBuilder Attach(string attachment, Action<NetworkSelectionBuilder>? configure = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        AddAttachment(new(attachment, new(file, line)), null, configure);

    /// <summary>
    /// Join the attachment <paramref name="attachment"/>, a handle from
    /// <see cref="LabBuilder.Attachment(string, Action{AttachmentBuilder}, out AttachmentReference, string, int)"/>:
    /// <c>w.Attach(lanL2)</c>; otherwise as <see cref="Attach(string, Action{NetworkSelectionBuilder}?, string, int)"/>.
    /// A handle from another lab builder is GITOPS128 at Build, reported at this call.
    /// </summary>
    /// <param name="attachment">The attachment the pods join.</param>
    /// <param name="configure">Optional: the pod's address or MAC on it (<see cref="NetworkSelectionBuilder"/>).</param>
    /// <param name="file">Filled by the compiler: the caller's source file, for errors that point at this call.</param>
    /// <param name="line">Filled by the compiler: the caller's line.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="attachment"/> is null.</exception>
    [SuppressMessage("ApiDesign", "RS0026", Justification = TypedHandles.OverloadJustification)]
    public WorkloadBuilder Attach(AttachmentReference attachment, Action<NetworkSelectionBuilder>? configure = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return AddAttachment(new(attachment.QualifiedName, new(file, line)), attachment.Issuer, configure);
    }

    private WorkloadBuilder AddAttachment(Located<string> attachment, LabBuilder? issuer, Action<NetworkSelectionBuilder>? configure)
    {
        var selection = new NetworkSelectionBuilder();
        configure?.Invoke(selection);
        _selections.Add(selection);
        _attachments.Add(attachment);
        _attachmentIssuers.Add(issuer);
        return this;
    }

    /// <summary>
    /// The pods as a Deployment, taken as written. <c>metadata.name</c>/<c>namespace</c> may be left empty (they are
    /// filled from <c>.Workload("namespace/name")</c>; other values are GITOPS174). Errors: the networks annotation
    /// already set (GITOPS172), <c>hostNetwork: true</c> with attachments (GITOPS173), a second pod owner (GITOPS170).
    /// </summary>
    public WorkloadBuilder Deployment(V1Deployment deployment, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        PodOwner(deployment, file, line);

    /// <summary>The pods as a StatefulSet, taken as written; the same rules as <see cref="Deployment"/>.</summary>
    public WorkloadBuilder StatefulSet(V1StatefulSet statefulSet, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        PodOwner(statefulSet, file, line);

    /// <summary>The pods as a DaemonSet, taken as written; the same rules as <see cref="Deployment"/>.</summary>
    public WorkloadBuilder DaemonSet(V1DaemonSet daemonSet, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        PodOwner(daemonSet, file, line);

    /// <summary>
    /// A companion object written beside the workload into <c>workloads/</c> as written: a PersistentVolumeClaim,
    /// Service, ConfigMap, Secret, … (any <c>k8s.Models</c> type; its <c>apiVersion</c>/<c>kind</c> are required,
    /// GITOPS304, and kinds without a bundled schema are a warning, GITOPS305). An empty namespace is filled with the
    /// workload's; another namespace is GITOPS174. A Deployment, StatefulSet or DaemonSet here is GITOPS170.
    /// A class of your own that implements <c>IKubernetesObject&lt;V1ObjectMeta&gt;</c> is serialized by reflection, which a
    /// lab published NativeAOT or trimmed does not allow: there <c>Build()</c> throws <see cref="NotSupportedException"/>
    /// naming its type, and only <c>k8s.Models</c> types (source-generated metadata) work.
    /// </summary>
    public WorkloadBuilder Object(IKubernetesObject<V1ObjectMeta> companion, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(companion);
        _companions.Add(new(companion, new(file, line)));
        return this;
    }

    /// <summary>
    /// The objects of a YAML file (one or more <c>---</c> documents), read when <c>Build()</c> runs with KubernetesClient's
    /// <c>KubernetesYaml</c>, strictly (an unknown field is an error): its Deployment, StatefulSet or DaemonSet is the pod
    /// owner, every other object a companion, with the rules of <see cref="Deployment"/> and <see cref="Object"/>. Empty
    /// and null documents (a trailing <c>---</c>, a <c>---</c> followed only by comments, <c>--- ~</c>) are skipped, as
    /// kubectl skips them. <paramref name="path"/> is absolute or relative to the current directory (the lab project's folder under
    /// <c>dotnet build</c>; a test of the lab runs in its output folder, so copy the file there with
    /// <c>CopyToOutputDirectory</c>). Under <c>dotnet build</c> a change to the file alone reruns the generator: the generator
    /// lists the files the lab read, and the MSBuild task takes them as inputs of the next build (docs/msbuild.md).
    /// The file is UTF-8 (with or without a byte order mark), or UTF-16 or UTF-32 with theirs; a byte that is not valid
    /// there is GITOPS175 with its line, as are an unreadable file, an unknown field or kind; a Pod, Job or CronJob GITOPS171.
    /// A problem in one of its objects (a schema error, a Service that selects none of the pods) is reported at the line
    /// its document starts on in the file; a problem with the file as a whole, at this call.
    /// Not in a lab published NativeAOT: <c>KubernetesYaml</c> builds its YAML (de)serializers by reflection, which NativeAOT
    /// cannot run, so the publish warns IL3050 at this call and <c>Build()</c> reports GITOPS175 at it (docs/performance.md,
    /// "NativeAOT"); declare the objects in C# (<see cref="Deployment"/>, <see cref="Object"/>) there instead.
    /// </summary>
    [RequiresDynamicCode("A .YamlFile(...) workload is read by KubernetesClient's KubernetesYaml, which NativeAOT cannot run: Build() reports GITOPS175 in a NativeAOT lab. Declare the objects in C# (.Deployment(...), .Object(...)), or run the lab under the JIT (the MSBuild task's default).")]
    public WorkloadBuilder YamlFile(string path, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _yamlFiles.Add(new(path, new(file, line)));
        return this;
    }

    private WorkloadBuilder PodOwner(IKubernetesObject<V1ObjectMeta> owner, string file, int line)
    {
        ArgumentNullException.ThrowIfNull(owner);
        _podOwners.Add(new(owner, new(file, line)));
        return this;
    }
}
