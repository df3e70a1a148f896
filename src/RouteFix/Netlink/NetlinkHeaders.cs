using System.Runtime.InteropServices;

namespace RouteFix.Netlink;

// The fixed headers of netlink as blittable structs, field for field as the kernel declares them
// (linux/netlink.h, linux/rtnetlink.h, linux/if_link.h), in host byte order. The same idea as
// vishvananda/netlink, whose nl.RtMsg, nl.IfInfomsg, nl.RtAttr and NetlinkRequest embed unix.RtMsg,
// unix.IfInfomsg, unix.RtAttr and unix.NlMsghdr and serialize by reinterpreting their bytes
// (nl/route_linux.go, nl/nl_linux.go). Here NetlinkCodec reads and writes them with MemoryMarshal.

/// <summary>struct nlmsghdr: 16 bytes in front of every netlink message.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NlMsgHdr
{
    /// <summary>nlmsg_len: the whole message, header included, before padding.</summary>
    public uint Len;

    /// <summary>nlmsg_type: NLMSG_* or the family's message type (RTM_NEWROUTE...).</summary>
    public ushort Type;

    /// <summary>nlmsg_flags: NLM_F_*.</summary>
    public ushort Flags;

    /// <summary>nlmsg_seq: the request's sequence number, echoed in every reply.</summary>
    public uint Seq;

    /// <summary>nlmsg_pid: the sender's port id; 0 in a request (the kernel fills it in).</summary>
    public uint Pid;
}

/// <summary>struct nlmsgerr: the payload of NLMSG_ERROR (error 0 is an ACK), then the echoed request header.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NlMsgErr
{
    /// <summary>A negative errno, or 0 for an acknowledgement.</summary>
    public int Error;

    /// <summary>The header of the request this answers.</summary>
    public NlMsgHdr Msg;
}

/// <summary>struct rtmsg: 12 bytes after the header of RTM_NEWROUTE, RTM_DELROUTE and RTM_GETROUTE.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct RtMsg
{
    public byte Family;
    public byte DstLen;
    public byte SrcLen;
    public byte Tos;

    /// <summary>rtm_table: the table id when below 256, else RT_TABLE_UNSPEC and the id in RTA_TABLE.</summary>
    public byte Table;
    public byte Protocol;
    public byte Scope;
    public byte Type;
    public uint Flags;
}

/// <summary>struct ifinfomsg: 16 bytes after the header of RTM_GETLINK and RTM_NEWLINK.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct IfInfoMsg
{
    public byte Family;
    public byte Pad;
    public ushort Type;
    public int Index;
    public uint Flags;
    public uint Change;
}

/// <summary>struct rtattr (also struct nlattr): 4 bytes in front of every attribute.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct RtAttr
{
    /// <summary>rta_len: header plus value, before padding.</summary>
    public ushort Len;

    /// <summary>rta_type: RTA_*, IFLA_*, NLMSGERR_ATTR_*; the top two bits are NLA_F_NESTED and NLA_F_NET_BYTEORDER.</summary>
    public ushort Type;
}
