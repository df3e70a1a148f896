using System.Diagnostics;
using GitOps.Diagnostics;
using Xunit;

namespace GitOps.Tests.WorkingNetwork;

/// <summary>
/// Issue 14, "beyond the list": random labs within the builder API (<see cref="RandomLabs"/>, CsCheck generators
/// driven by one fixed PCG seed, so every run tries the same labs). A lab the rules reject is fine; every lab that
/// builds must generate (every object passes the library's validator) and keep <see cref="LabInvariants"/>.
/// Each counterexample found while writing this became a rule with a code and a named test (see the README's rule table).
/// </summary>
public sealed class RandomLabPropertyTests(ITestOutputHelper output)
{
    /// <summary>Fixed: the same labs on every run and machine.</summary>
    private const ulong Seed = 20261129;

    /// <summary>Bounded so the test stays well under a minute on a loaded 2-core machine.</summary>
    private const int Labs = 1000;

    [Fact]
    public void Every_random_lab_that_builds_writes_a_network_that_works()
    {
        var watch = Stopwatch.StartNew();
        var rejected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var violations = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var exercised = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var built = 0;
        foreach (var spec in RandomLabs.Sample(Seed, Labs))
        {
            Topology.Lab lab;
            try
            {
                lab = spec.Build();
            }
            catch (LabValidationException e)
            {
                foreach (var code in e.Diagnostics.Select(d => d.Code).Distinct())
                {
                    rejected[code] = rejected.GetValueOrDefault(code) + 1;
                }

                continue;
            }

            built++;
            Count(exercised, spec, lab);
            Output.ManifestSet set;
            try
            {
                set = LabGenerator.GenerateSet(lab);
            }
            catch (LabValidationException e)
            {
                Add(violations, "every-object-validates", $"{string.Join("; ", e.Diagnostics.Take(3))}\n{spec}");
                continue;
            }

            foreach (var (invariant, problem) in new LabInvariants(lab, set).Check())
            {
                Add(violations, invariant, $"{problem}\n{spec}");
            }
        }

        output.WriteLine($"{Labs} random labs (seed {Seed}) in {watch.Elapsed.TotalSeconds:F1} s: {built} built, {Labs - built} rejected.");
        output.WriteLine("rejected by: " + string.Join(", ", rejected.Select(r => $"{r.Key} {r.Value}")));
        output.WriteLine("built labs exercising: " + string.Join(", ", exercised.Select(r => $"{r.Key} {r.Value}")));
        foreach (var (invariant, list) in violations)
        {
            output.WriteLine($"VIOLATED {invariant}: {list.Count} findings; first:\n{list[0]}");
        }

        Assert.True(violations.Count == 0, "Invariants violated: " + string.Join("\n\n", violations.Select(v => $"{v.Key} ({v.Value.Count} findings), first: {v.Value[0]}")));
        // The generator must keep reaching what the invariants are about, or the test would pass on nothing.
        Assert.True(built >= Labs / 5, $"only {built} of {Labs} labs built");
        foreach (var feature in Features)
        {
            Assert.True(exercised.GetValueOrDefault(feature) >= 5, $"only {exercised.GetValueOrDefault(feature)} built labs with {feature}");
        }
    }

    private static readonly string[] Features =
        ["several nodes", "interface regex", "canReach", "cidrs", "VLAN sub-interface", "host files", "Rancher cluster", "restricted workload", "static", "host-local", "two attachments on a workload"];

    private static void Count(SortedDictionary<string, int> exercised, LabSpec spec, Topology.Lab lab)
    {
        void Hit(string feature, bool when)
        {
            if (when)
            {
                exercised[feature] = exercised.GetValueOrDefault(feature) + 1;
            }
        }

        Hit("several nodes", lab.Nodes.Count > 1);
        Hit("interface regex", spec.Detection == 1);
        Hit("canReach", spec.Detection == 2);
        Hit("cidrs", spec.Detection == 0);
        Hit("VLAN sub-interface", lab.Nodes.Any(n => n.Interfaces.Any(i => Topology.VlanSubInterface.TryParse(i.Name, out _, out _))));
        Hit("host files", spec.HostFiles);
        Hit("Rancher cluster", spec.Rancher);
        Hit("restricted workload", lab.Workloads.Any(w => Topology.WorkloadPlacement.IsRestricted(lab, w)));
        Hit("static", lab.Attachments.Any(a => a.Ipam is Topology.StaticIpamOptions));
        Hit("host-local", lab.Attachments.Any(a => a.Ipam is Topology.HostLocalIpamOptions));
        Hit("two attachments on a workload", lab.Workloads.Any(w => w.Attachments.Count > 1));
    }

    private static void Add(SortedDictionary<string, List<string>> violations, string invariant, string example)
    {
        if (!violations.TryGetValue(invariant, out var list))
        {
            violations[invariant] = list = [];
        }

        list.Add(example);
    }
}
