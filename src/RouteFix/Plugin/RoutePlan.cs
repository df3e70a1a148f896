using System.Net;
using RouteFix.Addressing;
using RouteFix.Netlink;

namespace RouteFix.Plugin;

/// <summary>
/// One route route-fix wants in the container (the main table unless <see cref="Table"/> says otherwise), described
/// the way `ip route` prints it. IPv6 routes carry no source: IPv6 picks an address of the outgoing interface by
/// itself (RFC 6724 rule 5), and the kernel refuses a prefsrc that is still tentative (duplicate address detection
/// after bridge's ADD).
/// </summary>
public sealed record PlannedRoute(IpPrefix Dst, IPAddress? Gateway, byte Scope, IPAddress? Source, string Device)
{
    /// <summary>The config field that asks for this route ("subnet" when none does), for error messages.</summary>
    public string Field { get; init; } = "subnet";

    /// <summary>Routing table; main (254) for every route but IPv6 multicast, which goes to local (255).</summary>
    public uint Table { get; init; } = RtNetlink.RT_TABLE_MAIN;

    /// <summary>rtm_type: unicast (1), or multicast (5) for the local table's ff00::/8.</summary>
    public byte Type { get; init; } = RtNetlink.RTN_UNICAST;

    /// <summary>RTA_PRIORITY; 0 leaves it to the kernel (IPv4 0, IPv6 1024: IP6_RT_PRIO_USER).</summary>
    public uint Metric { get; init; }

    public override string ToString()
    {
        var text = (Type == RtNetlink.RTN_MULTICAST ? "multicast " : string.Empty) + Dst;
        if (Gateway is not null)
        {
            text += $" via {Gateway}";
        }

        text += $" dev {Device}";
        if (Table != RtNetlink.RT_TABLE_MAIN)
        {
            text += " table " + KernelRoute.TableName(Table);
        }

        if (Metric != 0)
        {
            text += " metric " + Metric.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Scope == RtNetlink.ScopeLink)
        {
            text += " scope link";
        }

        return Source is null ? text : text + $" src {Source}";
    }
}

/// <summary>What ADD sets and CHECK expects, derived from the config and the interface's addresses only.</summary>
public sealed record RoutePlan(IReadOnlyList<PlannedRoute> Routes, bool RemoveDefaultRoute, string Device)
{
    // 224.0.0.0/4: IPv4 multicast (RFC 5771), mDNS 224.0.0.251 and SSDP 239.255.255.250 fall inside.
    public static readonly IpPrefix IPv4Multicast = new(IPAddress.Parse("224.0.0.0"), 4);

    // 255.255.255.255/32: limited broadcast (RFC 919), e.g. Wake-on-LAN.
    public static readonly IpPrefix IPv4Broadcast = new(IPAddress.Broadcast, 32);

    // ff00::/8: IPv6 multicast (RFC 4291 2.7).
    public static readonly IpPrefix IPv6Multicast = new(IPAddress.Parse("ff00::"), 8);

    /// <summary>
    /// Metric of route-fix's <c>multicast ff00::/8 dev net1 table local</c>: one below the kernel's own ff00::/8 routes.
    /// </summary>
    /// <remarks>
    /// Why the local table and this metric (torvalds/linux):
    /// <list type="bullet">
    /// <item>net/ipv6/addrconf.c <c>addrconf_add_mroute</c>, called from <c>addrconf_add_dev</c> for every interface
    /// that gets IPv6 (not loopback): <c>ff00::/8</c> with <c>fc_table = RT6_TABLE_LOCAL</c>,
    /// <c>fc_metric = IP6_RT_PRIO_ADDRCONF</c> (256, include/net/ip6_route.h) and <c>fc_type = RTN_MULTICAST</c>. The
    /// local table is looked up first (rule priority 0, net/ipv6/fib6_rules.c), so a main-table ff00::/8 is never
    /// reached: each IPv6 interface, net1 too, has one there.</item>
    /// <item>net/ipv6/ip6_fib.c <c>fib6_add_rt2node</c> keeps the routes of one prefix sorted by metric (it inserts
    /// before the first route with a larger <c>fib6_metric</c>); net/ipv6/route.c <c>rt6_select</c> /
    /// <c>find_rr_leaf</c> take the routes of the first metric and look at the next metric only when none of those
    /// matches. With no output interface (<c>ip6_route_output_flags_noref</c> sets <c>RT6_LOOKUP_F_IFACE</c> for a
    /// multicast destination, <c>rt6_need_strict</c>, but <c>rt6_score_route</c> accepts any device when oif is 0) the kernel's
    /// eth0 route, first at 256, used to win; at 255 route-fix's net1 route comes first. A socket or a received
    /// packet that names its interface (oif/iif eth0) does not match net1 and falls through to that interface's own
    /// 256 route, so eth0 keeps working for whoever asks for it.</item>
    /// <item>Type multicast like the kernel's. For sending the type does not matter (net/ipv6/route.c
    /// <c>ip6_rt_init_dst</c> treats only local, anycast and the reject types apart; a multicast destination gets
    /// <c>ip6_mr_output</c> either way; both sent out of net1, measured).</item>
    /// </list>
    /// </remarks>
    public const uint IPv6MulticastMetric = 255;

    public static RoutePlan Build(RouteFixConfig config, TargetInterface target)
    {
        var routes = new List<PlannedRoute>();
        var dev = target.Name;
        if (target.IPv4 is { } v4)
        {
            routes.Add(new PlannedRoute(v4.Network(), null, RtNetlink.ScopeLink, v4.Address, dev));
            if (config.Multicast)
            {
                routes.Add(new PlannedRoute(IPv4Multicast, null, RtNetlink.ScopeLink, v4.Address, dev) { Field = "multicast" });
            }

            if (config.Broadcast)
            {
                routes.Add(new PlannedRoute(IPv4Broadcast, null, RtNetlink.ScopeLink, v4.Address, dev) { Field = "broadcast" });
            }
        }

        if (target.IPv6 is not null && config.Multicast)
        {
            routes.Add(new PlannedRoute(IPv6Multicast, null, RtNetlink.ScopeUniverse, null, dev)
            {
                Field = "multicast",
                Table = RtNetlink.RT_TABLE_LOCAL,
                Type = RtNetlink.RTN_MULTICAST,
                Metric = IPv6MulticastMetric,
            });
        }

        for (var i = 0; i < config.Routes.Count; i++)
        {
            var extra = config.Routes[i];
            var source = extra.Dst.IsIPv4 ? target.IPv4 : target.IPv6;
            if (source is null)
            {
                throw RouteFixConfig.Invalid(
                    $"routes[{i}].dst",
                    $"\"{extra.Dst}\"",
                    $"interface {dev} has no IPv{(extra.Dst.IsIPv4 ? 4 : 6)} address in prevResult to use as the source; remove the route or give the interface such an address");
            }

            // IPv6 has no route scopes (the kernel reports every IPv6 route as universe).
            var scope = extra.Gateway is null && extra.Dst.IsIPv4 ? RtNetlink.ScopeLink : RtNetlink.ScopeUniverse;
            routes.Add(new PlannedRoute(extra.Dst, extra.Gateway, scope, extra.Dst.IsIPv4 ? source.Value.Address : null, dev) { Field = $"routes[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]" });
        }

        return new RoutePlan(routes, config.RemoveDefaultRoute, dev);
    }
}
