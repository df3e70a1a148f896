using System.Net;
using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// No two pods can be given one address: host-local on one node only, static addresses used once and outside
/// every host-local range and whereabouts span, ranges disjoint, and never the router's address. The whereabouts facts
/// (k8snetworkplumbingwg/whereabouts v0.9.4, 3a262bd0) are cited in <see cref="WhereaboutsSpan"/> and on
/// <c>BuildWhereaboutsIpam</c>: nothing skips the gateway (GITOPS134); pools are kept per <c>network_name</c>
/// (README "Network names", <c>pkg/storage/kubernetes/ipam.go</c> <c>IPPoolName</c>), so overlapping ranges with
/// different network names allocate independently (GITOPS177).
/// </summary>
/// <remarks>Reports GITOPS134 (AddressIsGateway), GITOPS137 (PodAddressShared), GITOPS133 (HostLocalRangeOnSeveralNodes), GITOPS177 (WhereaboutsPoolsOverlap).</remarks>
internal sealed class PodAddressRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        var ranges = new List<(Attachment Attachment, IPAddress First, IPAddress Last)>();
        var statics = new List<(Attachment Attachment, IPAddress Address)>();
        var pools = new List<(Attachment Attachment, WhereaboutsIpamOptions Options)>();
        foreach (var a in lab.Attachments)
        {
            if (a.Ipam is not (StaticIpamOptions or HostLocalIpamOptions or WhereaboutsIpamOptions))
            {
                continue; // DHCP and per-pod addresses: nothing below applies (and no path string per attachment)
            }

            var path = $"lab/attachments/{a.QualifiedName}/ipam";
            var source = sources[path];
            switch (a.Ipam)
            {
                case StaticIpamOptions s:
                    if (s.Address.Equals(a.Network.Gateway))
                    {
                        yield return ModelErrors.Error(AddressIsGateway, $"{path}/address",
                            $"{s.Address}/{s.PrefixLength} is the gateway of network '{a.Network.Name}' (the router); the pod would answer for it and cut the LAN off. Pick a free host address such as {FreeHost(a.Network)}/{a.Network.Subnet.PrefixLength}.", source);
                    }

                    var users = lab.Workloads.Where(w => w.Attachments.Contains(a)).ToArray();
                    if (users.Length > 1)
                    {
                        yield return ModelErrors.Error(PodAddressShared, $"{path}/address",
                            $"{s.Address} is the one address of '{a.QualifiedName}', and {string.Join(" and ", users.Select(w => $"'{w.Namespace}/{w.Name}'"))} both attach it, so two pods get it. " +
                            "Declare one static attachment per workload, or use .Dhcp(...).", source);
                    }

                    foreach (var other in statics.Where(o => o.Address.Equals(s.Address) && o.Attachment.Network == a.Network))
                    {
                        yield return ModelErrors.Error(PodAddressShared, $"{path}/address",
                            $"{s.Address} is also the address of '{other.Attachment.QualifiedName}' on network '{a.Network.Name}'; two pods would answer for one address. Give each static attachment its own address.", source);
                    }

                    statics.Add((a, s.Address));
                    break;
                case HostLocalIpamOptions h:
                    var nodes = lab.Nodes.Where(n => WorkloadPlacement.HasBridge(n, a)).Select(n => n.Name).ToArray();
                    if (nodes.Length > 1)
                    {
                        yield return ModelErrors.Error(HostLocalRangeOnSeveralNodes, $"{path}/range",
                            $"host-local hands out {h.RangeStart}-{h.RangeEnd} on each of the nodes with {(a.Bridge is { } b ? $"bridge '{b}'" : $"interface '{a.Master}'")} ({string.Join(", ", nodes)}) independently, but they share network '{a.Network.Name}', so pods on two nodes get the same address. " +
                            "Use .Dhcp(d => d.ProvidePodName()) (the LAN's DHCP server keeps leases unique), a .StaticAddress(...) per workload, or keep the bridge on one node.", source);
                    }

                    if (IpMath.Within(a.Network.Gateway, h.RangeStart, h.RangeEnd))
                    {
                        yield return ModelErrors.Error(AddressIsGateway, $"{path}/range",
                            $"the range {h.RangeStart}-{h.RangeEnd} contains {a.Network.Gateway}, the gateway of network '{a.Network.Name}'; host-local would give a pod the router's address. Start or end the range so it leaves {a.Network.Gateway} out.", source);
                    }

                    foreach (var other in ranges.Where(r => r.Attachment.Network == a.Network && IpMath.Compare(r.First, h.RangeEnd) <= 0 && IpMath.Compare(h.RangeStart, r.Last) <= 0))
                    {
                        yield return ModelErrors.Error(PodAddressShared, $"{path}/range",
                            $"the range {h.RangeStart}-{h.RangeEnd} overlaps {other.First}-{other.Last} of '{other.Attachment.QualifiedName}' on network '{a.Network.Name}'; each allocates without knowing the other. Give the attachments disjoint ranges.", source);
                    }

                    ranges.Add((a, h.RangeStart, h.RangeEnd));
                    break;
                case WhereaboutsIpamOptions w:
                    foreach (var d in WhereaboutsAgainstOthers(a, w, path, source, pools))
                    {
                        yield return d;
                    }

                    pools.Add((a, w));
                    break;
            }
        }

        foreach (var d in WhereaboutsAgainstHostLocalAndStatic(pools, ranges, statics, sources))
        {
            yield return d;
        }

        foreach (var (attachment, address) in statics)
        {
            foreach (var range in ranges.Where(r => r.Attachment.Network == attachment.Network && IpMath.Within(address, r.First, r.Last)))
            {
                yield return ModelErrors.Error(PodAddressShared, $"lab/attachments/{attachment.QualifiedName}/ipam/address",
                    $"{address} is inside the host-local range {range.First}-{range.Last} of '{range.Attachment.QualifiedName}' on network '{attachment.Network.Name}', which may hand it to another pod. Pick an address outside the range.",
                    sources[$"lab/attachments/{attachment.QualifiedName}/ipam"]);
            }
        }
    }

    /// <summary>The second host of the subnet, or the first when the gateway is the second.</summary>
    private static IPAddress FreeHost(Network network)
    {
        var candidate = IpMath.Offset(network.Subnet.BaseAddress, 2);
        return candidate.Equals(network.Gateway) ? IpMath.Offset(network.Subnet.BaseAddress, 1) : candidate;
    }

    /// <remarks>Reports GITOPS134 (AddressIsGateway), GITOPS177 (WhereaboutsPoolsOverlap).</remarks>
    private static IEnumerable<Diagnostic> WhereaboutsAgainstOthers(Attachment a, WhereaboutsIpamOptions w, string path, SourceLocation source, List<(Attachment Attachment, WhereaboutsIpamOptions Options)> pools)
    {
        var (first, last) = WhereaboutsSpan.Of(w);
        if (WhereaboutsSpan.MayAssign(w, a.Network.Gateway))
        {
            yield return ModelErrors.Error(AddressIsGateway, $"{path}/range",
                $"whereabouts may hand out {a.Network.Gateway}, the gateway of network '{a.Network.Name}', from {first}-{last} (it skips no gateway: pkg/allocate IterateForAssignment); a pod would take the router's address. Add .Exclude(\"{a.Network.Gateway}\") or move range_start/range_end past it.", source);
        }

        foreach (var other in pools.Where(p => p.Attachment.Network == a.Network && IpMath.Overlaps(p.Options.Range, w.Range) &&
            !string.Equals(p.Options.NetworkName, w.NetworkName, StringComparison.Ordinal)))
        {
            yield return ModelErrors.Error(WhereaboutsPoolsOverlap, $"{path}/network_name",
                $"the whereabouts range {w.Range} (network_name '{w.NetworkName ?? ""}') overlaps {other.Options.Range} of '{other.Attachment.QualifiedName}' (network_name '{other.Options.NetworkName ?? ""}') on network '{a.Network.Name}'; whereabouts keeps pools per network_name (README \"Network names\"), so both hand out the same addresses on one LAN. Give them the same network_name (or none), or disjoint ranges.", source);
        }
    }

    /// <remarks>Reports GITOPS137 (PodAddressShared).</remarks>
    private static IEnumerable<Diagnostic> WhereaboutsAgainstHostLocalAndStatic(
        List<(Attachment Attachment, WhereaboutsIpamOptions Options)> pools,
        List<(Attachment Attachment, IPAddress First, IPAddress Last)> ranges,
        List<(Attachment Attachment, IPAddress Address)> statics,
        SourceMap sources)
    {
        foreach (var (attachment, w) in pools)
        {
            var (first, last) = WhereaboutsSpan.Of(w);
            foreach (var r in ranges.Where(r => r.Attachment.Network == attachment.Network && IpMath.Compare(r.First, last) <= 0 && IpMath.Compare(first, r.Last) <= 0))
            {
                yield return ModelErrors.Error(PodAddressShared, $"lab/attachments/{attachment.QualifiedName}/ipam/range",
                    $"the whereabouts span {first}-{last} overlaps the host-local range {r.First}-{r.Last} of '{r.Attachment.QualifiedName}' on network '{attachment.Network.Name}'; host-local keeps leases on each node's disk and whereabouts in the cluster, neither sees the other. Give them disjoint ranges.",
                    sources[$"lab/attachments/{attachment.QualifiedName}/ipam"]);
            }

            foreach (var s in statics.Where(s => s.Attachment.Network == attachment.Network && WhereaboutsSpan.MayAssign(w, s.Address)))
            {
                yield return ModelErrors.Error(PodAddressShared, $"lab/attachments/{s.Attachment.QualifiedName}/ipam/address",
                    $"{s.Address} is inside the whereabouts span {first}-{last} of '{attachment.QualifiedName}' on network '{attachment.Network.Name}', which may hand it to another pod. Pick an address outside it, or add .Exclude(\"{s.Address}\") to the whereabouts attachment.",
                    sources[$"lab/attachments/{s.Attachment.QualifiedName}/ipam"]);
            }
        }
    }
}
