using k8s;
using k8s.Models;

namespace GitOps.Topology;

/// <summary>
/// Pods the lab runs that join secondary networks (Home Assistant on the LAN): one Deployment, StatefulSet or DaemonSet
/// plus its companion objects (PersistentVolumeClaim, Service, ConfigMap, …), all emitted into <c>workloads/</c>. The
/// library adds the Multus networks annotation and, where only some nodes have the bridges, a node affinity to the pod
/// template, and leaves every other field as written.
/// </summary>
internal sealed record Workload
{
    internal Workload(string Name, string Namespace, IReadOnlyList<Attachment> Attachments, IKubernetesObject<V1ObjectMeta> PodOwner, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Companions, SourceLocation Source)
    {
        this.Name = Name;
        this.Namespace = Namespace;
        this.Attachments = Attachments;
        this.PodOwner = PodOwner;
        this.Companions = Companions;
        this.Source = Source;
    }

    /// <summary>The pod owner's name, a DNS-1123 label (GITOPS100).</summary>
    public string Name { get; internal init; }

    /// <summary>The namespace of the pod owner and its companions, a DNS-1123 label (GITOPS100).</summary>
    public string Namespace { get; internal init; }

    /// <summary>The pod owner's kind: <c>Deployment</c> (also for <c>.Image(...)</c>), <c>StatefulSet</c> or <c>DaemonSet</c>.</summary>
    public string Kind => PodOwner.Kind;

    /// <summary>The attachments the pods join, in declaration order (GITOPS111 when one names no attachment of the lab).</summary>
    public IReadOnlyList<Attachment> Attachments { get; internal init; }

    /// <summary>What the pod asks of each attachment it joins (address, MAC), one per <see cref="Attachments"/> entry in its order.</summary>
    public IReadOnlyList<NetworkSelection> Selections { get; internal init; } = [];

    /// <summary>Where in the user's C# this was declared (file and line), so errors about it point there.</summary>
    public SourceLocation Source { get; internal init; }

    /// <summary>
    /// The Deployment, StatefulSet or DaemonSet as the user wrote it (a copy taken by <c>Build()</c>, name and namespace
    /// filled in), without the annotation and affinity the emitter adds. Never handed out: the lab stays immutable.
    /// </summary>
    internal IKubernetesObject<V1ObjectMeta> PodOwner { get; init; }

    /// <summary>The companion objects (copies, namespace filled in), in declaration order.</summary>
    internal IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Companions { get; init; }

    /// <summary>Where the pod owner was declared (its <c>.Deployment(...)</c>, <c>.Image(...)</c> or <c>.YamlFile(...)</c>
    /// call); <see cref="Source"/> when unknown.</summary>
    internal SourceLocation PodOwnerSource { get; init; }

    /// <summary>Where each companion was declared (its <c>.Object(...)</c> or <c>.YamlFile(...)</c> call), one per
    /// <see cref="Companions"/> entry in its order; a problem with the object's file points there.</summary>
    internal IReadOnlyList<SourceLocation> CompanionSources { get; init; } = [];
}

/// <summary>A named container port of a workload's simple form (<c>.Image(...).Port("http", 8123)</c>).</summary>
internal sealed record WorkloadPort(string Name, int Port);
