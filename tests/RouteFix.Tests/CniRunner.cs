using System.Text;
using System.Text.Json;
using RouteFix.Cni;
using RouteFix.Plugin;

namespace RouteFix.Tests;

/// <summary>Runs the skeleton with route-fix's callbacks in-process with an injected environment and stdin, the way a runtime would run the binary.</summary>
internal sealed record CniRun(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement.Clone();

    public uint Code => Json.GetProperty("code").GetUInt32();

    public string Msg => Json.GetProperty("msg").GetString()!;

    public string Details => Json.TryGetProperty("details", out var d) ? d.GetString()! : string.Empty;

    public static CniRun Invoke(IReadOnlyDictionary<string, string> env, byte[] stdin)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = CniSkeleton.PluginMain(RouteFixPlugin.Callbacks, name => env.TryGetValue(name, out var v) ? v : null, new MemoryStream(stdin), stdout, stderr);
        return new CniRun(code, stdout.ToString(), stderr.ToString());
    }

    public static CniRun Invoke(IReadOnlyDictionary<string, string> env, string stdin) => Invoke(env, Encoding.UTF8.GetBytes(stdin));

    /// <summary>A complete ADD environment; tests remove or change one variable.</summary>
    public static Dictionary<string, string> Env(string command = "ADD", string netns = "/run/netns/route-fix-test-does-not-exist") => new()
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = "0123456789abcdef",
        ["CNI_NETNS"] = netns,
        ["CNI_IFNAME"] = "net1",
        ["CNI_PATH"] = "/opt/cni/bin",
        ["CNI_ARGS"] = "IgnoreUnknown=1;K8S_POD_NAME=ha",
    };
}

/// <summary>Sample inputs shaped like what bridge + dhcp hand to route-fix (the blog post's /var/lib/cni result).</summary>
internal static class Samples
{
    public const string PrevResult040 = """
        {
          "cniVersion": "0.4.0",
          "interfaces": [
            { "name": "cni0", "mac": "00:15:5d:02:cb:09" },
            { "name": "veth4fd7d3d5", "mac": "3a:34:17:72:61:28" },
            { "name": "net1", "mac": "56:c6:ce:2b:6e:f7", "sandbox": "/var/run/netns/cni-090e5f88" }
          ],
          "ips": [ { "version": "4", "address": "192.168.2.158/24", "gateway": "192.168.2.1", "interface": 2 } ],
          "routes": [ { "dst": "0.0.0.0/0", "gw": "192.168.2.1" }, { "dst": "192.168.2.0/24" } ],
          "dns": {}
        }
        """;

    public static string Config(string cniVersion = "0.4.0", string? prevResult = PrevResult040, string extra = "") =>
        $$"""
        {
          "cniVersion": "{{cniVersion}}",
          "name": "dhcp-cni-network",
          "type": "route-fix"{{extra}}{{(prevResult is null ? string.Empty : ",\n  \"prevResult\": " + prevResult)}}
        }
        """;
}
