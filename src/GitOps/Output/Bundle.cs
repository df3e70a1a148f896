namespace GitOps.Output;

/// <summary>
/// One unit of delivery: the objects that reach the cluster together, after every bundle in <see cref="DependsOn"/>.
/// Emitters tag what they emit with a bundle (<see cref="BundleFile"/>) and never name a folder; delivery alone turns
/// bundles into folders (a Fleet bundle with its fleet.yaml <c>dependsOn</c>, a Flux Kustomization with its
/// <c>dependsOn</c>, or, without a GitOps section, plain folders) and orders them by a topological sort over
/// <see cref="DependsOn"/> (GitOps.Delivery.BundleOrder). Compared by reference: each bundle exists once, here.
/// </summary>
/// <param name="Name">The bundle's name (delivery writes it to the folder of that name).</param>
/// <param name="DependsOn">The bundles that must be in the cluster before this one.</param>
internal sealed record Bundle(string Name, IReadOnlyList<Bundle> DependsOn) : IOutputFolder
{
    /// <summary>The NAD CRD and, with whereabouts, its two CRDs: the first thing of the CNI layer.</summary>
    public static Bundle Crds { get; } = new("crds", []);

    /// <summary>Multus: RBAC, ConfigMap and its hostNetwork DaemonSet (CNI layer).</summary>
    public static Bundle Multus { get; } = new("multus", [Crds]);

    /// <summary>Every Namespace object of the lab (moved here by delivery): the first bundle after the CNI layer, so each
    /// namespace exists before (or with) every object in it.</summary>
    public static Bundle Namespaces { get; } = new("namespaces", [Multus]);

    /// <summary>Calico's own objects (the Installation, which with a GitOps section the CNI layer's chart carries instead).</summary>
    public static Bundle Calico { get; } = new("calico", [Namespaces]);

    /// <summary>Calico's BGP objects (<c>projectcalico.org/v3</c>, served by the Calico API server the operator starts, so
    /// not in one release with the CNI layer), before the node agent so the router learns the pod blocks before pods start.</summary>
    public static Bundle CalicoBgp { get; } = new("calico-bgp", [Calico]);

    /// <summary>The node agent that installs route-fix, the DHCP daemon and whereabouts: before the NADs, whose chains call them.</summary>
    public static Bundle NodeAgent { get; } = new("node-agent", [CalicoBgp]);

    /// <summary>The NetworkAttachmentDefinitions: before the workloads that name them.</summary>
    public static Bundle Networks { get; } = new("networks", [NodeAgent]);

    /// <summary>The workloads that use the networks, with their companion objects.</summary>
    public static Bundle Workloads { get; } = new("workloads", [Networks]);

    /// <summary>Every bundle an emitter may tag a file with.</summary>
    public static IReadOnlyList<Bundle> All { get; } = [Crds, Multus, Namespaces, Calico, CalicoBgp, NodeAgent, Networks, Workloads];

    /// <summary>Reference equality: two bundles with one name are still two bundles (delivery refuses that).</summary>
    public bool Equals(Bundle? other) => ReferenceEquals(this, other);

    /// <inheritdoc/>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>The name (a record's default would print every dependency, recursively).</summary>
    public override string ToString() => Name;
}

/// <summary>
/// One file an emitter produced, tagged with its <see cref="Bundle"/> instead of a folder: <see cref="Name"/> is the
/// file's name inside the bundle (<c>daemonset-kube-multus-ds.yaml</c>). Delivery places it (a <see cref="ManifestFile"/>
/// with a path).
/// </summary>
/// <param name="Bundle">The bundle the file's objects are delivered with.</param>
/// <param name="Name">The file name inside the bundle, no '/'.</param>
/// <param name="Objects">The typed documents, in this order (as <see cref="ManifestFile.Objects"/>).</param>
internal sealed record BundleFile(Bundle Bundle, string Name, IReadOnlyList<object> Objects)
{
    /// <summary>Where in the user's C# the file's model element was declared (as <see cref="ManifestFile.Source"/>).</summary>
    public Topology.SourceLocation? Source { get; init; }
}

/// <summary>
/// A bundle as delivery placed it, for the Fleet and Flux emitters: its folder (relative to the output folder), its
/// files there, and the folders of the delivered bundles it waits for (its nearest delivered dependencies).
/// <see cref="Files"/> can be empty when Fleet installs the folder's content from a Helm chart instead.
/// </summary>
/// <param name="Bundle">The bundle.</param>
/// <param name="Folder">Its folder, no '/'.</param>
/// <param name="Files">The files in the folder, by path (ordinal).</param>
/// <param name="DependsOn">The folders of the delivered bundles this one waits for, in delivery order.</param>
internal sealed record BundleFolder(Bundle Bundle, string Folder, IReadOnlyList<ManifestFile> Files, IReadOnlyList<string> DependsOn);

/// <summary>
/// A top-level folder of the output, named once by its type: a <see cref="Bundle"/> or one of delivery's own
/// <see cref="DeliveryFolder"/>s. Only delivery (GitOps.Delivery.BundleLayout) turns one into a path.
/// </summary>
internal interface IOutputFolder
{
    /// <summary>The folder's name, no '/'.</summary>
    string Name { get; }
}

/// <summary>
/// A top-level folder that is not a bundle: the delivery emitters' own files (Fleet's GitRepos, Flux's objects, the
/// Rancher Cluster, the host files), named here once, as <see cref="Bundle"/>s are. Compared by reference.
/// </summary>
/// <param name="Name">The folder's name, no '/'.</param>
internal sealed record DeliveryFolder(string Name) : IOutputFolder
{
    /// <summary>The provisioning Cluster and its fleet.yaml: a Fleet bundle for Rancher's own cluster (workspace fleet-local).</summary>
    public static DeliveryFolder RancherLocal { get; } = new("rancher-local");

    /// <summary>Objects applied once by hand on the Rancher (Fleet manager) cluster: the GitRepos.</summary>
    public static DeliveryFolder Rancher { get; } = new("rancher");

    /// <summary>Flux's GitRepository and Kustomizations (<c>kubectl apply -k flux/</c> once).</summary>
    public static DeliveryFolder Flux { get; } = new("flux");

    /// <summary>Files for the machines: per node and router (networkd units, K3s config and manifests, frr.conf), Hyper-V scripts.</summary>
    public static DeliveryFolder Hosts { get; } = new("hosts");

    /// <summary>Every folder a delivery emitter may write a file to besides the bundles.</summary>
    public static IReadOnlyList<DeliveryFolder> All { get; } = [RancherLocal, Rancher, Flux, Hosts];

    /// <summary>Reference equality, as <see cref="Bundle"/>'s.</summary>
    public bool Equals(DeliveryFolder? other) => ReferenceEquals(this, other);

    /// <inheritdoc/>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}

/// <summary>
/// One file a delivery emitter produced, tagged with its folder instead of a path: a bundle's (its fleet.yaml or
/// kustomization.yaml) or one of delivery's own. Delivery places it (<see cref="ManifestFile"/>, with a path).
/// </summary>
/// <param name="Folder">The top-level folder the file goes to.</param>
/// <param name="Name">The file's path inside <paramref name="Folder"/>, '/'-separated (<c>k8s-1/etc/rancher/k3s/config.yaml</c> under hosts).</param>
/// <param name="Objects">The typed documents, in this order (as <see cref="ManifestFile.Objects"/>).</param>
internal sealed record DeliveryFile(IOutputFolder Folder, string Name, IReadOnlyList<object> Objects)
{
    /// <summary>Where in the user's C# the file's model element was declared (as <see cref="ManifestFile.Source"/>).</summary>
    public Topology.SourceLocation? Source { get; init; }

    /// <summary>The file whose documents this one repeats (placed as <see cref="ManifestFile.CopyOf"/>, its path).</summary>
    public DeliveryFile? CopyOf { get; init; }
}

/// <summary>Where delivery placed a file: its top-level folder and its path inside it.</summary>
/// <param name="Folder">The bundle or delivery folder.</param>
/// <param name="Name">The file's path inside the folder ('/'-separated).</param>
internal sealed record Placement(IOutputFolder Folder, string Name);
