using RouteFix.Addressing;
using RouteFix.Cni;
using RouteFix.Netlink;

namespace RouteFix.Plugin;

/// <summary>
/// What ADD prints: prevResult in the config's version, with the changes route-fix made that the result type can
/// describe. SPEC.md (containernetworking/cni, "Success"): a plugin given a prevResult "must output it as their
/// result, with any possible modifications made by that plugin included", and <c>routes</c> are the "Routes created
/// by this attachment". So a default route route-fix deleted is no longer listed.
/// </summary>
/// <remarks>
/// route-fix does not add its own routes to <c>routes</c>: before CNI 1.1.0 a route has only <c>dst</c> and
/// <c>gw</c>, and SPEC.md says of an unset <c>gw</c> that "a value in gateway in the ips array may be used", so a
/// consumer could read the on-link 224.0.0.0/4 as "via 192.168.2.1". The IPv6 multicast route is not listed either:
/// it lives in the local table with a metric and the multicast type, and a result route has no type at all and, before
/// 1.1.0, no <c>table</c> or <c>priority</c> (SPEC.md, "Success": <c>dst</c>, <c>gw</c>, <c>mtu</c>, <c>advmss</c>,
/// <c>priority</c>, <c>table</c>, <c>scope</c>), so it would read as a main-table unicast <c>ff00::/8</c>, the route
/// that did not steer anything. CHECK and DEL find route-fix's routes by their rtm_protocol instead.
/// </remarks>
public static class AddResult
{
    /// <summary>
    /// <paramref name="prevResult"/> converted to <paramref name="cniVersion"/>; with <c>removeDefaultRoute</c>, without
    /// its main-table default routes (the key is omitted when none is left).
    /// </summary>
    public static ResultJson From(ResultJson prevResult, RoutePlan plan, string cniVersion)
    {
        var converted = ResultConversion.Convert(prevResult, cniVersion);
        if (!plan.RemoveDefaultRoute || converted.Routes is null)
        {
            return converted;
        }

        var kept = converted.Routes.Where(r => !IsRemovedDefault(r)).ToList();
        return new ResultJson
        {
            CniVersion = converted.CniVersion,
            Interfaces = converted.Interfaces,
            Ips = converted.Ips,

            // Go's types.Result has `routes,omitempty`: no routes, no key.
            Routes = kept.Count == 0 ? null : kept,
            Dns = converted.Dns,
        };
    }

    /// <summary>
    /// A default route (0.0.0.0/0 or ::/0) in the main table: ADD deletes every such route out of the interface,
    /// and every route in this attachment's result was set on its interface (bridge applies the IPAM result's
    /// routes to the container interface). A route in another table (1.1.0 <c>table</c>) stays listed.
    /// </summary>
    private static bool IsRemovedDefault(RouteJson? route) =>
        route is not null
        && IpPrefix.TryParse(route.Dst, out var dst)
        && dst.PrefixLength == 0
        && (route.Table is null or 0 || route.Table == (int)RtNetlink.RT_TABLE_MAIN);
}
