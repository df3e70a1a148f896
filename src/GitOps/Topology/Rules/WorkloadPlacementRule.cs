using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>A pod runs only on nodes with every bridge it plugs into (the emitter restricts it there); none is an error.</summary>
/// <remarks>Reports GITOPS132 (WorkloadHasNoNode).</remarks>
internal sealed class WorkloadPlacementRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        foreach (var workload in lab.Workloads.Where(w => WorkloadPlacement.NodesFor(lab, w).Count == 0))
        {
            var needs = string.Join(", ", workload.Attachments.Select(a =>
                $"'{a.Bridge ?? a.Master}' on '{a.Network.Name}' ({string.Join(", ", lab.Nodes.Where(n => WorkloadPlacement.HasBridge(n, a)).Select(n => n.Name))})"));
            yield return ModelErrors.Error(WorkloadHasNoNode, $"lab/workloads/{workload.Namespace}/{workload.Name}/attachments",
                $"no node has every bridge the workload's attachments need ({needs}), so its pod can run nowhere; give one node all of these bridges, or attach fewer.",
                workload.Source);
        }
    }
}
