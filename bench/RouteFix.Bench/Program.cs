using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using GitOps.Cni;
using GitOps.Topology;
using RouteFix.NamespaceHarness;

// Median ADD and DEL time of the chained plugin (route-fix vs Debian's sbr), each chained after bridge +
// host-local in the library's layer-2 conflist, 50 runs each, in namespaces node/pod made for this run.
// The chained plugin is started directly (it enters CNI_NETNS itself), so the times are the plugin's own;
// bridge runs inside the node namespace. Usage: RouteFix.Bench [runs]   (root; ROUTE_FIX_BINARY or clang)
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
if (Prerequisites.Missing("bridge", "host-local", "sbr") is { } missing)
{
    Console.Error.WriteLine("cannot run the benchmark: " + missing);
    return 2;
}

var routeFix = RouteFixBinary.Path;
var sbr = Path.Combine(Prerequisites.PluginDirectory, "sbr");
Console.WriteLine($"route-fix binary: {new FileInfo(routeFix).Length:N0} bytes ({routeFix})");
Console.WriteLine($"sbr binary:       {new FileInfo(sbr).Length:N0} bytes ({sbr})");
Console.WriteLine($"bridge binary:    {new FileInfo(Path.Combine(Prerequisites.PluginDirectory, "bridge")).Length:N0} bytes");
if (RouteFixBinary.PublishTime > TimeSpan.Zero)
{
    Console.WriteLine($"route-fix publish: {RouteFixBinary.PublishTime.TotalSeconds:F1} s");
}

var results = new List<(string Plugin, double AddMs, double DelMs)>();
foreach (var chained in new[] { "route-fix", "sbr" })
{
    using var net = LabNetwork.Create("cni0", dhcp: false);
    var conflist = HostLocalConflist(net.TempDirectory, chained);
    var executor = new ConflistExecutor(
        conflist,
        [Path.GetDirectoryName(routeFix)!, Prerequisites.PluginDirectory],
        type => type == chained ? [] : ["ip", "netns", "exec", net.Node]);
    var invocation = new CniInvocation("bench" + net.Suffix, net.PodNetnsPath, "net1", "IgnoreUnknown=1;K8S_POD_NAME=bench");
    var adds = new List<double>();
    var dels = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        executor.Runs.Clear();
        var result = executor.Add(invocation);
        executor.Del(invocation, result);
        adds.Add(executor.Runs.Single(r => r.Type == chained && r.Command == "ADD").Elapsed.TotalMilliseconds);
        dels.Add(executor.Runs.Single(r => r.Type == chained && r.Command == "DEL").Elapsed.TotalMilliseconds);
    }

    results.Add((chained, Median(adds), Median(dels)));
}

Console.WriteLine();
Console.WriteLine($"| chained plugin (after bridge + host-local, {runs} runs) | median ADD | median DEL |");
Console.WriteLine("|---|---|---|");
foreach (var (plugin, add, del) in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {plugin} | {add:F1} ms | {del:F1} ms |"));
}

return 0;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

// The library's layer-2 conflist for the HomeLab attachment with host-local addresses instead of DHCP.
// host-local keeps its allocations in dataDir (default /var/lib/cni/networks): point it into the temp directory,
// and for the sbr run put sbr where route-fix was.
static string HostLocalConflist(string tempDirectory, string chained)
{
    var lab = HomeLab.HomeLabModel.Build();
    var attachment = lab.Attachments.Single(a => a.QualifiedName == "default/layer2-bridge");
    attachment = attachment with { Ipam = new HostLocalIpamOptions(IPAddress.Parse("192.168.2.100"), IPAddress.Parse("192.168.2.199")) };
    var json = JsonNode.Parse(LayerTwoConflist.Build(lab, attachment).ToJson())!.AsObject();
    var plugins = json["plugins"]!.AsArray();
    plugins[0]!["ipam"]!["dataDir"] = Path.Combine(tempDirectory, "host-local");
    if (chained == "sbr")
    {
        var index = plugins.Select((p, i) => (p, i)).Single(x => (string?)x.p!["type"] == "route-fix").i;
        plugins[index] = new JsonObject { ["type"] = "sbr" };
    }

    return json.ToJsonString();
}
