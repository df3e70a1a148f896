namespace RouteFix.Cni;

/// <summary>The CNI spec versions route-fix speaks, and comparison of version strings.</summary>
public static class CniVersions
{
    public const string V030 = "0.3.0";
    public const string V031 = "0.3.1";
    public const string V040 = "0.4.0";
    public const string V100 = "1.0.0";
    public const string V110 = "1.1.0";

    /// <summary>Latest first is what VERSION reports as its own cniVersion.</summary>
    public const string Latest = V110;

    public static readonly IReadOnlyList<string> Supported = [V030, V031, V040, V100, V110];

    public static bool IsSupported(string version) => Supported.Contains(version, StringComparer.Ordinal);

    /// <summary>Compares "major.minor.patch" strings; false when either does not parse.</summary>
    public static bool AtLeast(string version, string minimum) =>
        TryParse(version, out var v) && TryParse(minimum, out var m) && v.CompareTo(m) >= 0;

    /// <summary>Results before 1.0.0 carry <c>ips[].version</c>; 1.0.0 dropped it (SPEC.md, "Version considerations").</summary>
    public static bool HasIpVersionField(string version) => !AtLeast(version, V100);

    private static bool TryParse(string text, out Version version)
    {
        version = new Version(0, 0, 0);
        var parts = text.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        Span<int> numbers = stackalloc int[3];
        for (var i = 0; i < 3; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = new Version(numbers[0], numbers[1], numbers[2]);
        return true;
    }
}
