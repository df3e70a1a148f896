namespace GitOps.Topology;

/// <summary>
/// The whole lab, immutable once built: networks, nodes, cluster, Calico, Multus, the layer-2
/// attachments and the workloads that use them. Create one with <see cref="Create"/>.
/// </summary>
public sealed record Lab
{
    internal Lab(string Name, IReadOnlyList<Network> Networks, IReadOnlyList<Node> Nodes, ClusterSettings Cluster, CalicoSettings Calico, MultusSettings Multus, IReadOnlyList<Attachment> Attachments, IReadOnlyList<Workload> Workloads, NodeAgentSettings NodeAgent)
    {
        this.Name = Name;
        this.Networks = Networks;
        this.Nodes = Nodes;
        this.Cluster = Cluster;
        this.Calico = Calico;
        this.Multus = Multus;
        this.Attachments = Attachments;
        this.Workloads = Workloads;
        this.NodeAgent = NodeAgent;
    }

    public string Name { get; internal init; }

    public IReadOnlyList<Network> Networks { get; internal init; }

    public IReadOnlyList<Node> Nodes { get; internal init; }

    public ClusterSettings Cluster { get; internal init; }

    public CalicoSettings Calico { get; internal init; }

    public MultusSettings Multus { get; internal init; }

    public IReadOnlyList<Attachment> Attachments { get; internal init; }

    public IReadOnlyList<Workload> Workloads { get; internal init; }

    public NodeAgentSettings NodeAgent { get; internal init; }

    public static LabBuilder Create(string name,
        [System.Runtime.CompilerServices.CallerFilePath] string file = "",
        [System.Runtime.CompilerServices.CallerLineNumber] int line = 0) =>
        new(name, new SourceLocation(file, line));

    public bool UsesDhcp => Attachments.Any(a => a.Ipam is DhcpIpamOptions);

    /// <summary>Fleet/Flux delivery, the Rancher cluster and the host files; null when the lab has no GitOps section.</summary>
    public GitOpsSettings? GitOps { get; internal init; }
}
