using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RouteFix.Netlink;

/// <summary>
/// The one place netlink bytes become headers and back: a header struct is read from or written to the start of a
/// span, unaligned and in host byte order (netlink integers are host order; vishvananda/netlink nl.NativeEndian).
/// A span shorter than the struct is a <see cref="NetlinkProtocolException"/>, never a partial read.
/// </summary>
public static class NetlinkCodec
{
    /// <summary>The struct's size on the wire (NlMsgHdr 16, RtMsg 12, IfInfoMsg 16, RtAttr 4, NlMsgErr 20).</summary>
    public static int SizeOf<T>()
        where T : unmanaged => Unsafe.SizeOf<T>();

    /// <summary>Reads <typeparamref name="T"/> from the first bytes of <paramref name="bytes"/>.</summary>
    public static T Read<T>(ReadOnlySpan<byte> bytes)
        where T : unmanaged =>
        MemoryMarshal.TryRead(bytes, out T value) ? value : throw TooShort(Unsafe.SizeOf<T>(), bytes.Length);

    /// <summary>Writes <paramref name="value"/> over the first bytes of <paramref name="bytes"/>; returns its size.</summary>
    public static int Write<T>(Span<byte> bytes, in T value)
        where T : unmanaged
    {
        MemoryMarshal.Write(bytes, in value);
        return Unsafe.SizeOf<T>();
    }

    // Not generic, so the message is built by one method rather than once per header type.
    private static NetlinkProtocolException TooShort(int size, int left) =>
        new($"a {size}-byte netlink header does not fit the {left} bytes left");
}
