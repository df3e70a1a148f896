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

    /// <summary>
    /// Like `ip route`: "224.0.0.0/4 dev net1 scope link src 192.168.2.158"; outside the main table with the type
    /// when it is multicast, the table and the metric: "multicast ff00::/8 dev net1 table local metric 255".
    /// </summary>
    public string Describe(Func<int, string> deviceName)
    {
        var text = (Type == RtNetlink.RTN_MULTICAST ? "multicast " : string.Empty) + (IsDefault ? "default" : Dst.ToString());
        if (Gateway is not null)
        {
            text += $" via {Gateway}";
        }

        text += $" dev {deviceName(OutputInterface)}";
        if (Table != RtNetlink.RT_TABLE_MAIN)
        {
            text += " table " + TableName(Table);
            if (Priority != 0)
            {
                text += " metric " + Priority.ToString(CultureInfo.InvariantCulture);
            }
        }

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

    /// <summary>"main", "local" or the number, as `ip route` names a table.</summary>
    public static string TableName(uint table) => table switch
    {
        RtNetlink.RT_TABLE_MAIN => "main",
        RtNetlink.RT_TABLE_LOCAL => "local",
        _ => table.ToString(CultureInfo.InvariantCulture),
    };

    internal static IPAddress Any(AddressFamily family) => family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any;
}
