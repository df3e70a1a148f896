using GitOps.Topology;

namespace GitOps.Tests.Support;

/// <summary>
/// A built lab with one part replaced, as a caller that bypassed the builders could make one (Lab is an opaque class,
/// so there is no <c>with</c>): for tests that show a later stage (schema/CNI validation) still catches what the
/// model let through.
/// </summary>
internal static class LabCopy
{
    public static Lab With(this Lab lab, IReadOnlyList<Attachment>? attachments = null, MultusSettings? multus = null) =>
        new(lab.Name, lab.Networks, lab.Nodes, lab.Cluster, lab.Calico, multus ?? lab.Multus, attachments ?? lab.Attachments, lab.Workloads, lab.NodeAgent)
        {
            GitOps = lab.GitOps,
            Source = lab.Source,
        };
}
