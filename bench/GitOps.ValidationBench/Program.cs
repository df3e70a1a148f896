// Schema validation figures, in one fresh process (as `dotnet build` runs the generator):
//   0. a generation run without validation (generate + render the sample), which warms the serializer
//      the validator shares with the YAML writer;
//   1. schema load: first use of ManifestValidator.Shared (read and parse the schemas, build the CNI ones);
//   2. first validation of the sample's full manifest set (builds the schemas of the kinds it uses, JIT);
//   3. warm validation: median of 20 runs;
//   4. warm validation of generated sets with N layer-2 attachments (growth per object).
// Run: dotnet run -c Release --project bench/GitOps.ValidationBench
using System.Diagnostics;
using GitOps;
using GitOps.Output;
using GitOps.Topology;
using GitOps.Validation;

var watch = Stopwatch.StartNew();
var homeLab = LabGenerator.Emit(HomeLab.HomeLabModel.Build());
var rendered = YamlRenderer.Render(homeLab);
var generation = watch.Elapsed;
var objects = homeLab.Files.Sum(f => f.Objects.Count);

watch.Restart();
var validator = ManifestValidator.Shared;
var load = watch.Elapsed;

watch.Restart();
var problems = validator.Validate(homeLab);
var first = watch.Elapsed;
if (problems.Any(p => p.Severity == GitOps.Diagnostics.DiagnosticSeverity.Error))
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, problems));
    return 1;
}

Console.WriteLine($"generation run without validation, HomeLab ({rendered.Count} files)  {generation.TotalMilliseconds,8:F1} ms");
Console.WriteLine($"schema load (first use, fresh process)                {load.TotalMilliseconds,8:F1} ms  (catalog {validator.SchemaLoadTime.TotalMilliseconds:F1} ms)");
Console.WriteLine($"first validation, HomeLab ({objects} objects)                 {first.TotalMilliseconds,8:F1} ms");
Console.WriteLine($"warm validation, HomeLab (median of 20)               {Median(20, () => validator.Validate(homeLab)),8:F2} ms");
Console.WriteLine();
Console.WriteLine($"{"attachments",11} {"objects",8} {"median ms",10} {"ms/object",10}");
foreach (var n in args.Length > 0 ? args.Select(int.Parse).ToArray() : [10, 100, 1_000])
{
    var set = LabGenerator.Emit(Lab(n));
    var count = set.Files.Sum(f => f.Objects.Count);
    validator.Validate(set); // warm-up
    var median = Median(n >= 1_000 ? 5 : 11, () => validator.Validate(set));
    Console.WriteLine($"{n,11} {count,8} {median,10:F1} {median / count,10:F3}");
}

return 0;

static double Median(int runs, Action action)
{
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        action();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return times[times.Count / 2];
}

static Lab Lab(int attachments)
{
    var builder = GitOps.Topology.Lab.Create("bench")
        .Network("lan", n => n.Subnet("192.168.0.0/16").Gateway("192.168.0.1"))
        .Network("k8s", n => n.Vlan(20).Subnet("10.20.0.0/24").Gateway("10.20.0.1").Mtu(9000))
        .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
        .Cluster("bench", c => c.NodeNetwork("k8s"))
        .Calico(c => c.IpPool("10.7.0.0/16", blockSize: 26));
    for (var i = 0; i < attachments; i++)
    {
        builder.Attachment($"default/layer2-{i}", a => a.Network("lan").Bridge("cni0").Dhcp(d => d.ProvidePodName()));
    }

    return builder.Build();
}
