namespace GitOps.Diagnostics;

/// <summary>
/// GITOPS125-127 (model): the attachments one workload joins share one pod, so their route-fix routes share one
/// routing table. route-fix gives each destination to one interface only (its ADD fails with CNI error 101 when a
/// destination already points out of another interface, see src/RouteFix/README.md); these rules find the clash
/// in the model, before anything is deployed.
/// </summary>
public static partial class DiagnosticCodes
{
    /// <summary>
    /// Two attachments of one workload both carry the multicast route (224.0.0.0/4, ff00::/8) or both the limited
    /// broadcast route (255.255.255.255/32). Fix: <c>.RouteFix(r => r.Multicast(false).Broadcast(false))</c> on one.
    /// </summary>
    public const string MulticastOnTwoAttachments = "GITOPS125";

    /// <summary>
    /// An extra route-fix route of one attachment takes (part of) the subnet another attachment of the same workload
    /// puts the pod directly on: its destination is that subnet or inside it.
    /// </summary>
    public const string ExtraRouteOverAttachedSubnet = "GITOPS126";

    /// <summary>
    /// Two attachments of one workload route the same destination out of different interfaces: both are on the same
    /// network (or the workload joins one attachment twice) with route-fix, or both have the same extra route.
    /// </summary>
    public const string SameDestinationOnTwoAttachments = "GITOPS127";
}
