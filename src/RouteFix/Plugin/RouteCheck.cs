using RouteFix.Netlink;

namespace RouteFix.Plugin;

/// <summary>CHECK's comparison of the namespace's routes with the plan: one "expected X, found Y" per difference.</summary>
public static class RouteCheck
{
    /// <summary>
    /// Each planned route must be in its table with the same destination, output interface, scope, source,
    /// gateway and type (and metric, when the plan sets one); with <c>removeDefaultRoute</c> the main table must
    /// hold no default route out of the interface. <paramref name="routes"/> are the routes of every table.
    /// </summary>
    public static IReadOnlyList<string> Differences(RoutePlan plan, int index, IReadOnlyList<KernelRoute> routes, Func<int, string> deviceName)
    {
        var found = new List<string>();
        foreach (var planned in plan.Routes)
        {
            var expected = ToKernel(planned, index);
            var sameDst = routes.Where(r => r.Table == expected.Table && r.Dst.Family == expected.Dst.Family && r.Dst.PrefixLength == expected.Dst.PrefixLength && r.Dst.Address.Equals(expected.Dst.Address)).ToList();
            if (!sameDst.Any(r => Matches(r, expected)))
            {
                var actual = sameDst.Count == 0 ? "no route to " + planned.Dst + TableSuffix(planned.Table) : string.Join(" and ", sameDst.Select(r => r.Describe(deviceName)));
                found.Add($"expected {planned}, found {actual}");
            }
        }

        if (plan.RemoveDefaultRoute)
        {
            foreach (var route in routes.Where(r => r.Table == RtNetlink.RT_TABLE_MAIN && r.IsDefault && r.OutputInterface == index))
            {
                found.Add($"expected no default route via {plan.Device}, found {route.Describe(deviceName)}");
            }
        }

        return found;
    }

    /// <summary>The route ADD sends for <paramref name="planned"/> on the link <paramref name="index"/>, with route-fix's protocol.</summary>
    public static KernelRoute ToKernel(PlannedRoute planned, int index) =>
        new(planned.Dst, planned.Gateway, planned.Source, index, planned.Scope, planned.Table, RouteFixCommands.RouteProtocol, planned.Type, planned.Metric);

    private static bool Matches(KernelRoute actual, KernelRoute expected) =>
        actual.OutputInterface == expected.OutputInterface
        && actual.Scope == expected.Scope
        && Equals(actual.PreferredSource, expected.PreferredSource)
        && Equals(actual.Gateway, expected.Gateway)
        && actual.Type == expected.Type
        && (expected.Priority == 0 || actual.Priority == expected.Priority);

    private static string TableSuffix(uint table) => table == RtNetlink.RT_TABLE_MAIN ? string.Empty : " in table " + KernelRoute.TableName(table);
}
