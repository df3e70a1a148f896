using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOps.Topology;

/// <summary>
/// A release tag of <c>ghcr.io/k8snetworkplumbingwg/multus-cni</c>: <c>v4.3.0</c> (thin image) or
/// <c>v4.3.0-thick</c> (thick image), as multus-cni's <c>.github/workflows/image-push-release.yml</c> pushes them.
/// </summary>
internal readonly partial record struct MultusTag(int Major, int Minor, int Patch, bool Thick)
{
    public string WithoutSuffix => string.Create(CultureInfo.InvariantCulture, $"v{Major}.{Minor}.{Patch}");

    public static MultusTag? TryParse(string text)
    {
        var match = Pattern().Match(text);
        return match.Success
            ? new MultusTag(Number(match.Groups[1]), Number(match.Groups[2]), Number(match.Groups[3]), match.Groups[4].Success)
            : null;
    }

    private static int Number(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^v(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})(-thick)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
