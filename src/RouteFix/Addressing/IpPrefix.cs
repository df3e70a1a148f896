using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RouteFix.Addressing;

/// <summary>An address with a prefix length, as CNI writes it ("192.168.2.158/24").</summary>
public readonly record struct IpPrefix(IPAddress Address, int PrefixLength)
{
    public AddressFamily Family => Address.AddressFamily;

    public bool IsIPv4 => Family == AddressFamily.InterNetwork;

    public int MaxPrefixLength => IsIPv4 ? 32 : 128;

    /// <summary>Parses "address/length"; false for anything else (no bare address, no zone, no spaces).</summary>
    public static bool TryParse(string? text, out IpPrefix prefix)
    {
        prefix = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var slash = text.IndexOf('/');
        if (slash <= 0 || slash != text.LastIndexOf('/'))
        {
            return false;
        }

        var addressText = text[..slash];
        var lengthText = text[(slash + 1)..];
        if (addressText.Contains('%') || !IPAddress.TryParse(addressText, out var address)
            || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            || (address.AddressFamily == AddressFamily.InterNetwork && addressText.Count(c => c == '.') != 3)
            || !int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return false;
        }

        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (length > max)
        {
            return false;
        }

        prefix = new IpPrefix(address, length);
        return true;
    }

    /// <summary>Strict single-address parse (dotted quad for IPv4, no zone).</summary>
    public static bool TryParseAddress(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text) || text.Contains('%') || text.Contains('/') || !IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        if (parsed.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') != 3)
        {
            return false;
        }

        address = parsed;
        return parsed.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
    }

    /// <summary>The network this address belongs to: host bits cleared (192.168.2.158/24 → 192.168.2.0/24).</summary>
    public IpPrefix Network()
    {
        var bytes = Address.GetAddressBytes();
        for (var bit = PrefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IpPrefix(new IPAddress(bytes), PrefixLength);
    }

    public bool IsNetwork => Network().Address.Equals(Address);

    public bool Contains(IPAddress address)
    {
        if (address.AddressFamily != Family)
        {
            return false;
        }

        return new IpPrefix(address, PrefixLength).Network().Address.Equals(Network().Address);
    }

    public override string ToString() => $"{Address}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";
}
