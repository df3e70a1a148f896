using System.Runtime.InteropServices;

namespace RouteFix.Netlink;

/// <summary>A payload callback: one message of a reply (not NLMSG_ERROR/NLMSG_DONE, which the socket handles).</summary>
public delegate void NetlinkMessageHandler(ushort type, ReadOnlySpan<byte> payload);

/// <summary>
/// A NETLINK_ROUTE socket in the network namespace of the thread that opened it.
/// Every request asks for an ACK; replies must carry the request's sequence number and our port id;
/// NLMSG_ERROR becomes an <see cref="ErrnoException"/> with the kernel's extended-ack text when it sends one.
/// </summary>
public sealed unsafe class NetlinkSocket : IDisposable
{
    private const int ReceiveBufferSize = 64 * 1024;
    private readonly byte[] _receive = new byte[ReceiveBufferSize];
    private int _fd;
    private uint _sequence;

    private NetlinkSocket(int fd, uint portId, uint firstSequence)
    {
        _fd = fd;
        PortId = portId;
        _sequence = firstSequence;
    }

    public uint PortId { get; }

    public static NetlinkSocket OpenRoute()
    {
        var fd = Interop.Socket(Interop.AF_NETLINK, Interop.SOCK_RAW | Interop.SOCK_CLOEXEC, Interop.NETLINK_ROUTE);
        if (fd < 0)
        {
            throw new ErrnoException("socket(AF_NETLINK, NETLINK_ROUTE)", Marshal.GetLastPInvokeError());
        }

        try
        {
            var one = 1;
            // Extended ACK (Linux 4.12+) makes the kernel say why, e.g. "Invalid source address". Optional.
            _ = Interop.SetSockOpt(fd, Interop.SOL_NETLINK, Interop.NETLINK_EXT_ACK, &one, sizeof(int));

            // Never hang a kubelet: a reply that does not come within 5 s is EAGAIN (CNI code 11, try again).
            var timeout = new Interop.Timeval { Seconds = 5 };
            if (Interop.SetSockOpt(fd, Interop.SOL_SOCKET, Interop.SO_RCVTIMEO, &timeout, (uint)sizeof(Interop.Timeval)) != 0)
            {
                throw new ErrnoException("setsockopt(SO_RCVTIMEO)", Marshal.GetLastPInvokeError());
            }

            var address = new Interop.SockaddrNl { Family = Interop.AF_NETLINK };
            if (Interop.Bind(fd, &address, (uint)sizeof(Interop.SockaddrNl)) != 0)
            {
                throw new ErrnoException("bind(AF_NETLINK)", Marshal.GetLastPInvokeError());
            }

            var length = (uint)sizeof(Interop.SockaddrNl);
            if (Interop.GetSockName(fd, &address, &length) != 0)
            {
                throw new ErrnoException("getsockname(AF_NETLINK)", Marshal.GetLastPInvokeError());
            }

            return new NetlinkSocket(fd, address.Pid, (uint)Environment.TickCount64);
        }
        catch
        {
            _ = Interop.Close(fd);
            throw;
        }
    }

    public uint NextSequence() => unchecked(++_sequence);

    /// <summary>
    /// Sends one request (built with <see cref="NextSequence"/>) and reads replies until its ACK
    /// (NLMSG_ERROR with error 0) or, for a dump, NLMSG_DONE. Returns false when a dump was interrupted
    /// (NLM_F_DUMP_INTR: the table changed while the kernel walked it; the caller retries).
    /// </summary>
    public bool Request(ReadOnlySpan<byte> message, string operation, NetlinkMessageHandler? onMessage = null)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        var request = NetlinkCodec.Read<NlMsgHdr>(message);
        var sequence = request.Seq;
        var isDump = (request.Flags & Nl.NLM_F_DUMP) == Nl.NLM_F_DUMP;
        fixed (byte* bytes = message)
        {
            var sent = Interop.Send(_fd, bytes, (nuint)message.Length, 0);
            if (sent < 0)
            {
                throw new ErrnoException(operation + ": send", Marshal.GetLastPInvokeError());
            }

            if (sent != message.Length)
            {
                throw new NetlinkProtocolException($"{operation}: sent {sent} of {message.Length} bytes");
            }
        }

        var interrupted = false;
        while (true)
        {
            var received = Receive(operation);
            var rest = _receive.AsSpan(0, received);
            while (rest.Length >= Nl.HeaderLength)
            {
                var header = NetlinkCodec.Read<NlMsgHdr>(rest);
                var length = header.Len;
                if (length < Nl.HeaderLength || length > rest.Length)
                {
                    throw new NetlinkProtocolException($"{operation}: message length {length} does not fit the {rest.Length} bytes received");
                }

                var (type, flags, replySequence, portId) = (header.Type, header.Flags, header.Seq, header.Pid);
                var payload = rest[Nl.HeaderLength..(int)length];
                rest = rest[Math.Min(Nl.Align((int)length), rest.Length)..];

                if (replySequence != sequence || portId != PortId)
                {
                    throw new NetlinkProtocolException(
                        $"{operation}: reply has sequence {replySequence} for port {portId}, expected sequence {sequence} for port {PortId}");
                }

                if ((flags & Nl.NLM_F_DUMP_INTR) != 0)
                {
                    interrupted = true;
                }

                switch (type)
                {
                    case Nl.NLMSG_NOOP:
                        continue;
                    case Nl.NLMSG_ERROR:
                        ThrowIfError(operation, flags, payload);
                        if (!isDump)
                        {
                            return true; // the ACK
                        }

                        continue;
                    case Nl.NLMSG_DONE:
                        if (payload.Length >= sizeof(int) && NetlinkCodec.Read<int>(payload) is var doneError and < 0)
                        {
                            throw new ErrnoException(operation, -doneError);
                        }

                        return !interrupted;
                    default:
                        onMessage?.Invoke(type, payload);
                        continue;
                }
            }
        }
    }

    /// <summary><see cref="NlMsgErr"/> (int error; struct nlmsghdr msg) followed, with NLM_F_ACK_TLVS, by attributes.</summary>
    private static void ThrowIfError(string operation, ushort flags, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < sizeof(int))
        {
            throw new NetlinkProtocolException($"{operation}: NLMSG_ERROR shorter than its error code");
        }

        var error = NetlinkCodec.Read<int>(payload);
        if (error == 0)
        {
            return;
        }

        string? text = null;
        if ((flags & Nl.NLM_F_ACK_TLVS) != 0 && payload.Length >= NetlinkCodec.SizeOf<NlMsgErr>())
        {
            // Without NLM_F_CAPPED the kernel echoes our whole request after the error code.
            var echoed = (flags & Nl.NLM_F_CAPPED) != 0 ? Nl.HeaderLength : (int)NetlinkCodec.Read<NlMsgErr>(payload).Msg.Len;
            var offset = sizeof(int) + Nl.Align(echoed);
            if (offset <= payload.Length)
            {
                var reader = new NetlinkAttributeReader(payload[offset..]);
                while (reader.MoveNext())
                {
                    if (reader.Type == Nl.NLMSGERR_ATTR_MSG)
                    {
                        text = System.Text.Encoding.UTF8.GetString(reader.Value).TrimEnd('\0');
                    }
                }
            }
        }

        throw new ErrnoException(operation, -error, text);
    }

    private int Receive(string operation)
    {
        fixed (byte* buffer = _receive)
        {
            while (true)
            {
                var received = Interop.Recv(_fd, buffer, (nuint)_receive.Length, 0);
                if (received >= 0)
                {
                    return (int)received;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    throw new ErrnoException(operation + ": recv", errno);
                }
            }
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            _ = Interop.Close(_fd);
            _fd = -1;
        }
    }
}
