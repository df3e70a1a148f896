namespace GitOps.Topology;

/// <summary>
/// A built lab: what <see cref="LabBuilder.Build"/> returns and <see cref="GitOpsCli.Run(string[], Func{Lab})"/> and
/// <see cref="LabGenerator.Generate"/> take. Opaque and immutable: its networks, nodes, cluster, Calico, Multus,
/// attachments and workloads are checked and held inside; read the result through <see cref="LabGenerator.Generate"/>.
/// Compared by reference (two builds of one description are two labs). Start one with <see cref="Create"/>.
/// </summary>
public sealed class Lab
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

    /// <summary>The lab's name, a DNS-1123 label of at most 63 characters (GITOPS100); default name of the Flux objects.</summary>
    internal string Name { get; init; }

    /// <summary>The lab's networks in declaration order; names unique (GITOPS112), subnets not overlapping (GITOPS107).</summary>
    internal IReadOnlyList<Network> Networks { get; init; }

    /// <summary>The nodes in declaration order; names unique (GITOPS112).</summary>
    internal IReadOnlyList<Node> Nodes { get; init; }

    /// <summary>The cluster (required, GITOPS113).</summary>
    internal ClusterSettings Cluster { get; init; }

    /// <summary>Calico, the primary network (required, GITOPS113).</summary>
    internal CalicoSettings Calico { get; init; }

    /// <summary>Multus, the meta plugin; the library's defaults when the lab does not configure it.</summary>
    internal MultusSettings Multus { get; init; }

    /// <summary>The layer-2 attachments in declaration order.</summary>
    internal IReadOnlyList<Attachment> Attachments { get; init; }

    /// <summary>The workloads in declaration order.</summary>
    internal IReadOnlyList<Workload> Workloads { get; init; }

    /// <summary>The per-node agent's images and namespace; the library's defaults when the lab does not configure it.</summary>
    internal NodeAgentSettings NodeAgent { get; init; }

    /// <summary>The files the lab read when it was built (a workload's <c>.YamlFile</c>): full paths, sorted, each once.</summary>
    internal IReadOnlyList<string> InputFiles { get; init; } = [];

    /// <summary>
    /// Starts describing a lab: <c>Lab.Create("home-lab").Network(...)...Build()</c>. Nothing is checked until
    /// <see cref="LabBuilder.Build"/>, which reports every problem at once (GITOPS100 when <paramref name="name"/>
    /// is not a DNS-1123 label).
    /// </summary>
    /// <param name="name">The lab's name, a DNS-1123 label of at most 63 characters.</param>
    /// <param name="file">Filled by the compiler: the caller's source file, for errors that point at this call.</param>
    /// <param name="line">Filled by the compiler: the caller's line.</param>
    /// <returns>A new builder; each call returns an independent one.</returns>
    public static LabBuilder Create(string name,
        [System.Runtime.CompilerServices.CallerFilePath] string file = "",
        [System.Runtime.CompilerServices.CallerLineNumber] int line = 0) =>
        new(name, new SourceLocation(file, line));

    /// <summary>True when any attachment takes its address from DHCP (the node agent then runs the dhcp daemon).</summary>
    internal bool UsesDhcp => Attachments.Any(a => a.Ipam is DhcpIpamOptions);

    /// <summary>The one socket of the nodes' dhcp daemon: the socket every DHCP attachment dials (GITOPS122 makes them agree), or the default when none does.</summary>
    internal string DhcpDaemonSocketPath => DhcpIpamOptions.SocketPathOf(Attachments.Select(a => a.Ipam).OfType<DhcpIpamOptions>().FirstOrDefault());

    internal bool UsesWhereabouts => Attachments.Any(a => a.Ipam is WhereaboutsIpamOptions);

    /// <summary>Fleet/Flux delivery, the Rancher cluster and the host files; null when the lab has no GitOps section.</summary>
    internal GitOpsSettings? GitOps { get; init; }

    /// <summary>The <see cref="Create"/> call: where a diagnostic about the lab as a whole points.</summary>
    internal SourceLocation Source { get; init; }
}
