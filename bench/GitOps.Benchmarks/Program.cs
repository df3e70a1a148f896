// Generation benchmark: model build + generate + render for N layer-2 attachments.
// Prints median time and allocated bytes per N after warm-up. Run:
//   dotnet run -c Release --project bench/GitOps.Benchmarks
using System.Diagnostics;
using GitOps;
using GitOps.Output;
using GitOps.Topology;

int[] sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [10, 100, 1_000, 10_000];
const int Runs = 7;

Console.WriteLine($"{"N",7} {"median ms",10} {"ms/attachment",14} {"allocated MB",13} {"files",6}");
foreach (var n in sizes)
{
    var runs = n >= 10_000 ? 3 : Runs;
    Generate(n); // warm-up (JIT, tiering, serializer metadata)
    var times = new List<double>();
    long allocated = 0;
    var files = 0;
    for (var i = 0; i < runs; i++)
    {
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        files = Generate(n);
        watch.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    var median = times[times.Count / 2];
    Console.WriteLine($"{n,7} {median,10:F1} {median / n,14:F4} {allocated / 1048576.0,13:F1} {files,6}");
}

static int Generate(int attachments)
{
    var builder = Lab.Create("bench")
        .Network("lan", n => n.Subnet("192.168.0.0/16").Gateway("192.168.0.1"))
        .Network("k8s", n => n.Vlan(20).Subnet("10.20.0.0/24").Gateway("10.20.0.1").Mtu(9000))
        .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
        .Cluster("bench", c => c.NodeNetwork("k8s"))
        .Calico(c => c.IpPool("10.7.0.0/16", blockSize: 26));
    for (var i = 0; i < attachments; i++)
    {
        builder.Attachment($"default/layer2-{i}", a => a.Network("lan").Bridge("cni0").Dhcp(d => d.ProvidePodName()));
    }

    return YamlRenderer.Render(LabGenerator.Generate(builder.Build())).Count;
}
