using GitOps.Diagnostics;

namespace GitOps.Topology;

/// <summary>
/// One model rule over the built lab. A rule reads only the model and the <see cref="SourceMap"/> (never a builder),
/// reports every problem it finds (never only the first), each with its code, model path, a message naming the value
/// and the fix, and the user's file and line. Rules are listed, in report order, in <see cref="LabRules.All"/>.
/// </summary>
internal interface ILabRule
{
    /// <summary>Every problem this rule finds in <paramref name="lab"/>, in a stable order; none for a lab that keeps the rule.</summary>
    IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources);
}
