using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RouteFix.Addressing;

namespace RouteFix.Netlink;

/// <summary>One route as rtnetlink carries it: struct rtmsg plus the attributes route-fix uses.</summary>
public sealed record KernelRoute(
    IpPrefix Dst,
    IPAddress? Gateway,
    IPAddress? PreferredSource,
    int OutputInterface,
    byte Scope,
    uint Table,
    byte Protocol,
    byte Type = RtNetlink.RTN_UNICAST,
    uint Priority = 0)
{
    public bool IsDefault => Dst.PrefixLength == 0;

    /// <summary>Like `ip route`: "224.0.0.0/4 dev #3 scope link src 192.168.2.158 proto 82".</summary>
    public string Describe(Func<int, string> deviceName)
    {
        var text = IsDefault ? "default" : Dst.ToString();
        if (Gateway is not null)
        {
            text += $" via {Gateway}";
        }

        text += $" dev {deviceName(OutputInterface)}";
        text += Scope switch
        {
            RtNetlink.ScopeLink => " scope link",
            RtNetlink.ScopeHost => " scope host",
            RtNetlink.ScopeUniverse => string.Empty,
            _ => " scope " + Scope.ToString(CultureInfo.InvariantCulture),
        };
        if (PreferredSource is not null)
        {
            text += $" src {PreferredSource}";
        }

        return text;
    }

    internal static IPAddress Any(AddressFamily family) => family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any;
}
