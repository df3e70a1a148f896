using System.Runtime.InteropServices;

namespace RouteFix.Netlink;

/// <summary>Netlink framing constants (linux/netlink.h).</summary>
public static class Nl
{
    // struct nlmsghdr { __u32 nlmsg_len; __u16 nlmsg_type; __u16 nlmsg_flags; __u32 nlmsg_seq; __u32 nlmsg_pid; }
    public const int HeaderLength = 16;

    public const ushort NLMSG_NOOP = 1;
    public const ushort NLMSG_ERROR = 2;
    public const ushort NLMSG_DONE = 3;

    public const ushort NLM_F_REQUEST = 0x01;
    public const ushort NLM_F_MULTI = 0x02;
    public const ushort NLM_F_ACK = 0x04;
    public const ushort NLM_F_DUMP_INTR = 0x10;

    // Modifiers to GET requests.
    public const ushort NLM_F_DUMP = 0x300;

    // Modifiers to NEW requests.
    public const ushort NLM_F_REPLACE = 0x100;
    public const ushort NLM_F_EXCL = 0x200;
    public const ushort NLM_F_CREATE = 0x400;

    // Flags of an NLMSG_ERROR message (extended ack).
    public const ushort NLM_F_CAPPED = 0x100;
    public const ushort NLM_F_ACK_TLVS = 0x200;

    // enum nlmsgerr_attrs
    public const ushort NLMSGERR_ATTR_MSG = 1;

    // struct rtattr { unsigned short rta_len; unsigned short rta_type; }
    public const int AttributeHeaderLength = 4;

    /// <summary>NLMSG_ALIGN / RTA_ALIGN: 4 bytes.</summary>
    public static int Align(int length) => (length + 3) & ~3;
}

/// <summary>
/// Writes one netlink message into a caller's span: header, the family header (rtmsg, ifinfomsg), then
/// attributes, each padded to 4 bytes. Integers are in host byte order, addresses in network order.
/// </summary>
public ref struct NetlinkMessageWriter
{
    private readonly Span<byte> _buffer;
    private int _length;

    public NetlinkMessageWriter(Span<byte> buffer, ushort type, ushort flags, uint sequence)
    {
        _buffer = buffer;
        _buffer[..Nl.HeaderLength].Clear();
        MemoryMarshal.Write(_buffer[4..], in type);
        MemoryMarshal.Write(_buffer[6..], in flags);
        MemoryMarshal.Write(_buffer[8..], in sequence);
        _length = Nl.HeaderLength; // nlmsg_pid stays 0: the kernel fills in the sender's port
    }

    public readonly int Length => _length;

    /// <summary>Appends a fixed family header (e.g. struct rtmsg), padded.</summary>
    public void WriteFixed(scoped ReadOnlySpan<byte> header)
    {
        header.CopyTo(_buffer[_length..]);
        var padded = Nl.Align(header.Length);
        _buffer.Slice(_length + header.Length, padded - header.Length).Clear();
        _length += padded;
    }

    public void AddAttribute(ushort type, scoped ReadOnlySpan<byte> value)
    {
        var rtaLength = Nl.AttributeHeaderLength + value.Length;
        var padded = Nl.Align(rtaLength);
        var slot = _buffer.Slice(_length, padded);
        MemoryMarshal.Write(slot, (ushort)rtaLength);
        MemoryMarshal.Write(slot[2..], in type);
        value.CopyTo(slot[Nl.AttributeHeaderLength..]);
        slot[rtaLength..].Clear();
        _length += padded;
    }

    public void AddUInt32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        MemoryMarshal.Write(bytes, in value);
        AddAttribute(type, bytes);
    }

    /// <summary>A NUL-terminated string attribute (IFLA_IFNAME).</summary>
    public void AddString(ushort type, string value)
    {
        Span<byte> bytes = stackalloc byte[System.Text.Encoding.UTF8.GetMaxByteCount(value.Length) + 1];
        var count = System.Text.Encoding.UTF8.GetBytes(value, bytes);
        bytes[count] = 0;
        AddAttribute(type, bytes[..(count + 1)]);
    }

    /// <summary>Sets nlmsg_len and returns the finished message.</summary>
    public readonly ReadOnlySpan<byte> Finish()
    {
        MemoryMarshal.Write(_buffer, (uint)_length);
        return _buffer[.._length];
    }
}

/// <summary>Walks the rtattr list of one message payload.</summary>
public ref struct NetlinkAttributeReader(ReadOnlySpan<byte> attributes)
{
    private ReadOnlySpan<byte> _rest = attributes;

    public ushort Type { get; private set; }

    public ReadOnlySpan<byte> Value { get; private set; }

    public bool MoveNext()
    {
        if (_rest.Length < Nl.AttributeHeaderLength)
        {
            return false;
        }

        var length = MemoryMarshal.Read<ushort>(_rest);
        if (length < Nl.AttributeHeaderLength || length > _rest.Length)
        {
            throw new NetlinkProtocolException($"attribute length {length} does not fit the {_rest.Length} bytes left");
        }

        Type = (ushort)(MemoryMarshal.Read<ushort>(_rest[2..]) & 0x3fff); // strip NLA_F_NESTED / NLA_F_NET_BYTEORDER
        Value = _rest[Nl.AttributeHeaderLength..length];
        _rest = _rest[Math.Min(Nl.Align(length), _rest.Length)..];
        return true;
    }

    public static uint ReadUInt32(ReadOnlySpan<byte> value) =>
        value.Length >= 4 ? MemoryMarshal.Read<uint>(value) : throw new NetlinkProtocolException("u32 attribute shorter than 4 bytes");
}
