using RouteFix.Cni;

namespace RouteFix.Tests;

public sealed class DispatcherTests
{
    [Fact]
    public void Without_command_it_says_what_it_is_on_stderr()
    {
        var run = CniRun.Invoke(new Dictionary<string, string>(), string.Empty);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal($"CNI route-fix plugin v{ProductVersion.Text}\nCNI protocol versions supported: 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0\n", run.Stderr);
    }

    [Fact]
    public void Version_lists_the_supported_versions_and_ignores_stdin()
    {
        var run = CniRun.Invoke(new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, "not json at all");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("1.1.0", run.Json.GetProperty("cniVersion").GetString());
        Assert.Equal(["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"], run.Json.GetProperty("supportedVersions").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Theory]
    [InlineData("STATUS")]
    [InlineData("GC")]
    public void Status_and_gc_succeed_silently_for_110(string command)
    {
        var run = CniRun.Invoke(CniRun.Env(command), Samples.Config(cniVersion: "1.1.0", prevResult: null));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Environment_table_matches_skel()
    {
        string[] RequiredFor(string command) => CniEnvironment.Table.Where(r => r.RequiredFor.Contains(command)).Select(r => r.Name).ToArray();
        Assert.Equal(["CNI_COMMAND", "CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME", "CNI_PATH"], RequiredFor("ADD"));
        Assert.Equal(["CNI_COMMAND", "CNI_CONTAINERID", "CNI_IFNAME", "CNI_PATH"], RequiredFor("DEL"));
        Assert.Equal(["CNI_COMMAND", "CNI_PATH"], RequiredFor("GC"));
        Assert.Equal(["CNI_COMMAND"], RequiredFor("STATUS"));
    }
}
