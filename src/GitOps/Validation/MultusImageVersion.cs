using System.Text.Json;
using System.Text.RegularExpressions;

namespace GitOps.Validation;

/// <summary>
/// Which Multus the set deploys, read from the image tag of the Multus DaemonSet's containers
/// (<c>ghcr.io/k8snetworkplumbingwg/multus-cni:v3.9.3</c>, <c>:v4.1.0-thick</c>): the one place that decides
/// which CNI versions its configs may use. No Multus image, or a tag without a version (<c>latest</c>,
/// <c>snapshot</c>), means unknown and the version rule is skipped; pass
/// <see cref="ManifestValidationOptions.MultusVersion"/> to set it explicitly.
/// </summary>
internal static partial class MultusImageVersion
{
    /// <summary>The highest spec version libcni v0.8 (vendored by Multus 3.x) reads; Multus 4 uses libcni 1.x.</summary>
    public static readonly Version Multus3MaxCniVersion = new(0, 4, 0);

    public static Version? Detect(IEnumerable<JsonElement> objects)
    {
        var versions = new List<Version>();
        foreach (var obj in objects.Where(o => o.GetString("kind") == "DaemonSet"))
        {
            foreach (var list in new[] { "containers", "initContainers" })
            {
                if (obj.Get("spec", "template", "spec", list) is { ValueKind: JsonValueKind.Array } containers)
                {
                    foreach (var container in containers.EnumerateArray())
                    {
                        if (container.GetString("image") is { } image && FromImage(image) is { } version)
                        {
                            versions.Add(version);
                        }
                    }
                }
            }
        }

        return versions.Count == 0 ? null : versions.Min();
    }

    /// <summary>The release a Multus image tag names (<c>v3.9.3</c>, <c>v4.3.0-thick</c>); null for a tag that names none.</summary>
    public static Version? FromTag(string tag)
    {
        var match = Tag().Match(tag);
        return match.Success
            ? new Version(int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), match.Groups[3].Success ? int.Parse(match.Groups[3].Value) : 0)
            : null;
    }

    public static Version? FromImage(string image)
    {
        // A digest pin (name:tag@sha256:…) leaves the tag in front of the '@'; the digest names no version.
        if (image.IndexOf('@') is var at and >= 0)
        {
            image = image[..at];
        }

        var colon = image.LastIndexOf(':');
        var slash = image.LastIndexOf('/');
        if (colon < 0 || colon < slash || !image[..colon].EndsWith("/multus-cni", StringComparison.Ordinal))
        {
            return null;
        }

        return FromTag(image[(colon + 1)..]);
    }

    /// <summary>
    /// The first Multus whose libcni reads a list's disableCheck/disableGC/loadOnlyInlinedPlugins given as a string
    /// ("true"/"false", any case): libcni v1.2.1 added <c>readBool</c> (containernetworking/cni libcni/conf.go;
    /// v1.2.0 and earlier accept only a JSON boolean). Multus go.mod: v3.9.3 uses cni v0.8.1, v4.0.x v1.1.2,
    /// v4.1.x v1.2.0-rc1, v4.2.0 v1.2.0, v4.2.1 and later v1.3.0.
    /// </summary>
    public static readonly Version FirstReadingStringBooleans = new(4, 2, 1);

    public static bool ReadsStringBooleans(Version multus) => multus >= FirstReadingStringBooleans;

    /// <summary>The libcni version a Multus release vendors (its go.mod), for messages.</summary>
    public static string LibcniOf(Version multus) => multus switch
    {
        { Major: < 4 } => "v0.8.1",
        { Major: 4, Minor: 0 } => "v1.1.2",
        { Major: 4, Minor: 1 } => "v1.2.0-rc1",
        { Major: 4, Minor: 2, Build: <= 0 } => "v1.2.0",
        _ => "v1.3.0",
    };

    public static bool ReadsCniVersion(Version multus, string cniVersion) =>
        multus.Major >= 4 || !Version.TryParse(cniVersion, out var requested) || requested <= Multus3MaxCniVersion;

    [GeneratedRegex(@"^v?([0-9]+)\.([0-9]+)(?:\.([0-9]+))?")]
    private static partial Regex Tag();
}
