namespace GitOps.Diagnostics;

/// <summary>Whereabouts IPAM rules (issue 17): GITOPS176–177.</summary>
public static partial class DiagnosticCodes
{
    /// <summary>A whereabouts <c>exclude</c> entry or <c>range_start</c>/<c>range_end</c> lies outside the attachment's range: whereabouts does not check exclusions (README "Note 1") and silently ignores a range_start/range_end outside the range (pkg/iphelpers GetIPRange).</summary>
    public const string WhereaboutsOutsideRange = "GITOPS176";

    /// <summary>Two whereabouts attachments on one lab network have overlapping ranges but different <c>network_name</c>s, so whereabouts keeps independent pools and hands out the same address twice (README "Network names").</summary>
    public const string WhereaboutsPoolsOverlap = "GITOPS177";
}
