using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// An attachment named twice in one workload: Multus would add two interfaces on one bridge, both asking for the
/// attachment's address. With route-fix on it, GITOPS127 (the route clash) already reports the same call.
/// </summary>
/// <remarks>Reports GITOPS136 (AttachmentAttachedTwice).</remarks>
internal sealed class AttachedOnceRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        foreach (var w in lab.Workloads)
        {
            var path = $"lab/workloads/{w.Namespace}/{w.Name}/attachments";
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < w.Attachments.Count; i++)
            {
                var attachment = w.Attachments[i];
                if (!seen.Add(attachment.QualifiedName) && attachment.RouteFix is null)
                {
                    yield return ModelErrors.Error(AttachmentAttachedTwice, path,
                        $"'{attachment.QualifiedName}' is attached twice; the pod would get two interfaces (net1, net2) on one bridge, both asking for one address. Remove the second .Attach(\"{attachment.QualifiedName}\").",
                        sources[$"{path}/{i}"]);
                }
            }
        }
    }
}
