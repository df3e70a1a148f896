using System.Reflection;

namespace RouteFix;

/// <summary>The version the build stamped (Directory.Build.props VersionPrefix), without the source revision suffix.</summary>
public static class ProductVersion
{
    public static string Text { get; } = Read();

    private static string Read()
    {
        var informational = typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+');
        return plus >= 0 ? informational[..plus] : informational;
    }
}
