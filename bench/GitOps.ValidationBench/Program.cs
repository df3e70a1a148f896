// Schema validation figures, in one fresh process (as `dotnet build` runs the generator):
//   0. a generation run without validation (generate + render the sample), which warms the serializer
//      the validator shares with the YAML writer;
//   1. schema load: first use of ManifestValidator.Shared (read and parse the schemas, build the CNI ones);
//   2. first validation of the sample's full manifest set (builds the schemas of the kinds it uses, JIT);
//   3. warm validation: median of 20 runs.
// Validation time for N layer-2 attachments is a column of bench/GitOps.Benchmarks.
// Run: dotnet run -c Release --project bench/GitOps.ValidationBench
using System.Diagnostics;
using GitOps;
using GitOps.Output;
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
