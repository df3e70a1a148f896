using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace GitOps.Fleet;

/// <summary>
/// Fleet's bundle naming, ported exactly from rancher/fleet <c>internal/names/name.go</c>
/// (<c>HelmReleaseName</c>, <c>Limit</c>, <c>Hex</c>) and <c>internal/cmd/cli/apply/apply.go</c>
/// (<c>bundleID := names.HelmReleaseName(filepath.Join(gitRepoName, path))</c>). A <c>dependsOn</c>
/// entry must use this name, so it has to match Fleet byte for byte.
/// </summary>
internal static partial class FleetNames
{
    /// <summary>Helm's release name limit (fleet v1alpha1 <c>MaxHelmReleaseNameLen</c>).</summary>
    public const int MaxHelmReleaseNameLength = 53;

    /// <summary>The bundle <c>fleet apply</c> creates for <paramref name="path"/> (repository-relative, '/'-separated) of GitRepo <paramref name="gitRepoName"/>.</summary>
    public static string BundleName(string gitRepoName, string path) => HelmReleaseName(JoinClean(gitRepoName, path));

    /// <summary>
    /// <c>names.HelmReleaseName</c>: '/' becomes '-'; if the name had upper case or other characters than
    /// <c>[a-zA-Z0-9-]</c>, an 8-hex md5 of it is appended first; then it is lower-cased, every run of
    /// other characters and of dashes becomes one '-', dashes are trimmed, and the result is
    /// <see cref="Limit"/>ed to 53 characters. A result that is still not a DNS label becomes a 24-hex md5.
    /// </summary>
    public static string HelmReleaseName(string name)
    {
        var original = name;
        var text = name.Replace('/', '-');
        var needHex = text != ToLower(text) || DisallowedChars().IsMatch(text);
        if (needHex)
        {
            text = $"{text}-{Hex(text, 8)}";
        }

        text = ToLower(text);
        text = DisallowedChars().Replace(text, "-");
        text = MultiDash().Replace(text, "-");
        text = text.Trim('-');
        return HelmRelease().IsMatch(text) && DnsLabel().IsMatch(text)
            ? Limit(text, MaxHelmReleaseNameLength)
            : Hex(original, 24);
    }

    /// <summary>
    /// <c>names.Limit</c>: a string longer than <paramref name="count"/> is cut to <c>count - 6</c>
    /// characters and suffixed with '-' and the first 5 hex digits of its md5 (no '-' when the cut already
    /// ends in one); when <paramref name="count"/> is 6 or less it is only cut. Lengths are bytes, as in Go.
    /// </summary>
    public static string Limit(string text, int count)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= count)
        {
            return text;
        }

        const int hexLength = 5;
        var separator = "-";
        if (count <= hexLength + separator.Length)
        {
            return Encoding.UTF8.GetString(bytes, 0, count);
        }

        var keep = count - hexLength - separator.Length;
        if (bytes[keep - 1] == (byte)'-')
        {
            separator = "";
        }

        return Encoding.UTF8.GetString(bytes, 0, keep) + separator + Hex(text, hexLength);
    }

    /// <summary><c>names.Hex</c>: the md5 of the UTF-8 bytes, lower-case hex, cut to <paramref name="length"/>.</summary>
    public static string Hex(string text, int length) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)))[..length];

    /// <summary>Go's <c>filepath.Join</c> on Linux for the two parts: joined with '/', then cleaned (no empty or "." segments, ".." resolved).</summary>
    internal static string JoinClean(string first, string second)
    {
        var parts = new List<string>();
        foreach (var segment in $"{first}/{second}".Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(segment);
        }

        return parts.Count == 0 ? "." : string.Join('/', parts);
    }

    /// <summary>Go's <c>strings.ToLower</c> for the ASCII names Fleet sees here; other letters are mapped by the invariant culture.</summary>
    private static string ToLower(string text) => text.ToLowerInvariant();

    [GeneratedRegex("[^a-zA-Z0-9-]+", RegexOptions.CultureInvariant)]
    private static partial Regex DisallowedChars();

    [GeneratedRegex("-+", RegexOptions.CultureInvariant)]
    private static partial Regex MultiDash();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex HelmRelease();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
