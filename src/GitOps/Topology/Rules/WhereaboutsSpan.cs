using System.Net;

namespace GitOps.Topology;

/// <summary>
/// The addresses whereabouts hands out (k8snetworkplumbingwg/whereabouts v0.9.4, <c>pkg/iphelpers/iphelpers.go</c>
/// <c>GetIPRange</c>: range_start, or the range's first usable, to range_end, or its last usable; <c>pkg/allocate/allocate.go</c>
/// <c>IterateForAssignment</c>: every address of that span not in an <c>exclude</c> entry).
/// </summary>
internal static class WhereaboutsSpan
{
    /// <summary>The first and last address whereabouts may hand out.</summary>
    public static (IPAddress First, IPAddress Last) Of(WhereaboutsIpamOptions w)
    {
        var first = w.RangeStart ?? IpMath.Offset(w.Range.BaseAddress, 1);
        var last = w.RangeEnd ?? IpMath.Offset(IpMath.LastAddress(w.Range), -1);
        return (first, last);
    }

    /// <summary>True when whereabouts may hand out <paramref name="address"/>: inside the span and in no exclusion.</summary>
    public static bool MayAssign(WhereaboutsIpamOptions w, IPAddress address)
    {
        var (first, last) = Of(w);
        return IpMath.Within(address, first, last) && !w.Exclude.Any(e => e.Contains(address));
    }
}
