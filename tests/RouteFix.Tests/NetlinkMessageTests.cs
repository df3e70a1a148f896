using System.Net;
using RouteFix.Addressing;
using RouteFix.Netlink;
using RouteFix.Plugin;

namespace RouteFix.Tests;

/// <summary>Exact request bytes (x86-64 and arm64 are little-endian; addresses are in network order).</summary>
public sealed class NetlinkMessageTests
{
    private static readonly KernelRoute Multicast = new(
        new IpPrefix(IPAddress.Parse("224.0.0.0"), 4), Gateway: null, PreferredSource: IPAddress.Parse("192.168.2.158"),
        OutputInterface: 3, Scope: RtNetlink.ScopeLink, Table: RtNetlink.RT_TABLE_MAIN, Protocol: RouteFixCommands.RouteProtocol);

    [Fact]
    public void Replace_route_request_bytes()
    {
        var bytes = RtNetlink.BuildRouteMessage(new byte[512], RtNetlink.RTM_NEWROUTE, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, 1, Multicast).ToArray();
        byte[] expected =
        [
            0x34, 0x00, 0x00, 0x00, // nlmsg_len 52
            0x18, 0x00,             // nlmsg_type RTM_NEWROUTE (24)
            0x05, 0x05,             // nlmsg_flags REQUEST|ACK|REPLACE|CREATE (0x505)
            0x01, 0x00, 0x00, 0x00, // nlmsg_seq 1
            0x00, 0x00, 0x00, 0x00, // nlmsg_pid 0
            0x02, 0x04, 0x00, 0x00, // rtm_family AF_INET, rtm_dst_len 4, rtm_src_len 0, rtm_tos 0
            0xfe, 0x52, 0xfd, 0x01, // rtm_table MAIN, rtm_protocol 82, rtm_scope LINK, rtm_type UNICAST
            0x00, 0x00, 0x00, 0x00, // rtm_flags
            0x08, 0x00, 0x01, 0x00, 0xe0, 0x00, 0x00, 0x00, // RTA_DST 224.0.0.0
            0x08, 0x00, 0x07, 0x00, 0xc0, 0xa8, 0x02, 0x9e, // RTA_PREFSRC 192.168.2.158
            0x08, 0x00, 0x04, 0x00, 0x03, 0x00, 0x00, 0x00, // RTA_OIF 3
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Delete_route_with_gateway_and_IPv6_bytes()
    {
        var route = new KernelRoute(
            new IpPrefix(IPAddress.Parse("fd00:1::"), 64), IPAddress.Parse("fe80::1"), IPAddress.Parse("fd00:2::5"),
            7, RtNetlink.ScopeUniverse, RtNetlink.RT_TABLE_MAIN, RouteFixCommands.RouteProtocol, Priority: 1024);
        var bytes = RtNetlink.BuildRouteMessage(new byte[512], RtNetlink.RTM_DELROUTE, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK, 0x01020304, route).ToArray();
        Assert.Equal(16 + 12 + 20 + 20 + 20 + 8 + 8, bytes.Length);
        Assert.Equal(bytes.Length, BitConverter.ToInt32(bytes, 0));
        Assert.Equal([0x19, 0x00, 0x05, 0x00, 0x04, 0x03, 0x02, 0x01], bytes[4..12]);
        Assert.Equal([0x0a, 64, 0, 0, 0xfe, 82, 0, 1], bytes[16..24]);
        Assert.Equal([20, 0, 1, 0, 0xfd, 0x00, 0x00, 0x01], bytes[28..36]);      // RTA_DST fd00:1::
        Assert.Equal([20, 0, 7, 0, 0xfd, 0x00, 0x00, 0x02], bytes[48..56]);      // RTA_PREFSRC fd00:2::5
        Assert.Equal([20, 0, 5, 0, 0xfe, 0x80], bytes[68..74]);                  // RTA_GATEWAY fe80::1
        Assert.Equal([8, 0, 4, 0, 7, 0, 0, 0], bytes[88..96]);                    // RTA_OIF 7
        Assert.Equal([8, 0, 6, 0, 0x00, 0x04, 0, 0], bytes[96..104]);             // RTA_PRIORITY 1024
    }

    /// <summary>`ip -6 route replace multicast ff00::/8 dev net1 table local metric 255 proto 82` (RoutePlan.IPv6MulticastMetric).</summary>
    private static readonly KernelRoute LocalMulticast = new(
        RoutePlan.IPv6Multicast, Gateway: null, PreferredSource: null, OutputInterface: 3, Scope: RtNetlink.ScopeUniverse,
        Table: RtNetlink.RT_TABLE_LOCAL, Protocol: RouteFixCommands.RouteProtocol, Type: RtNetlink.RTN_MULTICAST, Priority: 255);

    [Fact]
    public void Replace_local_table_IPv6_multicast_request_bytes()
    {
        var bytes = RtNetlink.BuildRouteMessage(new byte[512], RtNetlink.RTM_NEWROUTE, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, 1, LocalMulticast).ToArray();
        byte[] expected =
        [
            0x40, 0x00, 0x00, 0x00, // nlmsg_len 64
            0x18, 0x00,             // nlmsg_type RTM_NEWROUTE (24)
            0x05, 0x05,             // nlmsg_flags REQUEST|ACK|REPLACE|CREATE (0x505)
            0x01, 0x00, 0x00, 0x00, // nlmsg_seq 1
            0x00, 0x00, 0x00, 0x00, // nlmsg_pid 0
            0x0a, 0x08, 0x00, 0x00, // rtm_family AF_INET6, rtm_dst_len 8, rtm_src_len 0, rtm_tos 0
            0xff, 0x52, 0x00, 0x05, // rtm_table LOCAL (255), rtm_protocol 82, rtm_scope UNIVERSE, rtm_type MULTICAST (5)
            0x00, 0x00, 0x00, 0x00, // rtm_flags
            0x14, 0x00, 0x01, 0x00, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // RTA_DST ff00::
            0x08, 0x00, 0x04, 0x00, 0x03, 0x00, 0x00, 0x00, // RTA_OIF 3
            0x08, 0x00, 0x06, 0x00, 0xff, 0x00, 0x00, 0x00, // RTA_PRIORITY 255
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Delete_local_table_IPv6_multicast_carries_table_type_and_metric()
    {
        // ip6_route_del matches the metric and the protocol when the request carries them, so DEL removes only route-fix's.
        var bytes = RtNetlink.BuildRouteMessage(new byte[512], RtNetlink.RTM_DELROUTE, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK, 2, LocalMulticast).ToArray();
        Assert.Equal([0x19, 0x00, 0x05, 0x00], bytes[4..8]);
        Assert.Equal([0x0a, 8, 0, 0, 0xff, 82, 0, 5], bytes[16..24]);
        Assert.Equal([8, 0, 6, 0, 0xff, 0, 0, 0], bytes[^8..]);
    }

    [Fact]
    public void Parsed_local_multicast_route_round_trips_and_reads_like_ip_route()
    {
        var bytes = RtNetlink.BuildRouteMessage(new byte[512], RtNetlink.RTM_NEWROUTE, Nl.NLM_F_REQUEST, 1, LocalMulticast).ToArray();
        var parsed = RtNetlink.ParseRoute(bytes.AsSpan(Nl.HeaderLength));
        Assert.Equal(LocalMulticast, parsed);
        Assert.Equal("multicast ff00::/8 dev net1 table local metric 255", parsed!.Describe(_ => "net1"));
    }

    [Fact]
    public void String_attributes_are_padded_to_four_bytes()
    {
        var buffer = new byte[64];
        var writer = new NetlinkMessageWriter(buffer, RtNetlink.RTM_GETLINK, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK, 9);
        writer.WriteFixed(new byte[16]);
        writer.AddString(RtNetlink.IFLA_IFNAME, "net1");
        var bytes = writer.Finish().ToArray();
        Assert.Equal(16 + 16 + 12, bytes.Length);
        Assert.Equal([9, 0, 3, 0, (byte)'n', (byte)'e', (byte)'t', (byte)'1', 0, 0, 0, 0], bytes[32..]); // rta_len 9 (4 + "net1\0"), 3 bytes padding
    }

    [Fact]
    public void Default_route_has_no_destination_attribute()
    {
        var route = Multicast with { Dst = new IpPrefix(IPAddress.Any, 0), Gateway = IPAddress.Parse("192.168.2.1"), PreferredSource = null, Scope = RtNetlink.ScopeUniverse };
        var bytes = RtNetlink.BuildRouteMessage(new byte[512], RtNetlink.RTM_DELROUTE, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK, 2, route).ToArray();
        Assert.Equal(16 + 12 + 8 + 8, bytes.Length);
        Assert.Equal([8, 0, 5, 0, 192, 168, 2, 1], bytes[28..36]);
    }

    [Fact]
    public void Parsed_route_round_trips()
    {
        var bytes = RtNetlink.BuildRouteMessage(new byte[512], RtNetlink.RTM_NEWROUTE, Nl.NLM_F_REQUEST, 1, Multicast).ToArray();
        var parsed = RtNetlink.ParseRoute(bytes.AsSpan(Nl.HeaderLength));
        Assert.Equal(Multicast, parsed);
        Assert.Equal("224.0.0.0/4 dev net1 scope link src 192.168.2.158", parsed!.Describe(_ => "net1"));
    }

    [Fact]
    public void Large_table_id_goes_into_rta_table()
    {
        var bytes = RtNetlink.BuildRouteMessage(new byte[512], RtNetlink.RTM_NEWROUTE, Nl.NLM_F_REQUEST, 1, Multicast with { Table = 1000 }).ToArray();
        Assert.Equal(0, bytes[20]); // rtm_table RT_TABLE_UNSPEC
        Assert.Equal([8, 0, 15, 0, 0xe8, 0x03, 0, 0], bytes[28..36]);
        Assert.Equal(1000u, RtNetlink.ParseRoute(bytes.AsSpan(Nl.HeaderLength))!.Table);
    }

    [Fact]
    public void Truncated_attribute_is_a_protocol_error()
    {
        byte[] payload = [2, 4, 0, 0, 254, 82, 253, 1, 0, 0, 0, 0, 0x20, 0x00, 0x01, 0x00, 224, 0, 0, 0];
        Assert.Throws<NetlinkProtocolException>(() => RtNetlink.ParseRoute(payload));
    }

    [Fact]
    public void Other_families_are_skipped()
    {
        byte[] payload = [128, 0, 0, 0, 254, 0, 0, 1, 0, 0, 0, 0];
        Assert.Null(RtNetlink.ParseRoute(payload));
    }

    [Fact]
    public void Header_structs_have_the_kernels_sizes()
    {
        // linux/netlink.h, linux/rtnetlink.h, linux/if_link.h: the sizes the byte offsets used to spell out.
        Assert.Equal(16, NetlinkCodec.SizeOf<NlMsgHdr>());
        Assert.Equal(20, NetlinkCodec.SizeOf<NlMsgErr>());
        Assert.Equal(12, NetlinkCodec.SizeOf<RtMsg>());
        Assert.Equal(16, NetlinkCodec.SizeOf<IfInfoMsg>());
        Assert.Equal(4, NetlinkCodec.SizeOf<RtAttr>());
        Assert.Equal(16, Nl.HeaderLength);
        Assert.Equal(4, Nl.AttributeHeaderLength);
    }

    [Fact]
    public void Typed_headers_read_back_from_the_request_bytes()
    {
        var bytes = RtNetlink.BuildRouteMessage(new byte[512], RtNetlink.RTM_NEWROUTE, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, 0x01020304, Multicast).ToArray();
        var header = NetlinkCodec.Read<NlMsgHdr>(bytes);
        Assert.Equal((uint)bytes.Length, header.Len);
        Assert.Equal(RtNetlink.RTM_NEWROUTE, header.Type);
        Assert.Equal(0x505, header.Flags);
        Assert.Equal(0x01020304u, header.Seq);
        Assert.Equal(0u, header.Pid);

        var rtmsg = NetlinkCodec.Read<RtMsg>(bytes.AsSpan(Nl.HeaderLength));
        Assert.Equal((RtNetlink.AF_INET, (byte)4, (byte)0, (byte)0), (rtmsg.Family, rtmsg.DstLen, rtmsg.SrcLen, rtmsg.Tos));
        Assert.Equal(((byte)RtNetlink.RT_TABLE_MAIN, RouteFixCommands.RouteProtocol, RtNetlink.ScopeLink, RtNetlink.RTN_UNICAST, 0u), (rtmsg.Table, rtmsg.Protocol, rtmsg.Scope, rtmsg.Type, rtmsg.Flags));

        var attribute = NetlinkCodec.Read<RtAttr>(bytes.AsSpan(Nl.HeaderLength + 12));
        Assert.Equal((8, RtNetlink.RTA_DST), (attribute.Len, attribute.Type));
    }

    [Fact]
    public void Typed_headers_write_the_kernels_layout()
    {
        var bytes = new byte[NetlinkCodec.SizeOf<NlMsgErr>()];
        Assert.Equal(20, NetlinkCodec.Write(bytes, new NlMsgErr { Error = -17, Msg = new NlMsgHdr { Len = 52, Type = 24, Flags = 0x505, Seq = 7, Pid = 0x11223344 } }));
        Assert.Equal([0xef, 0xff, 0xff, 0xff, 52, 0, 0, 0, 24, 0, 0x05, 0x05, 7, 0, 0, 0, 0x44, 0x33, 0x22, 0x11], bytes);

        var ifinfo = new byte[16];
        NetlinkCodec.Write(ifinfo, new IfInfoMsg { Family = RtNetlink.AF_INET6, Type = 1, Index = 3, Flags = 0x1003, Change = 0xffffffff });
        Assert.Equal([10, 0, 1, 0, 3, 0, 0, 0, 0x03, 0x10, 0, 0, 0xff, 0xff, 0xff, 0xff], ifinfo);
    }

    [Fact]
    public void Link_request_carries_a_typed_if_info_msg()
    {
        var buffer = new byte[64];
        var writer = new NetlinkMessageWriter(buffer, RtNetlink.RTM_GETLINK, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK, 5);
        writer.WriteHeader(new IfInfoMsg { Index = 7 });
        var bytes = writer.Finish().ToArray();
        Assert.Equal([32, 0, 0, 0, 18, 0, 5, 0, 5, 0, 0, 0, 0, 0, 0, 0], bytes[..16]);
        Assert.Equal([0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], bytes[16..]);
        Assert.Equal(7, NetlinkCodec.Read<IfInfoMsg>(bytes.AsSpan(16)).Index);
    }

    [Fact]
    public void A_header_longer_than_the_bytes_left_is_a_protocol_error()
    {
        var e = Assert.Throws<NetlinkProtocolException>(() => NetlinkCodec.Read<NlMsgHdr>(new byte[15]));
        Assert.Contains("16-byte netlink header does not fit the 15 bytes left", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errno_messages_name_the_constant()
    {
        var e = new ErrnoException("replace route x", Errno.EEXIST, "Route exists");
        Assert.EndsWith("(EEXIST): Route exists", e.Message, StringComparison.Ordinal);
    }
}
