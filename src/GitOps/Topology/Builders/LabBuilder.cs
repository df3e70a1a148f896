using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>
/// The fluent entry point: describe networks, nodes, cluster, Calico, Multus, attachments and
/// workloads, then <see cref="Build"/> checks every rule and returns the immutable <see cref="Lab"/>.
/// </summary>
public sealed class LabBuilder
{
    private readonly List<NetworkBuilder> _networks = [];
    private readonly List<NodeBuilder> _nodes = [];
    private readonly List<AttachmentBuilder> _attachments = [];
    private readonly List<WorkloadBuilder> _workloads = [];
    private NodeAgentBuilder _nodeAgent = new();
    private ClusterBuilder? _cluster;
    private CalicoBuilder? _calico;
    private MultusBuilder? _multus;
    private GitOpsBuilder? _gitOps;

    internal LabBuilder(string name, SourceLocation source)
    {
        Name = name;
        Source = source;
    }

    internal string Name { get; }
    internal SourceLocation Source { get; }
    internal IReadOnlyList<NetworkBuilder> Networks => _networks;
    internal IReadOnlyList<NodeBuilder> Nodes => _nodes;
    internal IReadOnlyList<AttachmentBuilder> Attachments => _attachments;
    internal IReadOnlyList<WorkloadBuilder> Workloads => _workloads;
    internal ClusterBuilder? ClusterChoice => _cluster;
    internal CalicoBuilder? CalicoChoice => _calico;
    internal MultusBuilder MultusChoice => _multus ?? new MultusBuilder(Source);
    internal NodeAgentBuilder NodeAgentChoice => _nodeAgent;
    internal GitOpsBuilder? GitOpsChoice => _gitOps;

    /// <summary>
    /// A network of the lab, named by a DNS-1123 label (GITOPS100; a name twice is GITOPS112):
    /// <c>.Network("lan", n =&gt; n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"))</c>. At least one is required (GITOPS113).
    /// </summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = TypedHandles.OverloadJustification)]
    public LabBuilder Network(string name, Action<NetworkBuilder> configure,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var builder = new NetworkBuilder(name, new(file, line));
        configure(builder);
        _networks.Add(builder);
        return this;
    }

    /// <summary>
    /// As <see cref="Network(string, Action{NetworkBuilder}, string, int)"/>, and hands back a typed handle to the
    /// network: <c>.Network("lan", n =&gt; n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"), out var lan)</c>, then
    /// <c>.Interface("eth0", lan)</c>, <c>a.Network(lan)</c>, <c>c.NodeNetwork(lan)</c> instead of the string
    /// <c>"lan"</c>. The handle works only in this builder (another lab's is GITOPS128 at Build).
    /// </summary>
    /// <param name="name">The network's name, a DNS-1123 label (GITOPS100), unique in the lab (GITOPS112).</param>
    /// <param name="configure">Describes the network (subnet, gateway, VLAN, MTU, host addressing).</param>
    /// <param name="network">Set to the handle, whose <see cref="NetworkReference.Name"/> is <paramref name="name"/>.</param>
    /// <param name="file">Filled by the compiler: the caller's source file, for errors that point at this call.</param>
    /// <param name="line">Filled by the compiler: the caller's line.</param>
    /// <returns>This builder.</returns>
    [SuppressMessage("ApiDesign", "RS0026", Justification = TypedHandles.OverloadJustification)]
    public LabBuilder Network(string name, Action<NetworkBuilder> configure, out NetworkReference network,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        network = new NetworkReference(name, this);
        return Network(name, configure, file, line);
    }

    /// <summary>
    /// A Kubernetes node and its interfaces, named like the node's hostname (a DNS-1123 label, GITOPS100; twice is
    /// GITOPS112). At least one is required (GITOPS113).
    /// </summary>
    public LabBuilder Node(string name, Action<NodeBuilder> configure,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var builder = new NodeBuilder(name, new(file, line));
        configure(builder);
        _nodes.Add(builder);
        return this;
    }

    /// <summary>
    /// The cluster (its name is the default Fleet target and Rancher cluster name): <c>.Cluster("example", c =&gt;
    /// c.NodeNetwork("k8s"))</c>. Required (GITOPS113). A section: a second call replaces the first.
    /// </summary>
    public LabBuilder Cluster(string name, Action<ClusterBuilder> configure,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _cluster = new ClusterBuilder(name, new(file, line));
        configure(_cluster);
        return this;
    }

    /// <summary>
    /// Calico, the primary network: <c>.Calico(c =&gt; c.IPPool("192.168.7.0/24"))</c>. Required (GITOPS113), and so is
    /// its pool. A section: a second call replaces the first.
    /// </summary>
    public LabBuilder Calico(Action<CalicoBuilder> configure,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _calico = new CalicoBuilder(new(file, line));
        configure(_calico);
        return this;
    }

    /// <summary>
    /// Multus, which adds the attachments to pods. Optional (default: the maintained v4 thick plugin, see
    /// <see cref="MultusBuilder"/>). A section: a second call replaces the first.
    /// </summary>
    public LabBuilder Multus(Action<MultusBuilder> configure,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _multus = new MultusBuilder(new(file, line));
        configure(_multus);
        return this;
    }

    /// <summary>A layer-2 attachment named <c>namespace/name</c> (<c>default/layer2-bridge</c>).</summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = TypedHandles.OverloadJustification)]
    public LabBuilder Attachment(string qualifiedName, Action<AttachmentBuilder> configure,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var builder = new AttachmentBuilder(qualifiedName, new(file, line));
        configure(builder);
        _attachments.Add(builder);
        return this;
    }

    /// <summary>
    /// As <see cref="Attachment(string, Action{AttachmentBuilder}, string, int)"/>, and hands back a typed handle to the
    /// attachment: <c>.Attachment("default/layer2-bridge", a =&gt; a.Network(lan).Bridge("cni0").Dhcp(), out var lanL2)</c>,
    /// then <c>w.Attach(lanL2)</c> instead of the string <c>"default/layer2-bridge"</c>. The handle works only in this
    /// builder (another lab's is GITOPS128 at Build).
    /// </summary>
    /// <param name="qualifiedName">The attachment's <c>namespace/name</c>, each part a DNS-1123 label (GITOPS100), unique in the lab (GITOPS112).</param>
    /// <param name="configure">Describes the attachment (network, bridge or macvlan/ipvlan, IPAM, route-fix).</param>
    /// <param name="attachment">Set to the handle, whose <see cref="AttachmentReference.QualifiedName"/> is <paramref name="qualifiedName"/>.</param>
    /// <param name="file">Filled by the compiler: the caller's source file, for errors that point at this call.</param>
    /// <param name="line">Filled by the compiler: the caller's line.</param>
    /// <returns>This builder.</returns>
    [SuppressMessage("ApiDesign", "RS0026", Justification = TypedHandles.OverloadJustification)]
    public LabBuilder Attachment(string qualifiedName, Action<AttachmentBuilder> configure, out AttachmentReference attachment,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        attachment = new AttachmentReference(qualifiedName, this);
        return Attachment(qualifiedName, configure, file, line);
    }

    /// <summary>A Deployment named <c>namespace/name</c> (<c>smarthome/homeassistant</c>).</summary>
    public LabBuilder Workload(string qualifiedName, Action<WorkloadBuilder> configure,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var builder = new WorkloadBuilder(qualifiedName, new(file, line));
        configure(builder);
        _workloads.Add(builder);
        return this;
    }

    /// <summary>
    /// The per-node agent's namespace and images (each verb of <see cref="NodeAgentBuilder"/> says its default). Optional. A section:
    /// a second call replaces the first. Errors about it (GITOPS100, GITOPS118, GITOPS120) point at the verb that set the value.
    /// </summary>
    public LabBuilder NodeAgent(Action<NodeAgentBuilder> configure)
    {
        _nodeAgent = new NodeAgentBuilder();
        configure(_nodeAgent);
        return this;
    }

    /// <summary>How the output is synced (Fleet, Flux or both), plus the Rancher cluster and the nodes' networkd files.</summary>
    public LabBuilder GitOps(Action<GitOpsBuilder> configure,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _gitOps = new GitOpsBuilder(new(file, line));
        configure(_gitOps);
        return this;
    }

    /// <summary>Checks every rule (all problems reported together) and returns the immutable lab.</summary>
    /// <exception cref="Diagnostics.LabValidationException">The model has one or more errors.</exception>
    public Lab Build() => LabAssembler.Assemble(this);
}
