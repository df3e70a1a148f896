using System.Net;
using System.Net.Sockets;
using RouteFix.Addressing;

namespace RouteFix.Netlink;

/// <summary>
/// rtnetlink requests route-fix needs (linux/rtnetlink.h, linux/if_link.h): look a link up by name,
/// replace/delete a route, dump a family's routes. Runs in the namespace its socket was opened in.
/// </summary>
public sealed class RtNetlink(NetlinkSocket socket)
{
    public const ushort RTM_NEWLINK = 16;
    public const ushort RTM_GETLINK = 18;
    public const ushort RTM_NEWROUTE = 24;
    public const ushort RTM_DELROUTE = 25;
    public const ushort RTM_GETROUTE = 26;

    // enum rtattr_type_t
    public const ushort RTA_DST = 1;
    public const ushort RTA_OIF = 4;
    public const ushort RTA_GATEWAY = 5;
    public const ushort RTA_PRIORITY = 6;
    public const ushort RTA_PREFSRC = 7;
    public const ushort RTA_TABLE = 15;

    public const ushort IFLA_IFNAME = 3;

    public const byte RT_TABLE_UNSPEC = 0;
    public const uint RT_TABLE_MAIN = 254;
    public const uint RT_TABLE_LOCAL = 255;

    // enum rtm_type (linux/rtnetlink.h)
    public const byte RTN_UNICAST = 1;
    public const byte RTN_MULTICAST = 5;

    // enum rt_scope_t
    public const byte ScopeUniverse = 0;
    public const byte ScopeLink = 253;
    public const byte ScopeHost = 254;

    public const byte AF_UNSPEC = 0;
    public const byte AF_INET = 2;
    public const byte AF_INET6 = 10;

    private const int MessageBufferSize = 512;

    /// <summary>RTM_GETLINK by IFLA_IFNAME; ENODEV when the namespace has no such link.</summary>
    public int LinkIndex(string name)
    {
        Span<byte> buffer = stackalloc byte[MessageBufferSize];
        var writer = new NetlinkMessageWriter(buffer, RTM_GETLINK, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK, socket.NextSequence());
        writer.WriteHeader(new IfInfoMsg());
        writer.AddString(IFLA_IFNAME, name);
        var index = 0;
        socket.Request(writer.Finish(), $"look up link {name}", (type, payload) =>
        {
            if (type == RTM_NEWLINK && payload.Length >= NetlinkCodec.SizeOf<IfInfoMsg>())
            {
                index = NetlinkCodec.Read<IfInfoMsg>(payload).Index;
            }
        });
        return index > 0 ? index : throw new ErrnoException($"look up link {name}", Errno.ENODEV);
    }

    /// <summary>RTM_GETLINK by ifi_index; the link's IFLA_IFNAME.</summary>
    public string LinkName(int index)
    {
        Span<byte> buffer = stackalloc byte[MessageBufferSize];
        var writer = new NetlinkMessageWriter(buffer, RTM_GETLINK, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK, socket.NextSequence());
        writer.WriteHeader(new IfInfoMsg { Index = index });
        string? name = null;
        socket.Request(writer.Finish(), $"look up link #{index}", (type, payload) =>
        {
            if (type != RTM_NEWLINK || payload.Length < NetlinkCodec.SizeOf<IfInfoMsg>())
            {
                return;
            }

            var reader = new NetlinkAttributeReader(payload[Nl.Align(NetlinkCodec.SizeOf<IfInfoMsg>())..]);
            while (reader.MoveNext())
            {
                if (reader.Type == IFLA_IFNAME)
                {
                    name = System.Text.Encoding.UTF8.GetString(reader.Value).TrimEnd('\0');
                }
            }
        });
        return name ?? throw new ErrnoException($"look up link #{index}", Errno.ENODEV);
    }

    /// <summary>`ip route replace`: NLM_F_CREATE | NLM_F_REPLACE, so a route the kernel already has for the prefix is overwritten.</summary>
    public void ReplaceRoute(KernelRoute route, string description)
    {
        Span<byte> buffer = stackalloc byte[MessageBufferSize];
        var message = BuildRouteMessage(buffer, RTM_NEWROUTE, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, socket.NextSequence(), route);
        socket.Request(message, $"replace route {description}");
    }

    public void DeleteRoute(KernelRoute route, string description)
    {
        Span<byte> buffer = stackalloc byte[MessageBufferSize];
        var message = BuildRouteMessage(buffer, RTM_DELROUTE, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK, socket.NextSequence(), route);
        socket.Request(message, $"delete route {description}");
    }

    /// <summary>All routes of one family (every table); retried when the kernel reports an interrupted dump.</summary>
    public IReadOnlyList<KernelRoute> DumpRoutes(AddressFamily family)
    {
        Span<byte> buffer = stackalloc byte[64];
        for (var attempt = 1; ; attempt++)
        {
            var routes = new List<KernelRoute>();
            var writer = new NetlinkMessageWriter(buffer, RTM_GETROUTE, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_DUMP, socket.NextSequence());
            writer.WriteHeader(new RtMsg { Family = family == AddressFamily.InterNetwork ? AF_INET : AF_INET6 });
            var complete = socket.Request(writer.Finish(), "dump routes", (type, payload) =>
            {
                // A kernel without the family answers with every family's routes: keep the asked one.
                if (type == RTM_NEWROUTE && ParseRoute(payload) is { } route && route.Dst.Family == family)
                {
                    routes.Add(route);
                }
            });
            if (complete)
            {
                return routes;
            }

            if (attempt == 3)
            {
                throw new ErrnoException("dump routes (interrupted three times)", Errno.EAGAIN);
            }
        }
    }

    /// <summary>Writes an RTM_NEWROUTE/RTM_DELROUTE request: rtmsg, then RTA_TABLE (when > 255), RTA_DST, RTA_PREFSRC, RTA_GATEWAY, RTA_OIF, RTA_PRIORITY.</summary>
    public static ReadOnlySpan<byte> BuildRouteMessage(Span<byte> buffer, ushort type, ushort flags, uint sequence, KernelRoute route)
    {
        var writer = new NetlinkMessageWriter(buffer, type, flags, sequence);
        writer.WriteHeader(new RtMsg
        {
            Family = route.Dst.IsIPv4 ? AF_INET : AF_INET6,
            DstLen = (byte)route.Dst.PrefixLength,
            Table = route.Table < 256 ? (byte)route.Table : RT_TABLE_UNSPEC,
            Protocol = route.Protocol,
            Scope = route.Scope,
            Type = route.Type,
        });
        if (route.Table >= 256)
        {
            writer.AddUInt32(RTA_TABLE, route.Table);
        }

        Span<byte> address = stackalloc byte[16];
        if (route.Dst.PrefixLength > 0)
        {
            writer.AddAttribute(RTA_DST, AddressBytes(route.Dst.Address, address));
        }

        if (route.PreferredSource is { } source)
        {
            writer.AddAttribute(RTA_PREFSRC, AddressBytes(source, address));
        }

        if (route.Gateway is { } gateway)
        {
            writer.AddAttribute(RTA_GATEWAY, AddressBytes(gateway, address));
        }

        writer.AddUInt32(RTA_OIF, (uint)route.OutputInterface);
        if (route.Priority != 0)
        {
            writer.AddUInt32(RTA_PRIORITY, route.Priority);
        }

        return writer.Finish();
    }

    /// <summary>Reads an RTM_NEWROUTE payload; null for families other than IPv4/IPv6 (e.g. RTNL_FAMILY_IPMR).</summary>
    public static KernelRoute? ParseRoute(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < NetlinkCodec.SizeOf<RtMsg>())
        {
            throw new NetlinkProtocolException("RTM_NEWROUTE shorter than struct rtmsg");
        }

        var rtmsg = NetlinkCodec.Read<RtMsg>(payload);
        var family = rtmsg.Family switch
        {
            AF_INET => AddressFamily.InterNetwork,
            AF_INET6 => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unspecified,
        };
        if (family == AddressFamily.Unspecified)
        {
            return null;
        }

        uint table = rtmsg.Table;
        IPAddress dst = KernelRoute.Any(family);
        IPAddress? gateway = null;
        IPAddress? source = null;
        var oif = 0;
        uint priority = 0;
        var reader = new NetlinkAttributeReader(payload[Nl.Align(NetlinkCodec.SizeOf<RtMsg>())..]);
        while (reader.MoveNext())
        {
            switch (reader.Type)
            {
                case RTA_DST: dst = new IPAddress(reader.Value); break;
                case RTA_GATEWAY: gateway = new IPAddress(reader.Value); break;
                case RTA_PREFSRC: source = new IPAddress(reader.Value); break;
                case RTA_OIF: oif = (int)NetlinkAttributeReader.ReadUInt32(reader.Value); break;
                case RTA_TABLE: table = NetlinkAttributeReader.ReadUInt32(reader.Value); break;
                case RTA_PRIORITY: priority = NetlinkAttributeReader.ReadUInt32(reader.Value); break;
            }
        }

        return new KernelRoute(new IpPrefix(dst, rtmsg.DstLen), gateway, source, oif, rtmsg.Scope, table, rtmsg.Protocol, rtmsg.Type, priority);
    }

    private static ReadOnlySpan<byte> AddressBytes(IPAddress address, Span<byte> buffer) =>
        address.TryWriteBytes(buffer, out var written) ? buffer[..written] : throw new ArgumentException("address does not fit", nameof(address));
}
