using System.Text;
using System.Text.Json;
using RouteFix.Cni;

namespace RouteFix.Tests;

/// <summary>
/// The skeleton with a plugin that is not route-fix: it calls the callback CNI_COMMAND names with the decoded
/// config and version, prints what ADD returns, and turns the plugin's own exceptions into CNI errors.
/// </summary>
public sealed class SkeletonTests
{
    private sealed class EchoConf : NetConfJson
    {
        public string? Say { get; init; }
    }

    private sealed class Boom(string message) : Exception(message);

    private static (int Code, string Stdout, string Stderr, List<string> Calls) Run(string command, string stdin)
    {
        var calls = new List<string>();
        void Record(string name, CniRequest<EchoConf> r) => calls.Add($"{name} {r.Args.IfName} {r.CniVersion} {r.Config.Name} {r.Config.Say}");
        var plugin = new CniPlugin<EchoConf>(
            "CNI echo plugin",
            root => new EchoConf
            {
                CniVersion = CniJson.String(root, "cniVersion", "$"),
                Name = CniJson.String(root, "name", "$"),
                Say = CniJson.String(root, "say", "$"),
            },
            add: r =>
            {
                Record("ADD", r);
                return r.Config.Say == "boom" ? throw new Boom("exploded") : new ResultJson { CniVersion = r.CniVersion, Dns = new DnsJson { Domain = r.Config.Say } };
            },
            check: r => Record("CHECK", r),
            del: r => throw new InvalidOperationException("del failed"),
            status: r => Record("STATUS", r),
            gc: r => Record("GC", r),
            toCniError: (e, cmd) => e is Boom ? new CniException(CniErrorCodes.TryAgainLater, $"{cmd}: {e.Message}") : null);
        var env = CniRun.Env(command);
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = CniSkeleton.PluginMain(plugin, name => env.TryGetValue(name, out var v) ? v : null, new MemoryStream(Encoding.UTF8.GetBytes(stdin)), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString(), calls);
    }

    [Theory]
    [InlineData("CHECK")]
    [InlineData("STATUS")]
    [InlineData("GC")]
    public void Each_command_reaches_its_callback(string command)
    {
        var run = Run(command, """{"cniVersion":"1.1.0","name":"lan","say":"hi"}""");
        Assert.Equal((0, string.Empty), (run.Code, run.Stdout));
        Assert.Equal([$"{command} net1 1.1.0 lan hi"], run.Calls);
    }

    [Fact]
    public void Add_prints_what_the_callback_returns()
    {
        var run = Run("ADD", """{"cniVersion":"1.0.0","name":"lan","say":"example.org"}""");
        Assert.Equal(0, run.Code);
        Assert.Equal("{\n  \"cniVersion\": \"1.0.0\",\n  \"dns\": {\n    \"domain\": \"example.org\"\n  }\n}\n", run.Stdout);
    }

    [Fact]
    public void The_plugins_reader_reports_its_own_wrongly_typed_field()
    {
        var run = Run("ADD", """{"cniVersion":"1.0.0","name":"lan","say":5}""");
        Assert.Equal(1, run.Code);
        Assert.Equal(CniErrorCodes.InvalidNetworkConfig, JsonDocument.Parse(run.Stdout).RootElement.GetProperty("code").GetUInt32());
        Assert.Contains("$.say has the wrong type", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(run.Calls);
    }

    [Fact]
    public void The_plugin_translates_its_own_exceptions_and_the_rest_is_internal()
    {
        var boom = JsonDocument.Parse(Run("ADD", """{"cniVersion":"1.0.0","name":"lan","say":"boom"}""").Stdout).RootElement;
        Assert.Equal((11u, "ADD: exploded"), (boom.GetProperty("code").GetUInt32(), boom.GetProperty("msg").GetString()));

        var del = JsonDocument.Parse(Run("DEL", """{"cniVersion":"1.0.0","name":"lan"}""").Stdout).RootElement;
        Assert.Equal((999u, "internal error (InvalidOperationException)", "del failed"), (del.GetProperty("code").GetUInt32(), del.GetProperty("msg").GetString(), del.GetProperty("details").GetString()));
    }

    [Fact]
    public void Without_command_it_prints_the_plugins_about()
    {
        var run = Run(string.Empty, string.Empty);
        Assert.Equal("CNI echo plugin\nCNI protocol versions supported: 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0\n", run.Stderr);
    }
}
