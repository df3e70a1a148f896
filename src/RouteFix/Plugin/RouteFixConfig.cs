using System.Net;
using RouteFix.Addressing;
using RouteFix.Cni;

namespace RouteFix.Plugin;

/// <summary>
/// route-fix's configuration, as the GitOps library emits it (keep these names: src/GitOps writes them):
/// <code>{"type":"route-fix","multicast":true,"broadcast":true,"removeDefaultRoute":true,"routes":[{"dst":"10.0.0.0/24","gw":"192.168.2.1"}]}</code>
/// All optional: multicast, broadcast and removeDefaultRoute default to true, routes to none.
/// </summary>
public sealed record RouteFixConfig(
    string CniVersion,
    string Name,
    bool Multicast,
    bool Broadcast,
    bool RemoveDefaultRoute,
    IReadOnlyList<ExtraRoute> Routes,
    ResultJson? PrevResult)
{
    public const string PluginType = "route-fix";

    /// <summary>Checks the decoded JSON; every problem is code 7 and names the field, the value and the fix.</summary>
    public static RouteFixConfig From(RouteFixNetConfJson json)
    {
        if (json.Type is not null && json.Type != PluginType)
        {
            throw Invalid("type", $"\"{json.Type}\"", $"this is the {PluginType} plugin; set \"type\": \"{PluginType}\"");
        }

        var routes = new List<ExtraRoute>();
        for (var i = 0; i < (json.Routes?.Count ?? 0); i++)
        {
            var route = json.Routes![i];
            var path = $"routes[{i}]";
            if (route is null)
            {
                throw Invalid(path, "null", "write {\"dst\":\"10.0.0.0/24\",\"gw\":\"192.168.2.1\"}");
            }

            if (!IpPrefix.TryParse(route.Dst, out var dst))
            {
                throw Invalid($"{path}.dst", Quote(route.Dst), "write a CIDR prefix such as \"10.0.0.0/24\"");
            }

            if (!dst.IsNetwork)
            {
                throw Invalid($"{path}.dst", Quote(route.Dst), $"host bits are set; write \"{dst.Network()}\"");
            }

            IPAddress? gw = null;
            if (route.Gw is not null)
            {
                if (!IpPrefix.TryParseAddress(route.Gw, out var parsed))
                {
                    throw Invalid($"{path}.gw", Quote(route.Gw), "write a single address such as \"192.168.2.1\", or leave gw out for an on-link route");
                }

                if (parsed.AddressFamily != dst.Family)
                {
                    throw Invalid($"{path}.gw", Quote(route.Gw), $"the gateway's address family differs from dst {dst}");
                }

                gw = parsed;
            }

            routes.Add(new ExtraRoute(dst, gw));
        }

        return new RouteFixConfig(
            json.CniVersion ?? string.Empty,
            json.Name ?? string.Empty,
            json.Multicast ?? true,
            json.Broadcast ?? true,
            json.RemoveDefaultRoute ?? true,
            routes,
            json.PrevResult);
    }

    internal static CniException Invalid(string field, string value, string fix) => CniException.InvalidField(field, value, fix);

    internal static string Quote(string? value) => CniException.Quote(value);
}

/// <summary>An extra destination reached over the layer-2 interface, optionally through a gateway on it.</summary>
public sealed record ExtraRoute(IpPrefix Dst, IPAddress? Gateway);
