using System.Text.RegularExpressions;

namespace GitOps.Topology;

/// <summary>The one place names are checked: Kubernetes names, labels and qualified names, and Linux interface names.</summary>
internal static partial class Names
{
    /// <summary>A DNS-1123 label has at most 63 characters (Kubernetes <c>validation.DNS1123LabelMaxLength</c>).</summary>
    public const int MaxDnsLabelLength = 63;

    /// <summary>IFNAMSIZ is 16 including the terminating NUL.</summary>
    public const int MaxInterfaceNameLength = 15;

    // The formats of k8s.io/apimachinery pkg/util/validation/validation.go. \z, not $: Go's regexp $ (without the m flag)
    // matches only at the end of the text, .NET's also before a final \n.
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedNamePart();

    /// <summary>apimachinery <c>IsDNS1123Label</c>: at most 63 lower-case letters, digits and '-', a letter or digit at both ends.</summary>
    public static bool IsDns1123Label(string text) => text.Length <= MaxDnsLabelLength && DnsLabel().IsMatch(text);

    /// <summary>apimachinery <c>IsDNS1035Label</c>: as a DNS-1123 label, starting with a letter.</summary>
    public static bool IsDns1035Label(string text) => text.Length <= MaxDnsLabelLength && Dns1035Label().IsMatch(text);

    /// <summary>apimachinery <c>IsDNS1123Subdomain</c>: DNS-1123 labels joined by '.', at most 253 characters.</summary>
    public static bool IsDns1123Subdomain(string text) => text.Length <= 253 && DnsSubdomain().IsMatch(text);

    /// <summary>apimachinery <c>IsValidLabelValue</c>: empty, or at most 63 letters, digits, '-', '_', '.', a letter or digit at both ends.</summary>
    public static bool IsLabelValue(string text) => text.Length == 0 || (text.Length <= MaxDnsLabelLength && QualifiedNamePart().IsMatch(text));

    /// <summary>apimachinery <c>IsQualifiedName</c>: an optional DNS-1123 subdomain and '/', then a label value's characters (1 to 63).</summary>
    public static bool IsQualifiedName(string text)
    {
        var slash = text.IndexOf('/');
        var name = slash < 0 ? text : text[(slash + 1)..];
        var prefixValid = slash < 0 || (slash > 0 && IsDns1123Subdomain(text[..slash]));
        return prefixValid && name.Length is > 0 and <= MaxDnsLabelLength && QualifiedNamePart().IsMatch(name);
    }

    /// <summary>
    /// Returns null when <paramref name="name"/> is a valid DNS-1123 label, else why not.
    /// </summary>
    public static string? CheckDnsLabel(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "it is empty; use lower-case letters, digits and '-'";
        }

        if (name.Length > MaxDnsLabelLength)
        {
            return $"it has {name.Length} characters; a DNS-1123 label has at most {MaxDnsLabelLength}";
        }

        return DnsLabel().IsMatch(name)
            ? null
            : "a DNS-1123 label has only lower-case letters, digits and '-', and starts and ends with a letter or digit";
    }

    /// <summary>Returns null when <paramref name="name"/> is a valid Linux interface name, else why not.</summary>
    public static string? CheckInterfaceName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "it is empty";
        }

        if (name.Length > MaxInterfaceNameLength)
        {
            return $"it has {name.Length} characters; Linux allows at most {MaxInterfaceNameLength}";
        }

        if (name is "." or ".." || name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c) || c > 0x7E || c < 0x21))
        {
            return "Linux interface names cannot be '.' or '..' or contain '/', ':', whitespace or non-ASCII characters";
        }

        return null;
    }
}
