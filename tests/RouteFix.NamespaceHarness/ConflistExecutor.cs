using System.Text.Json.Nodes;

namespace RouteFix.NamespaceHarness;

/// <summary>The CNI_* values one container attachment is invoked with.</summary>
public sealed record CniInvocation(string ContainerId, string Netns, string IfName, string Args);

/// <summary>One plugin run: which plugin, which command, how long, what it printed.</summary>
public sealed record PluginRun(string Type, string Command, TimeSpan Elapsed, int ExitCode, string Stdout, string Stderr);

/// <summary>A plugin answered with an error (exit code not 0).</summary>
public sealed class CniPluginException(PluginRun run)
    : Exception($"{run.Type} {run.Command} exited {run.ExitCode}: {run.Stdout.Trim()} {run.Stderr.Trim()}".Trim())
{
    public PluginRun Run { get; } = run;
}

/// <summary>
/// Executes a conflist the way libcni does (containernetworking/cni libcni/api.go): each plugin gets its own
/// object plus the list's <c>name</c> and <c>cniVersion</c>, ADD passes each result on as the next plugin's
/// <c>prevResult</c>, CHECK and DEL get the final result, DEL runs the plugins in reverse order.
/// </summary>
public sealed class ConflistExecutor
{
    private readonly JsonObject _conflist;
    private readonly IReadOnlyList<string> _cniPath;
    private readonly Func<string, IReadOnlyList<string>> _launcher;

    /// <param name="launcher">Program and arguments that precede a plugin binary (e.g. `ip netns exec node`), by plugin type.</param>
    public ConflistExecutor(string conflistJson, IReadOnlyList<string> cniPath, Func<string, IReadOnlyList<string>> launcher)
    {
        _conflist = JsonNode.Parse(conflistJson)?.AsObject() ?? throw new ArgumentException("conflist is not a JSON object", nameof(conflistJson));
        _cniPath = cniPath;
        _launcher = launcher;
    }

    public string Name => (string)_conflist["name"]!;

    public string CniVersion => (string)_conflist["cniVersion"]!;

    public IReadOnlyList<JsonObject> Plugins => _conflist["plugins"]!.AsArray().Select(p => p!.AsObject()).ToList();

    public List<PluginRun> Runs { get; } = [];

    /// <summary>
    /// What the runtime passes as capability args (Multus: <c>ips</c>, <c>mac</c> from the network selection,
    /// multus-cni pkg/types/conf.go). As libcni's <c>injectRuntimeConfig</c> (containernetworking/cni libcni/api.go), a
    /// plugin gets <c>runtimeConfig.&lt;capability&gt;</c> only for the capabilities its config declares true.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode> CapabilityArgs { get; init; } = new Dictionary<string, JsonNode>();

    public JsonObject Add(CniInvocation invocation)
    {
        JsonObject? result = null;
        foreach (var plugin in Plugins)
        {
            var run = Execute(plugin, "ADD", invocation, result);
            result = JsonNode.Parse(run.Stdout)?.AsObject() ?? throw new CniPluginException(run);
        }

        return result ?? throw new InvalidOperationException("the conflist has no plugins");
    }

    public void Check(CniInvocation invocation, JsonObject result)
    {
        foreach (var plugin in Plugins)
        {
            Execute(plugin, "CHECK", invocation, result);
        }
    }

    public void Del(CniInvocation invocation, JsonObject? result)
    {
        foreach (var plugin in Enumerable.Reverse(Plugins))
        {
            Execute(plugin, "DEL", invocation, result);
        }
    }

    /// <summary>libcni buildOneConfig: the plugin's object plus name, cniVersion and prevResult.</summary>
    public string ConfigFor(JsonObject plugin, JsonObject? prevResult)
    {
        var config = plugin.DeepClone().AsObject();
        config["name"] = Name;
        config["cniVersion"] = CniVersion;
        if (prevResult is not null)
        {
            config["prevResult"] = prevResult.DeepClone();
        }

        var runtimeConfig = new JsonObject();
        foreach (var (capability, value) in CapabilityArgs.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (plugin["capabilities"]?[capability]?.GetValue<bool>() == true)
            {
                runtimeConfig[capability] = value.DeepClone();
            }
        }

        if (runtimeConfig.Count > 0)
        {
            config["runtimeConfig"] = runtimeConfig;
        }

        return config.ToJsonString();
    }

    public PluginRun Execute(JsonObject plugin, string command, CniInvocation invocation, JsonObject? prevResult)
    {
        var type = (string)plugin["type"]!;
        var binary = _cniPath.Select(dir => Path.Combine(dir, type)).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"plugin {type} not found in CNI_PATH {string.Join(':', _cniPath)}");
        var env = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = invocation.ContainerId,
            ["CNI_NETNS"] = invocation.Netns,
            ["CNI_IFNAME"] = invocation.IfName,
            ["CNI_ARGS"] = invocation.Args,
            ["CNI_PATH"] = string.Join(':', _cniPath),
        };
        var launcher = _launcher(type);
        var file = launcher.Count > 0 ? launcher[0] : binary;
        var args = launcher.Skip(1).Concat(launcher.Count > 0 ? [binary] : []).ToList();
        var result = Shell.Run(file, args, ConfigFor(plugin, prevResult), env, TimeSpan.FromSeconds(90));
        var run = new PluginRun(type, command, result.Elapsed, result.ExitCode, result.Stdout, result.Stderr);
        Runs.Add(run);
        return run.ExitCode == 0 ? run : throw new CniPluginException(run);
    }
}
