namespace GitOps.Topology;

/// <summary>
/// The whole lab, immutable once built: networks, nodes, cluster, Calico, Multus, the layer-2
/// attachments and the workloads that use them. Create one with <see cref="Create"/>.
/// </summary>
public sealed record Lab(
    string Name,
    IReadOnlyList<Network> Networks,
    IReadOnlyList<Node> Nodes,
    ClusterSettings Cluster,
    CalicoSettings Calico,
    MultusSettings Multus,
    IReadOnlyList<Attachment> Attachments,
    IReadOnlyList<Workload> Workloads,
    NodeAgentSettings NodeAgent)
{
    public static LabBuilder Create(string name,
        [System.Runtime.CompilerServices.CallerFilePath] string file = "",
        [System.Runtime.CompilerServices.CallerLineNumber] int line = 0) =>
        new(name, new SourceLocation(file, line));

    public bool UsesDhcp => Attachments.Any(a => a.Ipam is DhcpIpamOptions);

    /// <summary>Fleet/Flux delivery, the Rancher cluster and the host files; null when the lab has no GitOps section.</summary>
    public GitOpsSettings? GitOps { get; init; }
}
