using System.Text.RegularExpressions;

namespace GitOps.Topology;

/// <summary>The one place names are checked: Kubernetes DNS-1123 labels and Linux interface names.</summary>
internal static partial class Names
{
    /// <summary>A DNS-1123 label has at most 63 characters (Kubernetes <c>validation.DNS1123LabelMaxLength</c>).</summary>
    public const int MaxDnsLabelLength = 63;

    /// <summary>IFNAMSIZ is 16 including the terminating NUL.</summary>
    public const int MaxInterfaceNameLength = 15;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

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
