using System.Net;
using System.Net.Sockets;
using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// Rules for the attachments one workload joins: Multus gives the pod one interface per attachment (net1, net2, ...)
/// in one network namespace, and route-fix runs once per interface on that namespace's one main routing table.
/// GITOPS125 (multicast/broadcast on two attachments), GITOPS126 (an extra route over a subnet another attachment
/// is on), GITOPS127 (the same destination on two attachments). Each pair is reported once, at the workload's
/// <c>Attach</c> call of the later attachment (or at the extra route's <c>Route</c> call).
/// </summary>
/// <remarks>Reports GITOPS125 (MulticastOnTwoAttachments), GITOPS126 (ExtraRouteOverAttachedSubnet), GITOPS127 (SameDestinationOnTwoAttachments).</remarks>
internal sealed class PodRoutesRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        foreach (var workload in lab.Workloads)
        {
            var workloadName = $"{workload.Namespace}/{workload.Name}";
            var workloadPath = $"lab/workloads/{workloadName}";
            var joined = workload.Attachments.Select((a, i) => (Attachment: a, AttachCall: sources[$"{workloadPath}/attachments/{i}"])).ToArray();
            for (var j = 1; j < joined.Length; j++)
            {
                for (var i = 0; i < j; i++)
                {
                    foreach (var d in CheckPair(workloadPath, workloadName, joined[i], joined[j], sources))
                    {
                        yield return d;
                    }
                }
            }

            // An extra route over another attachment's subnet, either way round.
            foreach (var (owner, _) in joined)
            {
                foreach (var (other, _) in joined.Where(o => o.Attachment.Network.Name != owner.Network.Name))
                {
                    foreach (var d in CheckExtraRoutesOver(workloadName, owner, other, sources))
                    {
                        yield return d;
                    }
                }
            }
        }
    }

    /// <remarks>Reports GITOPS127 (SameDestinationOnTwoAttachments), GITOPS125 (MulticastOnTwoAttachments).</remarks>
    private static IEnumerable<Diagnostic> CheckPair(string workloadPath, string workloadName, (Attachment Attachment, SourceLocation AttachCall) first, (Attachment Attachment, SourceLocation AttachCall) second, SourceMap sources)
    {
        var (a, b) = (first.Attachment, second.Attachment);
        var path = $"{workloadPath}/attachments/{b.QualifiedName}";
        // Two networks with one subnet are already GITOPS107; here the same network twice. Without route-fix on
        // either, the kernel keeps both subnet routes (the first wins) and nothing is taken.
        if (a.Network.Name == b.Network.Name)
        {
            if (a.RouteFix is null && b.RouteFix is null)
            {
                yield break;
            }

            var what = a == b ? $"joins attachment '{a.QualifiedName}' twice" : $"joins attachments '{a.QualifiedName}' and '{b.QualifiedName}', both on {a.Network.Subnet} (network '{a.Network.Name}')";
            yield return ModelErrors.Error(SameDestinationOnTwoAttachments, path,
                $"workload '{workloadName}' {what}; route-fix routes {a.Network.Subnet} out of one interface only, so the second interface's ADD would fail. Attach the workload to that network once (remove .Attach(\"{b.QualifiedName}\")).",
                second.AttachCall);
            yield break;
        }

        if (a.RouteFix is not { } ra || b.RouteFix is not { } rb)
        {
            yield break;
        }

        var shared = new List<string>();
        var off = new List<string>();
        if (ra.Multicast && rb.Multicast && Families(a).Overlaps(Families(b)))
        {
            shared.Add("multicast (224.0.0.0/4, ff00::/8)");
            off.Add("Multicast(false)");
        }

        // route-fix sets 255.255.255.255/32 only on an interface with an IPv4 address.
        if (ra.Broadcast && rb.Broadcast && IsIPv4(a.Network.Subnet) && IsIPv4(b.Network.Subnet))
        {
            shared.Add("limited broadcast (255.255.255.255/32)");
            off.Add("Broadcast(false)");
        }

        if (shared.Count > 0)
        {
            yield return ModelErrors.Error(MulticastOnTwoAttachments, path,
                $"workload '{workloadName}' joins attachments '{a.QualifiedName}' and '{b.QualifiedName}', and route-fix on both routes {string.Join(" and ", shared)} out of its interface; one pod has one such route, so the second ADD would fail (CNI error 101). Keep it on the attachment whose network should hear it and turn it off on the other: .RouteFix(r => r.{string.Join(".", off)}) on attachment '{b.QualifiedName}' (or on '{a.QualifiedName}').",
                second.AttachCall);
        }

        foreach (var route in rb.ExtraRoutes.Where(r => ra.ExtraRoutes.Any(o => o.Destination == r.Destination)))
        {
            var routePath = RoutePath(b, route.Destination);
            yield return ModelErrors.Error(SameDestinationOnTwoAttachments, routePath,
                $"route {route.Destination} of attachment '{b.QualifiedName}' is also a route of attachment '{a.QualifiedName}', and workload '{workloadName}' joins both; one pod routes {route.Destination} out of one interface only. Remove it from one of the two attachments.",
                sources[routePath]);
        }
    }

    /// <summary>
    /// A route whose destination is the other attachment's subnet or inside it takes traffic the pod delivers
    /// directly on that subnet (the longest prefix wins). A wider route (10.0.0.0/8 while the LAN is 10.10.0.0/24)
    /// is fine: the subnet's own route stays more specific.
    /// </summary>
    /// <remarks>Reports GITOPS126 (ExtraRouteOverAttachedSubnet).</remarks>
    private static IEnumerable<Diagnostic> CheckExtraRoutesOver(string workloadName, Attachment owner, Attachment other, SourceMap sources)
    {
        foreach (var route in owner.RouteFix?.ExtraRoutes ?? [])
        {
            var subnet = other.Network.Subnet;
            if (route.Destination.BaseAddress.AddressFamily != subnet.BaseAddress.AddressFamily
                || route.Destination.PrefixLength < subnet.PrefixLength
                || !subnet.Contains(route.Destination.BaseAddress))
            {
                continue;
            }

            var via = route.Gateway is null ? string.Empty : $" via {route.Gateway}";
            var routePath = RoutePath(owner, route.Destination);
            yield return ModelErrors.Error(ExtraRouteOverAttachedSubnet, routePath,
                $"route {route.Destination}{via} of attachment '{owner.QualifiedName}' covers {(route.Destination == subnet ? string.Empty : "part of ")}network '{other.Network.Name}' ({subnet}), which workload '{workloadName}' is on directly through attachment '{other.QualifiedName}'; in that pod it would send traffic for {subnet} through the wrong interface. Remove .Route(\"{route.Destination}\") from attachment '{owner.QualifiedName}', or do not join both attachments from one workload.",
                sources[routePath]);
        }
    }

    /// <summary>The model path of the attachment's <c>.Route(destination, ...)</c> call (its source is recorded under it).</summary>
    private static string RoutePath(Attachment attachment, IPNetwork destination) => $"lab/attachments/{attachment.QualifiedName}/routeFix/routes/{destination}";

    private static bool IsIPv4(IPNetwork network) => network.BaseAddress.AddressFamily == AddressFamily.InterNetwork;

    /// <summary>The address families the pod's interface gets: the network's, plus IPv6 when the attachment enables it.</summary>
    private static HashSet<AddressFamily> Families(Attachment attachment) =>
        attachment.IPv6 ? [attachment.Network.Subnet.BaseAddress.AddressFamily, AddressFamily.InterNetworkV6] : [attachment.Network.Subnet.BaseAddress.AddressFamily];
}
