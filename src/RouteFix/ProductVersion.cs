namespace RouteFix;

/// <summary>The product version (Directory.Build.props VersionPrefix), compiled in as a constant by RouteFix.csproj.</summary>
public static partial class ProductVersion;
