// Generation benchmark: for N layer-2 attachments, the model build, the emitters + YAML rendering,
// and the schema validation that LabGenerator.Generate adds, timed apart. Prints the median of
// several runs after a warm-up, and the bytes allocated by one full run. Run:
//   dotnet run -c Release --project bench/GitOps.Benchmarks [N ...]
// With --cold N: one first run in a fresh process, each phase's wall time beside the JIT time and methods
// compiled in it (System.Runtime.JitInfo), to see where a cold start goes:
//   dotnet exec bench/GitOps.Benchmarks/bin/Release/net10.0/GitOps.Benchmarks.dll --cold 10
// GITOPS_BENCH_LIVE=1 splits the live set at the end; GITOPS_BENCH_LIVE=2 prints it after each phase (a full GC each).
// GITOPS_BENCH_GCS=1 prints each garbage collection (generation, reason, type) under its phase.
// GITOPS_BENCH_ALLOC=<phase> (model, emit, serialize, validate, render, write) prints that phase's allocations by type,
// sampled by the runtime (AllocationSampler; the listener itself changes the GC figures of that run).
using System.Diagnostics;
using System.Runtime;
using GitOps;
using GitOps.Output;
using GitOps.Topology;
using GitOps.Validation;

if (args is ["--cold", var coldSize])
{
    Cold(int.Parse(coldSize));
    return;
}

int[] sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [10, 100, 1_000, 10_000];

Console.WriteLine($"{"N",7} {"model ms",9} {"emit+render ms",15} {"validate ms",12} {"total ms",9} {"µs/attachment",14} {"alloc MB",9}");
foreach (var n in sizes)
{
    var runs = n >= 10_000 ? 3 : 9;
    for (var i = 0; i < 2; i++)
    {
        Measure(n); // warm-up: JIT, tiering, serializer metadata, schemas
    }

    var results = Enumerable.Range(0, runs).Select(_ => Measure(n)).ToArray();
    double Median(Func<(double Model, double Emit, double Validate, long Bytes), double> pick) =>
        results.Select(pick).Order().ElementAt(runs / 2);
    var model = Median(r => r.Model);
    var emit = Median(r => r.Emit);
    var validate = Median(r => r.Validate);
    var total = Median(r => r.Model + r.Emit + r.Validate);
    Console.WriteLine($"{n,7} {model,9:F1} {emit,15:F1} {validate,12:F1} {total,9:F1} {total * 1000 / n,14:F1} {results[0].Bytes / 1048576.0,9:F1}");
}

static (double Model, double Emit, double Validate, long Bytes) Measure(int attachments)
{
    GC.Collect();
    var before = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    var lab = BenchLab.Build(attachments);
    var model = watch.Elapsed.TotalMilliseconds;
    watch.Restart();
    var set = LabGenerator.Emit(lab);
    var files = YamlRenderer.Render(set);
    var emit = watch.Elapsed.TotalMilliseconds;
    watch.Restart();
    var problems = ManifestValidator.Shared.Validate(set);
    var validate = watch.Elapsed.TotalMilliseconds;
    if (problems.Count > 0 || files.Count < attachments)
    {
        throw new InvalidOperationException("The benchmark lab must generate cleanly: " + string.Join("; ", problems));
    }

    return (model, emit, validate, GC.GetAllocatedBytesForCurrentThread() - before);
}

static void Cold(int attachments)
{
    // The steps of LabGenerator.GenerateWithWarnings and GitOpsCli.Run, in their order, each timed apart.
    var output = Path.Combine(Path.GetTempPath(), $"gitops-cold-{Environment.ProcessId}");
    Console.WriteLine($"{"phase",-10} {"wall ms",8} {"CPU ms",8} {"JIT ms",8} {"methods",8} {"alloc MB",9} {"heap MB",8} {"committed MB",12} {"RSS MB",7}");
    var total = Stopwatch.StartNew();
    var process = Process.GetCurrentProcess();
    var perPhaseLive = Environment.GetEnvironmentVariable("GITOPS_BENCH_LIVE") == "2"; // a full GC after each phase: the live set then
    var sampledPhase = Environment.GetEnvironmentVariable("GITOPS_BENCH_ALLOC"); // a phase whose allocations are sampled by type
    using var sampler = sampledPhase is null ? null : new AllocationSampler();
    using var gcLog = Environment.GetEnvironmentVariable("GITOPS_BENCH_GCS") == "1" ? new GcLog() : null;
    T Phase<T>(string name, Func<T> step)
    {
        process.Refresh();
        var (jit, methods, bytes, cpu) = (JitInfo.GetCompilationTime(), JitInfo.GetCompiledMethodCount(), GC.GetTotalAllocatedBytes(), process.TotalProcessorTime);
        var watch = Stopwatch.StartNew();
        sampler?.Active = name == sampledPhase;
        gcLog?.Begin(name);
        var result = step();
        sampler?.Active = false;
        process.Refresh();
        var liveNote = perPhaseLive ? $" live {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:F1}" : "";
        Console.WriteLine($"{name,-10} {watch.Elapsed.TotalMilliseconds,8:F1} {(process.TotalProcessorTime - cpu).TotalMilliseconds,8:F0} {(JitInfo.GetCompilationTime() - jit).TotalMilliseconds,8:F1} " +
            $"{JitInfo.GetCompiledMethodCount() - methods,8} {(GC.GetTotalAllocatedBytes() - bytes) / 1048576.0,9:F1} " +
            $"{GC.GetTotalMemory(forceFullCollection: false) / 1048576.0,8:F1} {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0,12:F1} {process.WorkingSet64 / 1048576.0,7:F1}{liveNote}");
        if (name == sampledPhase)
        {
            sampler!.Print(top: 25);
        }

        return result;
    }

    try
    {
        var lab = Phase("model", () => BenchLab.Build(attachments));
        var set = Phase("emit", () => LabGenerator.Emit(lab));
        using var json = new ObjectJsonDocuments();
        // Serialization apart, as LabGenerator does it: each data object replaced by its JSON, once (the typed objects go).
        Phase("serialize", () => { ObjectJsonDocuments.ReplaceObjectsWithJson(set); return set.Files.Count; });
        Phase("gc", () => { LabGenerator.CollectLargeSet(set.Files.Count); return 0; }); // as the generator process does
        Phase("schemas", () => ManifestValidator.Shared.SchemaLoadTime);
        var problems = Phase("validate", () => ManifestValidator.Shared.Validate(set, new ManifestValidationOptions(), json));
        var files = Phase("render", () => YamlRenderer.Render(set, json)); // releases each file's JSON once it is rendered
        var result = Phase("write", () => OutputWriter.Write(output, files));
        gcLog?.Print();
        if (Environment.GetEnvironmentVariable("GITOPS_BENCH_LIVE") == "1")
        {
            // What is live at the end (forces full GCs: only for this question, it changes the other figures).
            var live = GC.GetTotalMemory(forceFullCollection: true);
            json.Dispose();
            var withoutJson = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(files);
            var withoutFiles = (files = null) is null ? GC.GetTotalMemory(forceFullCollection: true) : 0;
            GC.KeepAlive(set);
            Console.WriteLine($"live {live / 1048576.0:F1} MB: object JSON {(live - withoutJson) / 1048576.0:F1}, rendered files {(withoutJson - withoutFiles) / 1048576.0:F1}, rest (model, set, schemas) {withoutFiles / 1048576.0:F1}");
        }

        process.Refresh();
        Console.WriteLine($"{"total",-10} {total.Elapsed.TotalMilliseconds,8:F1} {process.TotalProcessorTime.TotalMilliseconds,8:F0} {JitInfo.GetCompilationTime().TotalMilliseconds,8:F1} " +
            $"{JitInfo.GetCompiledMethodCount(),8} {GC.GetTotalAllocatedBytes() / 1048576.0,9:F1}  (since process start: {(DateTime.Now - process.StartTime).TotalMilliseconds:F0} ms; " +
            $"GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, pause {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms, peak working set {process.PeakWorkingSet64 / 1048576} MiB)");
        if (problems.Any(p => p.Severity == GitOps.Diagnostics.DiagnosticSeverity.Error) || result.Written < attachments)
        {
            throw new InvalidOperationException("The benchmark lab must generate cleanly: " + string.Join("; ", problems));
        }
    }
    finally
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
