using System.Diagnostics;
using System.Text.Json;

namespace RouteFix.Tests;

/// <summary>
/// The node agent's image is described by SDK container properties in RouteFix.csproj. There is no engine or
/// registry here, so the test evaluates the project (as `dotnet publish -t:PublishContainer` would) and checks them.
/// </summary>
public sealed class ContainerImageTests
{
    private static readonly Lazy<JsonElement> Evaluated = new(() => Evaluate("linux-x64"));

    private static JsonElement Evaluate(string runtimeIdentifier)
    {
        var project = Path.Combine(RepositoryPaths.Root, "src", "RouteFix", "RouteFix.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "msbuild", project, "-nologo", "-p:RuntimeIdentifier=" + runtimeIdentifier, "-p:Configuration=Release",
                "-getProperty:ContainerRepository", "-getProperty:ContainerImageTag", "-getProperty:ContainerBaseImage",
                "-getProperty:ContainerUser", "-getProperty:ContainerAppCommandInstruction", "-getProperty:ContainerRuntimeIdentifier",
                "-getProperty:EnableSdkContainerSupport", "-getProperty:AssemblyName", "-getProperty:PublishAot", "-getProperty:VersionPrefix",
                "-getItem:ContainerLabel", "-getItem:ContainerAppCommand",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet msbuild failed: {stdout}{stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static string Property(string name) => Evaluated.Value.GetProperty("Properties").GetProperty(name).GetString()!;

    private static Dictionary<string, string> Labels() =>
        Evaluated.Value.GetProperty("Items").GetProperty("ContainerLabel").EnumerateArray()
            .ToDictionary(l => l.GetProperty("Identity").GetString()!, l => l.GetProperty("Value").GetString()!);

    [Fact]
    public void Repository_and_tag_follow_the_product_version()
    {
        Assert.Equal("lab-network/route-fix", Property("ContainerRepository"));
        Assert.Equal(Property("VersionPrefix"), Property("ContainerImageTag"));
        Assert.Equal(ProductVersion.Text, Property("ContainerImageTag"));
    }

    [Fact]
    public void The_node_agents_default_image_is_this_image()
    {
        // The library's node agent DaemonSet runs `route-fix install` from this image (src/GitOps NodeAgentSettings).
        Assert.EndsWith($"/{Property("ContainerRepository")}:{Property("ContainerImageTag")}", GitOps.Topology.NodeAgentSettings.DefaultRouteFixImage, StringComparison.Ordinal);
    }

    [Fact]
    public void Base_is_the_chiseled_runtime_deps_image_for_a_native_executable()
    {
        Assert.Equal("true", Property("PublishAot"));
        Assert.Equal("true", Property("EnableSdkContainerSupport"));
        Assert.Equal("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled", Property("ContainerBaseImage"));
        Assert.Equal("linux-x64", Property("ContainerRuntimeIdentifier"));
    }

    [Fact]
    public void The_image_platform_follows_the_runtime_identifier()
    {
        var arm64 = Evaluate("linux-arm64");
        Assert.Equal("linux-arm64", arm64.GetProperty("Properties").GetProperty("ContainerRuntimeIdentifier").GetString());
    }

    [Fact]
    public void Entrypoint_is_the_binary_run_as_root()
    {
        Assert.Equal("route-fix", Property("AssemblyName"));
        Assert.Equal("Entrypoint", Property("ContainerAppCommandInstruction"));
        var command = Evaluated.Value.GetProperty("Items").GetProperty("ContainerAppCommand").EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!).ToArray();
        Assert.Equal(["/app/route-fix"], command);
        Assert.Equal("root", Property("ContainerUser"));
    }

    [Fact]
    public void Oci_labels_describe_the_image()
    {
        var labels = Labels();
        Assert.Equal("route-fix", labels["org.opencontainers.image.title"]);
        Assert.Equal(Property("ContainerImageTag"), labels["org.opencontainers.image.version"]);
        Assert.Equal("Apache-2.0", labels["org.opencontainers.image.licenses"]);
        Assert.False(string.IsNullOrEmpty(labels["org.opencontainers.image.source"]));
        Assert.Contains("route-fix install DIR", labels["org.opencontainers.image.description"], StringComparison.Ordinal);
    }
}
