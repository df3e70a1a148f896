using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOps.Topology;

/// <summary>
/// A Calico release (<c>v3.32.1</c>): the version of the calico/node and calico/cni images the Tigera
/// operator installs, which decides which CNI plugins land in the node's CNI bin directory and which
/// <c>Installation</c> fields exist. Spelled as projectcalico/calico tags it (<c>v</c>MAJOR.MINOR.PATCH).
/// </summary>
/// <param name="Major">The major version (3 for every release the library accepts).</param>
/// <param name="Minor">The minor version, 0 or more.</param>
/// <param name="Patch">The patch version, 0 or more.</param>
public readonly partial record struct CalicoVersion(int Major, int Minor, int Patch) : IComparable<CalicoVersion>
{
    /// <summary>
    /// The library's default: v3.32.1, the newest stable projectcalico/calico tag checked (2026-06-24;
    /// its tigera-operator chart pins operator v1.42.3, whose <c>config/calico_versions.yml</c> says v3.32.1).
    /// </summary>
    public static CalicoVersion Default => V3_32_1;

    /// <summary>v3.32.1 (2026-06-24), the newest stable projectcalico/calico tag checked.</summary>
    public static CalicoVersion V3_32_1 { get; } = new(3, 32, 1);

    /// <summary>
    /// The oldest release whose node plugin set was checked (projectcalico/calico <c>cni-plugin/Makefile</c>
    /// at v3.28.0); older versions are rejected (GITOPS152) rather than guessed.
    /// </summary>
    public static CalicoVersion Oldest { get; } = new(3, 28, 0);

    /// <summary>
    /// From v3.30.0 the calico/cni image no longer ships the <c>bandwidth</c> plugin (projectcalico/calico
    /// PR #9881, <c>cni-plugin/Makefile</c> <c>CN_FILES</c>), and tigera/operator v1.38.0 (= Calico v3.30.0) stopped
    /// chaining it in <c>10-calico.conflist</c> (tigera/operator PR #3784, <c>pkg/render/node.go</c>).
    /// </summary>
    internal static CalicoVersion WithoutBandwidthPlugin { get; } = new(3, 30, 0);

    /// <summary>The <c>Nftables</c> Linux dataplane first exists in the Installation API of tigera/operator v1.36.0 = Calico v3.29.0.</summary>
    internal static CalicoVersion WithNftablesDataplane { get; } = new(3, 29, 0);

    /// <summary>
    /// The Installation's <c>spec.cni.binDir</c>/<c>confDir</c> first exist in tigera/operator v1.40.0, the operator
    /// Calico v3.31.0's chart pins (<c>charts/tigera-operator/values.yaml</c>); v3.30.x pins v1.38.x, which lacks them.
    /// </summary>
    internal static CalicoVersion WithCniDirectories { get; } = new(3, 31, 0);

    /// <summary>Parses <c>v3.32.1</c>; null for anything else (no missing patch, no <c>latest</c>, no suffix).</summary>
    internal static CalicoVersion? TryParse(string? text)
    {
        var match = text is null ? null : Pattern().Match(text);
        return match is { Success: true }
            ? new CalicoVersion(Number(match.Groups[1]), Number(match.Groups[2]), Number(match.Groups[3]))
            : null;
    }

    /// <summary>Orders by major, then minor, then patch.</summary>
    public int CompareTo(CalicoVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor != other.Minor ? Minor.CompareTo(other.Minor) : Patch.CompareTo(other.Patch);

    /// <summary>Release order (<see cref="CompareTo"/>).</summary>
    public static bool operator <(CalicoVersion a, CalicoVersion b) => a.CompareTo(b) < 0;

    /// <summary>Release order (<see cref="CompareTo"/>).</summary>
    public static bool operator >(CalicoVersion a, CalicoVersion b) => a.CompareTo(b) > 0;

    /// <summary>Release order (<see cref="CompareTo"/>).</summary>
    public static bool operator <=(CalicoVersion a, CalicoVersion b) => a.CompareTo(b) <= 0;

    /// <summary>Release order (<see cref="CompareTo"/>).</summary>
    public static bool operator >=(CalicoVersion a, CalicoVersion b) => a.CompareTo(b) >= 0;

    /// <summary>The tag: <c>v3.32.1</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"v{Major}.{Minor}.{Patch}");

    private static int Number(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^v(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
