using System.Net;
using System.Text.Json;
using Json.Schema;

namespace GitOps.Validation;

/// <summary>
/// The <c>format</c> values the bundled schemas use beyond JSON Schema's own: Kubernetes OpenAPI's numeric and
/// byte formats (kube-openapi <c>validate/formats.go</c>; a Go <c>int32</c> field rejects 2^31 when decoding)
/// and <c>ip</c>/<c>cidr</c> for CNI configs (Go's <c>net.ParseIP</c>/<c>net.ParseCIDR</c>). A format only
/// constrains values of its own JSON type, as in JSON Schema.
/// </summary>
internal static partial class SchemaFormats
{
    public static FormatRegistry CreateRegistry()
    {
        var registry = new FormatRegistry();
        registry.Register(new RangeFormat("int32", int.MinValue, int.MaxValue));
        registry.Register(new RangeFormat("int64", long.MinValue, long.MaxValue));
        registry.Register(new NumberFormat("double"));
        registry.Register(new NumberFormat("float"));
        registry.Register(new Base64Format());
        registry.Register(new IpFormat());
        registry.Register(new CidrFormat());
        return registry;
    }

    /// <summary>Go <c>net.ParseIP</c>: dotted-quad IPv4 or IPv6 without a zone (.NET alone would also take "1" or "1.2").</summary>
    public static bool IsIpAddress(string text) =>
        text.Contains(':')
            ? !text.Contains('%') && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            : DottedQuad().IsMatch(text) && IPAddress.TryParse(text, out _);

    /// <summary>Go <c>net.ParseCIDR</c>: an address, '/', a prefix length that fits the family (host bits may be set).</summary>
    public static bool IsCidr(string text)
    {
        var slash = text.IndexOf('/');
        return slash > 0
            && IsIpAddress(text[..slash])
            && text[(slash + 1)..] is { Length: > 0 and <= 3 } prefix
            && prefix.All(char.IsAsciiDigit)
            && int.Parse(prefix, System.Globalization.CultureInfo.InvariantCulture) <= (text.Contains(':') ? 128 : 32);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]{1,3}(\.[0-9]{1,3}){3}$")]
    private static partial System.Text.RegularExpressions.Regex DottedQuad();

    private sealed class RangeFormat(string key, long min, long max) : Format(key)
    {
        public override bool Validate(JsonElement element, out string? errorMessage)
        {
            errorMessage = null;
            if (element.ValueKind != JsonValueKind.Number)
            {
                return true;
            }

            if (element.TryGetInt64(out var value) && value >= min && value <= max)
            {
                return true;
            }

            errorMessage = $"{element.GetRawText()} is not a whole number in the {Key} range ({min}..{max})";
            return false;
        }
    }

    private sealed class NumberFormat(string key) : Format(key)
    {
        public override bool Validate(JsonElement element, out string? errorMessage)
        {
            errorMessage = null;
            return true; // any JSON number is a valid double/float; the type keyword already checks it is a number
        }
    }

    private sealed class Base64Format() : Format("byte")
    {
        public override bool Validate(JsonElement element, out string? errorMessage)
        {
            errorMessage = null;
            if (element.ValueKind != JsonValueKind.String)
            {
                return true;
            }

            var text = element.GetString()!;
            var buffer = new byte[(text.Length * 3 / 4) + 3];
            if (Convert.TryFromBase64String(text, buffer, out _))
            {
                return true;
            }

            errorMessage = "is not base64 (standard alphabet, padded), which Kubernetes requires for []byte fields";
            return false;
        }
    }

    private sealed class IpFormat() : Format("ip")
    {
        public override bool Validate(JsonElement element, out string? errorMessage)
        {
            errorMessage = null;
            if (element.ValueKind != JsonValueKind.String || IsIpAddress(element.GetString()!))
            {
                return true;
            }

            errorMessage = $"'{element.GetString()}' is not an IPv4 or IPv6 address";
            return false;
        }
    }

    private sealed class CidrFormat() : Format("cidr")
    {
        public override bool Validate(JsonElement element, out string? errorMessage)
        {
            errorMessage = null;
            if (element.ValueKind != JsonValueKind.String || IsCidr(element.GetString()!))
            {
                return true;
            }

            errorMessage = $"'{element.GetString()}' is not a CIDR such as 192.168.2.0/24 (address/prefix length)";
            return false;
        }
    }
}
