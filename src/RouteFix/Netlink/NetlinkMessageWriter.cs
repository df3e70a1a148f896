namespace RouteFix.Netlink;

/// <summary>Netlink framing constants (linux/netlink.h).</summary>
public static class Nl
{
    /// <summary>sizeof(struct nlmsghdr): 16.</summary>
    public static int HeaderLength => NetlinkCodec.SizeOf<NlMsgHdr>();

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

    /// <summary>sizeof(struct rtattr): 4.</summary>
    public static int AttributeHeaderLength => NetlinkCodec.SizeOf<RtAttr>();

    /// <summary>NLMSG_ALIGN / RTA_ALIGN: 4 bytes.</summary>
    public static int Align(int length) => (length + 3) & ~3;
}

/// <summary>
/// Writes one netlink message into a caller's span: <see cref="NlMsgHdr"/>, the family header (<see cref="RtMsg"/>,
/// <see cref="IfInfoMsg"/>), then attributes (<see cref="RtAttr"/> + value), each padded to 4 bytes. Integers are in
/// host byte order, addresses in network order.
/// </summary>
public ref struct NetlinkMessageWriter
{
    private readonly Span<byte> _buffer;
    private int _length;

    public NetlinkMessageWriter(Span<byte> buffer, ushort type, ushort flags, uint sequence)
    {
        _buffer = buffer;

        // nlmsg_len is set by Finish; nlmsg_pid stays 0: the kernel fills in the sender's port.
        _length = NetlinkCodec.Write(_buffer, new NlMsgHdr { Type = type, Flags = flags, Seq = sequence });
    }

    public readonly int Length => _length;

    /// <summary>Appends the family header (<see cref="RtMsg"/>, <see cref="IfInfoMsg"/>), padded.</summary>
    public void WriteHeader<T>(in T header)
        where T : unmanaged
    {
        Span<byte> bytes = stackalloc byte[NetlinkCodec.SizeOf<T>()];
        NetlinkCodec.Write(bytes, in header);
        WriteFixed(bytes);
    }

    /// <summary>Appends a fixed family header given as bytes, padded.</summary>
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
        NetlinkCodec.Write(slot, new RtAttr { Len = (ushort)rtaLength, Type = type });
        value.CopyTo(slot[Nl.AttributeHeaderLength..]);
        slot[rtaLength..].Clear();
        _length += padded;
    }

    public void AddUInt32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        NetlinkCodec.Write(bytes, in value);
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
        var header = NetlinkCodec.Read<NlMsgHdr>(_buffer);
        header.Len = (uint)_length;
        NetlinkCodec.Write(_buffer, in header);
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

        var header = NetlinkCodec.Read<RtAttr>(_rest);
        var length = header.Len;
        if (length < Nl.AttributeHeaderLength || length > _rest.Length)
        {
            throw new NetlinkProtocolException($"attribute length {length} does not fit the {_rest.Length} bytes left");
        }

        Type = (ushort)(header.Type & 0x3fff); // strip NLA_F_NESTED / NLA_F_NET_BYTEORDER
        Value = _rest[Nl.AttributeHeaderLength..length];
        _rest = _rest[Math.Min(Nl.Align(length), _rest.Length)..];
        return true;
    }

    public static uint ReadUInt32(ReadOnlySpan<byte> value) =>
        value.Length >= sizeof(uint) ? NetlinkCodec.Read<uint>(value) : throw new NetlinkProtocolException("u32 attribute shorter than 4 bytes");
}
