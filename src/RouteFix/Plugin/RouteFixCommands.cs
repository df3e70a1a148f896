using System.Net.Sockets;
using RouteFix.Cni;
using RouteFix.Namespaces;
using RouteFix.Netlink;

namespace RouteFix.Plugin;

/// <summary>ADD, CHECK and DEL of route-fix (the shape of containernetworking/plugins plugins/meta/sbr).</summary>
public static class RouteFixCommands
{
    /// <summary>
    /// rtm_protocol of every route route-fix installs, so CHECK and DEL find exactly those ("proto 82" in `ip route`).
    /// 82 is unassigned in linux/rtnetlink.h and in iproute2's rt_protos.
    /// </summary>
    public const byte RouteProtocol = 82;

    private static readonly AddressFamily[] Families = [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6];

    /// <summary>
    /// Sets the planned routes (replace semantics on the interface, so ADD twice is fine) and drops a default route
    /// out of the interface. Fails with code 101 before changing anything when a planned destination already points
    /// out of another interface (<see cref="RouteConflicts"/>). The result is prevResult without the default routes
    /// it removed (<see cref="AddResult"/>).
    /// </summary>
    public static ResultJson Add(CmdArgs args, RouteFixConfig config)
    {
        var prevResult = RequirePrevResult(config, CniCommand.Add);
        var plan = RoutePlan.Build(config, TargetInterface.Resolve(prevResult, args.IfName));
        NetworkNamespace.Run(args.Netns, () =>
        {
            using var socket = NetlinkSocket.OpenRoute();
            var rt = new RtNetlink(socket);
            var index = rt.LinkIndex(plan.Device);
            var conflicts = RouteConflicts.Find(plan, index, Families.SelectMany(rt.DumpRoutes));
            if (conflicts.Count > 0)
            {
                var names = new Dictionary<int, string> { [index] = plan.Device };
                throw RouteConflicts.Error(plan, conflicts, i => names.TryGetValue(i, out var n) ? n : names[i] = TryLinkName(rt, i));
            }

            if (plan.RemoveDefaultRoute)
            {
                foreach (var family in Families)
                {
                    foreach (var route in rt.DumpRoutes(family).Where(r => r.IsDefault && r.OutputInterface == index && r.Table == RtNetlink.RT_TABLE_MAIN))
                    {
                        DeleteIgnoringMissing(rt, route, route.Describe(_ => plan.Device));
                    }
                }
            }

            foreach (var planned in plan.Routes)
            {
                rt.ReplaceRoute(RouteCheck.ToKernel(planned, index), planned.ToString());
            }

            return true;
        });
        return AddResult.From(prevResult, plan, config.CniVersion);
    }

    /// <summary>Compares the namespace's routes with the plan; one "expected X, found Y" per difference.</summary>
    public static void Check(CmdArgs args, RouteFixConfig config)
    {
        var prevResult = RequirePrevResult(config, CniCommand.Check);
        var plan = RoutePlan.Build(config, TargetInterface.Resolve(prevResult, args.IfName));
        var differences = NetworkNamespace.Run(args.Netns, () =>
        {
            using var socket = NetlinkSocket.OpenRoute();
            var rt = new RtNetlink(socket);
            var index = rt.LinkIndex(plan.Device);
            var names = new Dictionary<int, string> { [index] = plan.Device };
            return RouteCheck.Differences(plan, index, [.. Families.SelectMany(rt.DumpRoutes)], i => names.TryGetValue(i, out var n) ? n : names[i] = TryLinkName(rt, i));
        });
        if (differences.Count > 0)
        {
            throw new CniException(
                RouteFixErrorCodes.RoutesDiffer,
                $"{differences.Count} route(s) of {plan.Device} differ from what route-fix sets",
                string.Join("; ", differences));
        }
    }

    /// <summary>
    /// Removes the routes ADD installed (those on the interface carrying route-fix's rtm_protocol, in the main table
    /// and, for IPv6 multicast, the local table). Best effort: a missing namespace, interface or route is success, as
    /// SPEC.md asks of DEL.
    /// </summary>
    public static void Del(CmdArgs args)
    {
        if (string.IsNullOrEmpty(args.Netns))
        {
            return;
        }

        try
        {
            NetworkNamespace.Run(args.Netns, () =>
            {
                using var socket = NetlinkSocket.OpenRoute();
                var rt = new RtNetlink(socket);
                int index;
                try
                {
                    index = rt.LinkIndex(args.IfName);
                }
                catch (ErrnoException e) when (e.Errno == Errno.ENODEV)
                {
                    return false;
                }

                foreach (var family in Families)
                {
                    foreach (var route in rt.DumpRoutes(family).Where(r => r.OutputInterface == index && r.Protocol == RouteProtocol && r.Table is RtNetlink.RT_TABLE_MAIN or RtNetlink.RT_TABLE_LOCAL))
                    {
                        DeleteIgnoringMissing(rt, route, route.Describe(_ => args.IfName));
                    }
                }

                return true;
            });
        }
        catch (NamespaceNotFoundException)
        {
            // The container is gone, and its routes with it.
        }
    }

    private static ResultJson RequirePrevResult(RouteFixConfig config, string command) =>
        config.PrevResult ?? throw new CniException(
            CniErrorCodes.InvalidNetworkConfig,
            "missing prevResult",
            $"route-fix is a chained plugin: {command} needs the result of the plugins before it (bridge with dhcp IPAM) in \"prevResult\"; list it after them in the conflist.");

    private static void DeleteIgnoringMissing(RtNetlink rt, KernelRoute route, string description)
    {
        try
        {
            rt.DeleteRoute(route, description);
        }
        catch (ErrnoException e) when (e.Errno is Errno.ESRCH or Errno.ENOENT or Errno.ENODEV)
        {
            // Already gone.
        }
    }

    private static string TryLinkName(RtNetlink rt, int index)
    {
        try
        {
            return rt.LinkName(index);
        }
        catch (ErrnoException)
        {
            return "if#" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
