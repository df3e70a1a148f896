using System.Net;
using RouteFix.Netlink;

namespace RouteFix.Plugin;

/// <summary>
/// One route route-fix wants in the container's main table, described the way `ip route` prints it.
/// IPv6 routes carry no source: IPv6 picks an address of the outgoing interface by itself (RFC 6724 rule 5),
/// and the kernel refuses a prefsrc that is still tentative (duplicate address detection after bridge's ADD).
/// </summary>
public sealed record PlannedRoute(IpPrefix Dst, IPAddress? Gateway, byte Scope, IPAddress? Source, string Device)
{
    /// <summary>The config field that asks for this route ("subnet" when none does), for error messages.</summary>
    public string Field { get; init; } = "subnet";

    public override string ToString()
    {
        var text = Dst.ToString();
        if (Gateway is not null)
        {
            text += $" via {Gateway}";
        }

        text += $" dev {Device}";
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
            routes.Add(new PlannedRoute(IPv6Multicast, null, RtNetlink.ScopeUniverse, null, dev) { Field = "multicast" });
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
