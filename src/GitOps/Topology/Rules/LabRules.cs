using GitOps.Diagnostics;

namespace GitOps.Topology;

/// <summary>
/// Every rule over the built lab, in the one order their diagnostics are reported. <see cref="LabAssembler"/> runs
/// them once the builders have become a <see cref="Lab"/> without problems (a rule sees a whole model: every reference
/// resolved, every text parsed). A new rule is one <see cref="ILabRule"/> class in this folder, added to this list.
/// </summary>
internal static class LabRules
{
    /// <summary>The rules, in report order.</summary>
    public static readonly ILabRule[] All =
    [
        // Calico's BGP, the attachments' CNI chains and the workloads that join them.
        new BgpForPoolRoutesRule(),
        new IpvlanModeRule(),
        new DhcpDaemonSocketRule(),
        new PodRoutesRule(),
        new SelectionsSharedRule(),
        new HostFilesRule(),

        // The address plan and the Calico/K3s settings that depend on the cluster.
        new CalicoCniDirsRule(),
        new K3sAgentCniDirsRule(),
        new CalicoMtuRule(),
        new SubnetOverlapRule(),
        new PodPoolRoutableRule(),
        new NodePodCidrRule(),
        new NodeOnNodeNetworkRule(),

        // A model that builds but would write a network that does not work (issue 14).
        new VlanIdUniqueRule(),
        new VlanSubInterfaceRule(),
        new BridgeJoinsNetworksRule(),
        new NodeAddressRule(),
        new NodeAddressV6RegexRule(),
        new AttachedOnceRule(),
        new WorkloadPlacementRule(),
        new PodAddressRule(),
    ];

    /// <summary>Every diagnostic of every rule, rule by rule in <see cref="All"/>'s order.</summary>
    public static IReadOnlyList<Diagnostic> Check(Lab lab, SourceMap sources) => All.SelectMany(rule => rule.Check(lab, sources)).ToArray();
}
