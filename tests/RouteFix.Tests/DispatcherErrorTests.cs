using RouteFix.Cni;

namespace RouteFix.Tests;

/// <summary>Each bad input gets the spec's error code, a message naming the problem, and exit 1; never a stack trace.</summary>
public sealed class DispatcherErrorTests
{
    [Fact]
    public void Malformed_json_is_code_6()
    {
        var run = CniRun.Invoke(CniRun.Env(), "{\"cniVersion\": \"1.0.0\", \"name\": ");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(CniErrorCodes.DecodingFailure, run.Code);
        Assert.Contains("invalid JSON", run.Msg, StringComparison.Ordinal);
        Assert.Contains("line 1", run.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_stdin_is_code_6()
    {
        var run = CniRun.Invoke(CniRun.Env(), string.Empty);
        Assert.Equal(CniErrorCodes.DecodingFailure, run.Code);
        Assert.Contains("stdin is empty", run.Msg, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_that_is_not_an_object_is_code_6()
    {
        var run = CniRun.Invoke(CniRun.Env(), "[1,2,3]");
        Assert.Equal(CniErrorCodes.DecodingFailure, run.Code);
        Assert.Contains("array", run.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrongly_typed_field_is_code_7_naming_the_field()
    {
        var run = CniRun.Invoke(CniRun.Env(), Samples.Config(extra: ",\n  \"multicast\": \"yes\""));
        Assert.Equal(CniErrorCodes.InvalidNetworkConfig, run.Code);
        Assert.Equal("invalid network config: $.multicast has the wrong type", run.Msg);
        Assert.StartsWith("expected true or false", run.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_prev_result_is_code_7()
    {
        var run = CniRun.Invoke(CniRun.Env(), Samples.Config(prevResult: null));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(CniErrorCodes.InvalidNetworkConfig, run.Code);
        Assert.Equal("missing prevResult", run.Msg);
        Assert.Contains("chained plugin", run.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_netns_is_code_4()
    {
        var env = CniRun.Env();
        env.Remove("CNI_NETNS");
        var run = CniRun.Invoke(env, Samples.Config());
        Assert.Equal(CniErrorCodes.InvalidEnvironmentVariables, run.Code);
        Assert.Equal("required env variables [CNI_NETNS] missing", run.Msg);
    }

    [Fact]
    public void Every_missing_variable_is_named()
    {
        var env = new Dictionary<string, string> { ["CNI_COMMAND"] = "CHECK" };
        var run = CniRun.Invoke(env, Samples.Config());
        Assert.Equal("required env variables [CNI_CONTAINERID,CNI_NETNS,CNI_IFNAME,CNI_PATH] missing", run.Msg);
    }

    [Fact]
    public void Del_does_not_need_netns()
    {
        var env = CniRun.Env("DEL");
        env.Remove("CNI_NETNS");
        var run = CniRun.Invoke(env, Samples.Config());
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Del_of_a_vanished_namespace_succeeds()
    {
        var run = CniRun.Invoke(CniRun.Env("DEL"), Samples.Config());
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Theory]
    [InlineData("0.2.0")]
    [InlineData("2.0.0")]
    [InlineData("banana")]
    public void Unsupported_version_is_code_1(string version)
    {
        var run = CniRun.Invoke(CniRun.Env(), Samples.Config(cniVersion: version));
        Assert.Equal(CniErrorCodes.IncompatibleCniVersion, run.Code);
        Assert.Equal("incompatible CNI versions", run.Msg);
        Assert.Equal($"config is \"{version}\", plugin supports [\"0.3.0\" \"0.3.1\" \"0.4.0\" \"1.0.0\" \"1.1.0\"]", run.Details);
    }

    [Fact]
    public void Absent_version_means_010_and_is_code_1()
    {
        var run = CniRun.Invoke(CniRun.Env(), """{"name":"n","type":"route-fix"}""");
        Assert.Equal(CniErrorCodes.IncompatibleCniVersion, run.Code);
        Assert.StartsWith("config is \"0.1.0\"", run.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CHECK", "0.3.1")]
    [InlineData("GC", "1.0.0")]
    [InlineData("STATUS", "0.4.0")]
    public void Commands_newer_than_the_config_version_are_code_1(string command, string version)
    {
        var run = CniRun.Invoke(CniRun.Env(command), Samples.Config(cniVersion: version));
        Assert.Equal(CniErrorCodes.IncompatibleCniVersion, run.Code);
        Assert.Equal($"config version does not allow {command}", run.Msg);
    }

    [Fact]
    public void Interface_not_in_prev_result_is_code_7_listing_the_interfaces()
    {
        var env = CniRun.Env();
        env["CNI_IFNAME"] = "net2";
        var run = CniRun.Invoke(env, Samples.Config());
        Assert.Equal(CniErrorCodes.InvalidNetworkConfig, run.Code);
        Assert.Equal("interface \"net2\" (CNI_IFNAME) is not in prevResult.interfaces with a sandbox", run.Msg);
        Assert.StartsWith("prevResult.interfaces: [cni0, veth4fd7d3d5, net1 (sandbox)]", run.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interface_named_like_the_target_but_on_the_host_is_not_taken()
    {
        // Only an interface with a sandbox is the container's: a host-side "net1" must not match.
        var prev = Samples.PrevResult040.Replace(", \"sandbox\": \"/var/run/netns/cni-090e5f88\"", string.Empty, StringComparison.Ordinal);
        var run = CniRun.Invoke(CniRun.Env(), Samples.Config(prevResult: prev));
        Assert.Equal(CniErrorCodes.InvalidNetworkConfig, run.Code);
        Assert.Contains("not in prevResult.interfaces with a sandbox", run.Msg, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_network_name_is_code_7()
    {
        var run = CniRun.Invoke(CniRun.Env(), """{"cniVersion":"1.0.0","type":"route-fix"}""");
        Assert.Equal(CniErrorCodes.InvalidNetworkConfig, run.Code);
        Assert.Equal("missing network name", run.Msg);
    }

    [Theory]
    [InlineData("CNI_IFNAME", "a-name-longer-than-15", "interface name is too long (15 bytes at most)")]
    [InlineData("CNI_IFNAME", "net/1", "interface name contains / or : or whitespace characters")]
    [InlineData("CNI_CONTAINERID", "-bad", "invalid characters in containerID")]
    public void Invalid_environment_values_are_code_4(string name, string value, string message)
    {
        var env = CniRun.Env();
        env[name] = value;
        var run = CniRun.Invoke(env, Samples.Config());
        Assert.Equal(CniErrorCodes.InvalidEnvironmentVariables, run.Code);
        Assert.Equal(message, run.Msg);
    }

    [Fact]
    public void Unknown_command_is_code_4()
    {
        var run = CniRun.Invoke(CniRun.Env("FROB"), Samples.Config());
        Assert.Equal(CniErrorCodes.InvalidEnvironmentVariables, run.Code);
        Assert.Equal("unknown CNI_COMMAND: FROB", run.Msg);
    }

    [Fact]
    public void Namespace_that_does_not_exist_is_code_3()
    {
        var run = CniRun.Invoke(CniRun.Env(), Samples.Config());
        Assert.Equal(CniErrorCodes.ContainerUnknown, run.Code);
        Assert.Equal("CNI_NETNS /run/netns/route-fix-test-does-not-exist does not exist", run.Msg);
    }

    [Fact]
    public void Namespace_path_that_is_not_a_namespace_is_code_3()
    {
        var file = Path.GetTempFileName();
        try
        {
            var run = CniRun.Invoke(CniRun.Env(netns: file), Samples.Config());
            Assert.Equal(1, run.ExitCode);
            // Without root setns fails with EPERM first (code 999); as root it is EINVAL: not a network namespace (code 3).
            Assert.Contains(run.Code, new[] { CniErrorCodes.ContainerUnknown, CniErrorCodes.Internal });
            Assert.Contains(file, run.Msg, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Error_carries_the_config_version()
    {
        var run = CniRun.Invoke(CniRun.Env(), Samples.Config(cniVersion: "0.3.1", prevResult: null));
        Assert.Equal("0.3.1", run.Json.GetProperty("cniVersion").GetString());
    }

    [Fact]
    public void Error_json_has_exactly_the_spec_fields()
    {
        var run = CniRun.Invoke(CniRun.Env(), Samples.Config(prevResult: null));
        var names = run.Json.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["cniVersion", "code", "msg", "details"], names);
        Assert.EndsWith("\n", run.Stdout, StringComparison.Ordinal);
    }
}
