using System.Text.Json.Nodes;

namespace GitOps.NodeEmulator.Tests;

/// <summary>
/// Every node-side pod the library emits is run by a scenario, or is declared not emulated with a reason: for each
/// output of <see cref="Labs.Outputs"/> (the labs as rendered and the second sample's committed folder).
/// </summary>
public sealed class CoverageTests
{
    [Fact]
    public void Every_emitted_daemon_set_has_an_emulator_scenario_or_is_declared_not_emulated()
    {
        var missing = new List<string>();
        foreach (var output in Labs.Outputs())
        {
            Assert.NotEmpty(EmittedManifests.DaemonSets(output.Objects));
            foreach (var ds in EmittedManifests.DaemonSets(output.Objects))
            {
                var images = Images(ds.Object).ToList();
                // An image with a stand-in row is never "not emulated" (the thick Multus tags share the thin ones' repository).
                var notEmulated = images.Where(i => StandInImages.Find(i) is null)
                    .Select(i => StandInImages.NotEmulated.FirstOrDefault(n => n.Repository == StandInImages.RepositoryOf(i))).OfType<NotEmulatedImage>().ToList();
                if (output.RunByScenario.Contains(ds.Name))
                {
                    Assert.Empty(notEmulated);
                    Assert.All(images, i => Assert.True(StandInImages.Find(i) is not null, $"{output.Name} {ds.File}: image {i} has no row in the stand-in table"));
                }
                else if (notEmulated.Count > 0)
                {
                    Emulator.Log($"{output.Name} {ds.File}: NOT run by the emulator: {notEmulated[0].Reason}");
                }
                else
                {
                    missing.Add($"{output.Name}: {ds.File} (DaemonSet {ds.Name})");
                }
            }
        }

        Assert.True(missing.Count == 0, "DaemonSets without an emulator scenario: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_only_daemon_set_not_run_is_the_thin_multus()
    {
        var notRun = Labs.Outputs().SelectMany(o => EmittedManifests.DaemonSets(o.Objects).Where(d => !o.RunByScenario.Contains(d.Name)))
            .Select(d => (d.Name, Images(d.Object).First(i => i.Contains("multus", StringComparison.Ordinal)))).Distinct().ToList();
        Assert.All(notRun, d => Assert.Null(StandInImages.Find(d.Item2)));
        Assert.Equal(["kube-multus-ds"], notRun.Select(d => d.Name).Distinct());
    }

    /// <summary>The second sample's node-side pods, as committed: the route-fix installer, whereabouts and the thick Multus daemon (day 0 on metal-1).</summary>
    [Fact]
    public void The_second_sample_runs_every_daemon_set_it_commits()
    {
        var output = Labs.Outputs().Single(o => o.Name.StartsWith("BareMetalLab", StringComparison.Ordinal));
        Assert.Equal(
            ["hosts/metal-1/var/lib/rancher/k3s/server/manifests/metal-lab-cni-layer.yaml kube-multus-ds", "node-agent/daemonset-route-fix-installer.yaml route-fix-installer", "node-agent/daemonset-whereabouts.yaml whereabouts"],
            EmittedManifests.DaemonSets(output.Objects).Select(d => $"{d.File} {d.Name}").Order(StringComparer.Ordinal));
        Assert.All(EmittedManifests.DaemonSets(output.Objects), d => Assert.Contains(d.Name, output.RunByScenario));
    }

    [Fact]
    public void Every_emitted_node_agent_pod_spec_is_fully_translatable()
    {
        foreach (var output in Labs.Outputs())
        {
            foreach (var ds in EmittedManifests.DaemonSets(output.Objects).Where(d => output.RunByScenario.Contains(d.Name)))
            {
                Assert.Empty(PodSpecFields.Untranslated(ds.Object["spec"]!["template"]!["spec"]!.AsObject()));
            }
        }
    }

    private static IEnumerable<string> Images(JsonObject ds)
    {
        var spec = ds["spec"]!["template"]!["spec"]!;
        return new[] { "initContainers", "containers" }.SelectMany(k => spec[k] as JsonArray ?? []).Select(c => c!["image"]!.GetValue<string>());
    }
}
