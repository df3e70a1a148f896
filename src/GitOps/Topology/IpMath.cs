using System.Net;
using System.Net.Sockets;

namespace GitOps.Topology;

/// <summary>Small address arithmetic the BCL does not offer.</summary>
internal static class IpMath
{
    public static IPAddress Offset(IPAddress address, int offset)
    {
        var bytes = address.GetAddressBytes();
        var carry = offset;
        for (var i = bytes.Length - 1; i >= 0 && carry != 0; i--)
        {
            var sum = bytes[i] + carry;
            bytes[i] = (byte)(sum & 0xFF);
            carry = sum >> 8;
        }

        return new IPAddress(bytes);
    }

    /// <summary>The last address of <paramref name="network"/> (every host bit set): the IPv4 broadcast address.</summary>
    public static IPAddress LastAddress(IPNetwork network)
    {
        var bytes = network.BaseAddress.GetAddressBytes();
        for (var bit = network.PrefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }

    public static bool Overlaps(IPNetwork a, IPNetwork b) =>
        a.BaseAddress.AddressFamily == b.BaseAddress.AddressFamily &&
        (a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress));

    /// <summary>True when no host bit is set (192.168.2.0/24); false for 192.168.2.1/24, whose host bits are not zero.</summary>
    public static bool IsCanonical(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsIPv4(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork;

    /// <summary>Orders two addresses by their bytes (IPv4 before IPv6); the order host-local and whereabouts ranges run in.</summary>
    public static int Compare(IPAddress a, IPAddress b)
    {
        var x = a.GetAddressBytes();
        var y = b.GetAddressBytes();
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.AsSpan().SequenceCompareTo(y);
    }

    /// <summary>True when <paramref name="address"/> lies in <paramref name="first"/>..<paramref name="last"/> (inclusive, one family).</summary>
    public static bool Within(IPAddress address, IPAddress first, IPAddress last) =>
        address.AddressFamily == first.AddressFamily && Compare(first, address) <= 0 && Compare(address, last) <= 0;
}
