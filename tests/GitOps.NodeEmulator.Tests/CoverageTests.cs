using System.Text.Json.Nodes;

namespace GitOps.NodeEmulator.Tests;

/// <summary>Every node-side pod the library emits is run by a scenario, or is declared not emulated with a reason.</summary>
public sealed class CoverageTests
{
    [Fact]
    public void Every_emitted_daemon_set_has_an_emulator_scenario_or_is_declared_not_emulated()
    {
        var missing = new List<string>();
        foreach (var (name, lab) in Labs.All())
        {
            foreach (var ds in EmittedManifests.DaemonSets(EmittedManifests.Of(lab)))
            {
                var images = Images(ds.Object).ToList();
                var notEmulated = images.Select(i => StandInImages.NotEmulated.FirstOrDefault(n => n.Repository == StandInImages.RepositoryOf(i))).OfType<NotEmulatedImage>().ToList();
                if (NodeScenario.Covers.Contains(ds.Name))
                {
                    Assert.Empty(notEmulated);
                    Assert.All(images, i => Assert.True(StandInImages.Find(i) is not null, $"{name} {ds.File}: image {i} has no row in the stand-in table"));
                }
                else if (notEmulated.Count > 0)
                {
                    Emulator.Log($"{name} {ds.File}: NOT run by the emulator: {notEmulated[0].Reason}");
                }
                else
                {
                    missing.Add($"{name}: {ds.File} (DaemonSet {ds.Name})");
                }
            }
        }

        Assert.True(missing.Count == 0, "DaemonSets without an emulator scenario: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_only_daemon_set_not_run_is_multus()
    {
        var notRun = Labs.All().SelectMany(l => EmittedManifests.DaemonSets(EmittedManifests.Of(l.Lab)))
            .Where(d => !NodeScenario.Covers.Contains(d.Name)).Select(d => d.Name).Distinct().ToList();
        Assert.Equal(["kube-multus-ds"], notRun);
    }

    [Fact]
    public void Every_emitted_node_agent_pod_spec_is_fully_translatable()
    {
        foreach (var (_, lab) in Labs.All())
        {
            foreach (var ds in EmittedManifests.DaemonSets(EmittedManifests.Of(lab)).Where(d => NodeScenario.Covers.Contains(d.Name)))
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
