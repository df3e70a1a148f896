namespace GitOps.Topology;

/// <summary>
/// Turns the builders into the immutable <see cref="Lab"/> in two stages. First the builders are read, one
/// <c>LabAssembler.&lt;Section&gt;.cs</c> file per section: every text parsed, every reference resolved by name, each
/// value checked as it is read, all problems collected with their model path and the user's file and line, and where
/// each value was written recorded in the <see cref="SourceMap"/>. Then, when that found no problem, the rules over the
/// built lab (<see cref="LabRules.All"/>), which read the model and the source map, never a builder.
/// </summary>
internal sealed partial class LabAssembler
{
    private readonly ModelErrors _errors = new();

    private readonly SourceMap _sources = new();

    private readonly LabBuilder _lab;

    /// <summary>Full paths of the files read while building (<see cref="Lab.InputFiles"/>).</summary>
    private readonly SortedSet<string> _inputFiles = new(StringComparer.Ordinal);

    private LabAssembler(LabBuilder lab) => _lab = lab;

    public static Lab Assemble(LabBuilder builder) => new LabAssembler(builder).Assemble();

    private Lab Assemble()
    {
        CheckDnsName(_lab.Name, "lab/name", _lab.Source);
        var networks = BuildNetworks();
        var nodes = BuildNodes(networks);
        var cluster = BuildCluster(networks);
        var calico = WithNodeAddressV6(WithPeering(BuildCalico(), cluster, nodes), cluster);
        var multus = BuildMultus(cluster);
        var attachments = BuildAttachments(networks, nodes, multus);
        var workloads = BuildWorkloads(attachments);
        var nodeAgent = _lab.NodeAgentChoice.Build();
        CheckNodeAgent(_lab.NodeAgentChoice);
        var gitOps = BuildGitOps(cluster, nodes, calico?.Version ?? CalicoVersion.Default);
        _errors.ThrowIfAny();

        // Stage two: every reference resolved and every text parsed, so each rule sees a whole model.
        var lab = new Lab(_lab.Name, ReadOnly.Copy(networks.Values), ReadOnly.Copy(nodes), cluster!, calico!, multus, ReadOnly.Copy(attachments), ReadOnly.Copy(workloads), nodeAgent) { GitOps = gitOps, Source = _lab.Source, InputFiles = [.. _inputFiles] };
        _errors.AddRange(LabRules.Check(lab, _sources));
        _errors.ThrowIfAny();
        return lab;
    }
}
