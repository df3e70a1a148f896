using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// Turns the builders into the immutable <see cref="Lab"/>: parses every address, resolves every
/// reference by name and checks every rule, collecting all problems with their model path and the
/// user's file and line.
/// </summary>
internal sealed partial class LabAssembler
{
    private readonly ModelErrors _errors = new();

    private readonly LabBuilder _lab;

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
        CheckOneDhcpDaemonSocket();
        var workloads = BuildWorkloads(attachments);
        CheckSelectionsShared(workloads, attachments);
        var nodeAgent = _lab.NodeAgentChoice.Build();
        CheckNodeAgent(_lab.NodeAgentChoice);
        var gitOps = BuildGitOps(cluster, nodes, calico?.Version ?? CalicoVersion.Default);
        _errors.ThrowIfAny();

        var lab = new Lab(_lab.Name, ReadOnly.Copy(networks.Values), ReadOnly.Copy(nodes), cluster!, calico!, multus, ReadOnly.Copy(attachments), ReadOnly.Copy(workloads), nodeAgent) { GitOps = gitOps, Source = _lab.Source };
        CheckCrossRules(lab);
        CheckWorkingNetwork(lab);
        _errors.ThrowIfAny();
        return lab;
    }
}
