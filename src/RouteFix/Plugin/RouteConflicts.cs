using RouteFix.Addressing;
using RouteFix.Cni;
using RouteFix.Netlink;

namespace RouteFix.Plugin;

/// <summary>
/// ADD never takes a route from another interface. A pod with two attachments gets route-fix twice, once per
/// interface; with replace semantics (NLM_F_REPLACE) the second would silently take over 224.0.0.0/4,
/// 255.255.255.255/32 or an extra route the first one set, and the first attachment's CHECK would then fail.
/// Instead ADD fails before it changes anything, naming each route, the interface that holds it and the fix.
/// </summary>
public static class RouteConflicts
{
    /// <summary>
    /// The planned routes whose destination (same family, address and prefix length) already has a route in the
    /// planned route's table that points out of another interface (or has no single output interface: a multipath,
    /// blackhole or unreachable route). Routes on the plan's own interface are replaced as before, so ADD twice
    /// is fine. In the local table (IPv6 multicast, <see cref="RoutePlan.IPv6MulticastMetric"/>) only a route with a
    /// metric up to route-fix's counts: the kernel keeps one ff00::/8 route per interface there at 256, and a route
    /// at route-fix's metric is the one NLM_F_REPLACE would take (net/ipv6/ip6_fib.c <c>fib6_add_rt2node</c> replaces
    /// the first route of the same metric, whatever its device), one below it would decide instead.
    /// <paramref name="routes"/> are the routes of every table.
    /// </summary>
    public static IReadOnlyList<(PlannedRoute Planned, KernelRoute Holder)> Find(RoutePlan plan, int index, IEnumerable<KernelRoute> routes)
    {
        var all = routes.ToList();
        var conflicts = new List<(PlannedRoute, KernelRoute)>();
        foreach (var planned in plan.Routes)
        {
            var holder = all.FirstOrDefault(r => r.OutputInterface != index && r.Table == planned.Table && SameDestination(r.Dst, planned.Dst)
                && (planned.Table == RtNetlink.RT_TABLE_MAIN || r.Priority <= planned.Metric));
            if (holder is not null)
            {
                conflicts.Add((planned, holder));
            }
        }

        return conflicts;
    }

    /// <summary>
    /// Code 101 (<see cref="RouteFixErrorCodes.RouteHeldByAnotherInterface"/>): msg names every route and the
    /// interface that holds it; details show each route as `ip route` would and say what to change.
    /// </summary>
    public static CniException Error(RoutePlan plan, IReadOnlyList<(PlannedRoute Planned, KernelRoute Holder)> conflicts, Func<int, string> deviceName)
    {
        string Holder(KernelRoute r) => r.OutputInterface == 0 ? "a route without a single output interface" : deviceName(r.OutputInterface);
        var msg = $"route-fix on {plan.Device} would take over {conflicts.Count} route(s) that point out of another interface: "
            + string.Join(", ", conflicts.Select(c => $"{c.Planned.Dst} ({Holder(c.Holder)})"));
        var details = string.Join("; ", conflicts.Select(c =>
            $"{c.Planned.Dst} is held by {Holder(c.Holder)} (found \"{c.Holder.Describe(deviceName)}\"): {Fix(c.Planned, plan.Device)}"));
        return new CniException(RouteFixErrorCodes.RouteHeldByAnotherInterface, msg, details);
    }

    private static string Fix(PlannedRoute planned, string device) => planned.Field switch
    {
        "multicast" => $"only one interface of a pod can carry multicast; set \"multicast\": false in the route-fix config of {device}'s attachment or of the other one (GitOps: .RouteFix(r => r.Multicast(false)))",
        "broadcast" => $"only one interface of a pod can carry limited broadcast; set \"broadcast\": false in the route-fix config of {device}'s attachment or of the other one (GitOps: .RouteFix(r => r.Broadcast(false)))",
        "subnet" => $"the pod is on {planned.Dst} twice; attach it to that network through one interface only",
        var field => $"the other interface already reaches {planned.Dst}; remove {field} (dst {planned.Dst}) from the route-fix config of {device}'s attachment",
    };

    private static bool SameDestination(IpPrefix a, IpPrefix b) =>
        a.Family == b.Family && a.PrefixLength == b.PrefixLength && a.Network().Address.Equals(b.Network().Address);
}
