using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Parsers and checks for model text: names, qualified names, CIDRs, addresses, MACs, paths and image references.
/// One parser per kind of text; every check that reads text from a builder goes through these.</summary>
internal sealed partial class LabAssembler
{
    /// <remarks>Reports GITOPS100 (InvalidName).</remarks>
    private bool CheckDnsName(string name, string path, SourceLocation source)
    {
        if (Names.CheckDnsLabel(name) is { } problem)
        {
            _errors.Add(InvalidName, path, $"'{name}' is not a valid Kubernetes name: {problem}.{Suggest(SuggestDnsLabel(name), Names.CheckDnsLabel)}", source);
            return false;
        }

        return true;
    }

    /// <summary>A Secret's name is a DNS-1123 subdomain (kubernetes.io "Object Names and IDs"; apimachinery
    /// <c>ValidateSecretName</c> = <c>NameIsDNSSubdomain</c>).</summary>
    /// <remarks>Reports GITOPS100 (InvalidName).</remarks>
    private void CheckSecretName(Located<string>? secret, string path)
    {
        if (secret is { } name && !Names.IsDns1123Subdomain(name.Value))
        {
            _errors.Add(InvalidName, path,
                $"'{name.Value}' is not a valid Secret name: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters; use the name of the Secret you created, e.g. \"lab-repo-auth\".",
                name.Source);
        }
    }

    /// <remarks>Reports GITOPS109 (InvalidInterfaceName).</remarks>
    private bool CheckInterfaceName(string name, string path, SourceLocation source)
    {
        if (Names.CheckInterfaceName(name) is { } problem)
        {
            _errors.Add(InvalidInterfaceName, path, $"'{name}' is not a valid Linux interface name: {problem}.{Suggest(SuggestInterfaceName(name), Names.CheckInterfaceName)}", source);
            return false;
        }

        return true;
    }

    /// <summary>" Use e.g. \"x\"." when the suggestion is itself valid, else nothing (the rule text then says what is allowed).</summary>
    private static string Suggest(string suggestion, Func<string?, string?> check) =>
        suggestion.Length > 0 && check(suggestion) is null ? $" Use e.g. \"{suggestion}\"." : "";

    /// <summary>The name as a DNS-1123 label: lower case, every other character '-', no '-' at either end, at most 63 characters.</summary>
    private static string SuggestDnsLabel(string? name)
    {
        var chars = (name ?? "").ToLowerInvariant().Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-').ToArray();
        var label = new string(chars).Trim('-');
        return (label.Length > Names.MaxDnsLabelLength ? label[..Names.MaxDnsLabelLength] : label).TrimEnd('-');
    }

    /// <summary>The name without the characters Linux refuses, cut to the kernel's 15 characters (IFNAMSIZ - 1).</summary>
    private static string SuggestInterfaceName(string? name)
    {
        var kept = new string((name ?? "").Where(c => c is > (char)0x20 and < (char)0x7F and not '/' and not ':').ToArray());
        return kept.Length > Names.MaxInterfaceNameLength ? kept[..Names.MaxInterfaceNameLength] : kept;
    }

    /// <remarks>Reports GITOPS100 (InvalidName).</remarks>
    private bool TrySplitQualified(string qualified, string path, SourceLocation source, string example, out string ns, out string name)
    {
        var parts = qualified.Split('/');
        if (parts.Length != 2)
        {
            _errors.Add(InvalidName, path, $"'{qualified}' is not 'namespace/name'; write it like \"{example}\".", source);
            ns = name = "";
            return false;
        }

        ns = parts[0];
        name = parts[1];
        var ok = CheckDnsName(ns, $"{path}/namespace", source);
        return CheckDnsName(name, $"{path}/name", source) && ok;
    }

    /// <remarks>Reports GITOPS113 (MissingElement) through <see cref="Present"/>, then what <see cref="ParseCidr"/> reports.</remarks>
    private IPNetwork? RequireCidr(Located<string>? text, string path, SourceLocation owner, string fix) =>
        Present(text, path, owner, fix) ? ParseCidr(text!.Value, path) : null;

    /// <summary>Whether a required text was given; if not, reports it missing at the owner's call with the fix.</summary>
    /// <remarks>Reports GITOPS113 (MissingElement).</remarks>
    private bool Present(Located<string>? text, string path, SourceLocation owner, string fix)
    {
        if (text is null)
        {
            _errors.Add(MissingElement, path, $"missing; {fix}.", owner);
            return false;
        }

        return true;
    }

    /// <summary>What to change in a CIDR that did not parse: the prefix length when only that is out of range.</summary>
    private static string CidrFix(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && TryParseAddress(text[..slash], out var address) &&
            int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return IpMath.IsIPv4(address)
                ? "the prefix length after '/' must be 0 to 32 for an IPv4 address"
                : "the prefix length after '/' must be 0 to 128 for an IPv6 address";
        }

        return "write it as address/prefix, e.g. \"192.168.2.0/24\"";
    }

    /// <remarks>Reports GITOPS101 (InvalidCidr), GITOPS115 (HostBitsSet).</remarks>
    private IPNetwork? ParseCidr(Located<string> text, string path)
    {
        if (!TryParsePrefixed(text.Value, out var address, out var prefix))
        {
            _errors.Add(InvalidCidr, path, $"'{text.Value}' is not a CIDR; {CidrFix(text.Value)}.", text.Source);
            return null;
        }

        if (!IpMath.IsCanonical(address, prefix))
        {
            var network = new IPNetwork(Mask(address, prefix), prefix);
            _errors.Add(HostBitsSet, path, $"'{text.Value}' has host bits set; the network is \"{network}\".", text.Source);
            return null;
        }

        return new IPNetwork(address, prefix);
    }

    /// <remarks>Reports GITOPS102 (InvalidAddress).</remarks>
    private (IPAddress Address, int Prefix)? ParseAddressWithPrefix(string text, string path, SourceLocation source)
    {
        if (!TryParsePrefixed(text, out var address, out var prefix))
        {
            _errors.Add(InvalidAddress, path, $"'{text}' is not an address with prefix; write it like \"192.168.2.50/24\".", source);
            return null;
        }

        return (address, prefix);
    }

    /// <remarks>Reports GITOPS113 (MissingElement) through <see cref="Present"/>, then what <see cref="ParseAddress"/> reports.</remarks>
    private IPAddress? RequireAddress(Located<string>? text, string path, SourceLocation owner, string fix) =>
        Present(text, path, owner, fix) ? ParseAddress(text!.Value, path) : null;

    /// <remarks>Reports GITOPS102 (InvalidAddress).</remarks>
    private IPAddress? ParseAddress(Located<string> text, string path)
    {
        if (!TryParseAddress(text.Value, out var address))
        {
            _errors.Add(InvalidAddress, path, $"'{text.Value}' is not an IP address; write it like \"192.168.2.1\" (an interface name such as eth1 is not an address).", text.Source);
            return null;
        }

        return address;
    }

    /// <summary>
    /// The one parser of "address/prefix" text, shared by CIDRs (<see cref="ParseCidr"/>) and prefixed host
    /// addresses (<see cref="ParseAddressWithPrefix"/>): a lab address (<see cref="TryParseAddress"/>), '/', and a
    /// decimal prefix of at most 32 (IPv4) or 128 (IPv6).
    /// </summary>
    private static bool TryParsePrefixed(string text, [NotNullWhen(true)] out IPAddress? address, out int prefix)
    {
        prefix = 0;
        var slash = text.IndexOf('/');
        address = null;
        return slash >= 0 && TryParseAddress(text[..slash], out address) &&
            int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) &&
            prefix <= (IpMath.IsIPv4(address) ? 32 : 128);
    }

    /// <summary>
    /// IPAddress.TryParse accepts "1", "10.1" or "192.168/16" (inet_aton forms), scoped IPv6 and
    /// IPv4-mapped IPv6 (::ffff:192.168.2.1); a lab address must be a full dotted quad or a plain IPv6 address.
    /// </summary>
    private static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address) =>
        IPAddress.TryParse(text, out address) &&
        (!IpMath.IsIPv4(address) || text.Count(c => c == '.') == 3) && !text.Contains('%') && !address.IsIPv4MappedToIPv6;

    /// <remarks>Reports GITOPS114 (InvalidMac).</remarks>
    private PhysicalAddress? ParseMac(Located<string> text, string path)
    {
        var parts = text.Value.Split(':');
        if (parts.Length != 6 || parts.Any(p => p.Length != 2 || !p.All(char.IsAsciiHexDigit)))
        {
            // Hyper-V (Get-VMNetworkAdapter: 00155D02CB0A), Windows (00-15-5D-02-CB-0A) and Cisco (0015.5d02.cb0a) forms: the same
            // twelve digits, offered in the form the model takes.
            var digits = string.Concat(text.Value.Where(c => c is not ('-' or '.' or ':' or ' ')));
            var suggestion = digits.Length == 12 && digits.All(char.IsAsciiHexDigit)
                ? $" ('{string.Join(':', digits.ToLowerInvariant().Chunk(2).Select(pair => new string(pair)))}')"
                : "";
            _errors.Add(InvalidMac, path, $"'{text.Value}' is not a MAC address; write six hex pairs separated by ':' (aa:bb:cc:dd:ee:ff){suggestion}, as 'ip link show' prints it after link/ether.", text.Source);
            return null;
        }

        return PhysicalAddress.Parse(text.Value.Replace(':', '-').ToUpperInvariant());
    }

    /// <remarks>Reports GITOPS120 (InvalidPath).</remarks>
    private void CheckAbsolutePath(Located<string> path, string modelPath)
    {
        if (string.IsNullOrWhiteSpace(path.Value) || !path.Value.StartsWith('/') || path.Value.Contains("..", StringComparison.Ordinal) ||
            path.Value.Any(c => char.IsWhiteSpace(c) || c == '"'))
        {
            // A relative path gets itself made absolute as the example (opt/cni/bin → /opt/cni/bin), anything else a plain one.
            var example = path.Value is { Length: > 0 } text && !text.StartsWith('/') && !text.Contains("..", StringComparison.Ordinal) && !text.Any(c => char.IsWhiteSpace(c) || c == '"')
                ? "/" + text
                : "/etc/cni/net.d";
            _errors.Add(InvalidPath, modelPath, $"'{path.Value}' is not an absolute Linux path; use e.g. \"{example}\".", path.Source);
        }
        else if (path.Value.Trim('/').Length == 0)
        {
            // Directories are stored without a trailing '/', so the root would become an empty path.
            _errors.Add(InvalidPath, modelPath, $"'{path.Value}' is the root directory, not a file or folder in it; use e.g. \"/etc/cni/net.d\".", path.Source);
        }
    }

    /// <remarks>
    /// Reports GITOPS118 (InvalidImage). A digest (<c>name@sha256:…</c> or <c>name:tag@sha256:…</c>, which pins the
    /// image whatever the tag points at later) is read as the kubelet reads it: distribution/reference <c>Parse</c>
    /// (reference.go) hands the part after <c>@</c> to opencontainers/go-digest <c>Parse</c>, whose
    /// <c>Algorithm.Validate</c> (algorithm.go) accepts only a registered algorithm followed by its whole digest in
    /// lower-case hex: sha256 64, sha384 96, sha512 128 digits. The part before it is read with the grammar of the same
    /// package (reference.go, "Grammar"): an optional domain (upper case allowed, a port), path components in lower case
    /// only, an optional tag of up to 128 word characters, dots and dashes (upper case allowed); the name at most 255
    /// characters (<c>NameTotalLengthMax</c>). Anything else is <c>InvalidImageName</c> on the node.
    /// </remarks>
    private void CheckImage(Located<string> image, string path)
    {
        var value = image.Value;
        var at = value.IndexOf('@');
        var name = at < 0 ? value : value[..at];
        var tag = ImageReference().Match(name) is { Success: true } match && match.Groups["tag"].Success ? match.Groups["tag"].Length + 1 : 0;
        if (!ImageReference().IsMatch(name) || name.Length - tag > 255)
        {
            _errors.Add(InvalidImage, path, $"'{value}' is not a container image reference; use lower-case registry/repository:tag, e.g. \"ghcr.io/home-assistant/home-assistant:2025.11\".", image.Source);
        }
        else if (at >= 0 && !ImageDigest().IsMatch(value[(at + 1)..]))
        {
            _errors.Add(InvalidImage, path,
                $"'{value}' pins the digest '{value[(at + 1)..]}', which is not sha256:, sha384: or sha512: followed by all 64, 96 or 128 of its lower-case hex digits; " +
                "copy the digest the registry reports, e.g. \"ghcr.io/lab-network/route-fix:0.1.0@sha256:\" + 64 hex digits (skopeo inspect docker://IMAGE prints it as Digest).",
                image.Source);
        }
    }

    /// <summary>distribution/reference's name and tag (reference.go, "Grammar"; Go's <c>\w</c> is ASCII only): domain
    /// components <c>[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]</c> joined by dots, or a bracketed IPv6 address,
    /// with an optional port; path components <c>[a-z0-9]+</c> joined by <c>[_.]|__|-+</c>; tag
    /// <c>[\w][\w.-]{0,127}</c>.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(
        @"^(?:(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?/)?" +
        @"[a-z0-9]+(?:(?:[_.]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[_.]|__|-+)[a-z0-9]+)*)*(?::(?<tag>[0-9A-Za-z_][0-9A-Za-z_.-]{0,127}))?\z",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ImageReference();

    /// <summary>The digests go-digest accepts (algorithm.go: the registered algorithms, each with its full lower-case hex).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ImageDigest();

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
