using System.Text;
using GitOps.Output;
using GitOps.Picture;
using Xunit;

namespace GitOps.Tests.Picture;

/// <summary>
/// NETWORK.md's diagram, rendered by the pinned mermaid release in Debian's headless Chromium, as a Markdown viewer
/// would: it must parse and draw. The screenshots stay in artifacts/network-picture/ ({case}.png).
/// </summary>
[Trait("Category", "Browser")]
public sealed class MermaidBrowserTests
{
    private static string DiagramOf(Topology.Lab lab) => NetworkPictureTests.Diagram(
        Encoding.UTF8.GetString(YamlRenderer.Render(LabGenerator.GenerateSet(lab)).Single(f => f.RelativePath == NetworkPictureEmitter.FileName).Content));

    [Fact]
    public void The_sample_diagram_renders_in_Chromium_without_a_parse_error()
    {
        MermaidInChromium.RequirePrerequisites();
        var committed = NetworkPictureTests.Diagram(File.ReadAllText(Path.Combine(RepositoryPaths.Manifests, NetworkPictureEmitter.FileName)));
        Assert.Equal(DiagramOf(HomeLab.HomeLabModel.Build()), committed);

        var result = MermaidInChromium.Render("sample", committed);

        Assert.True(result.Rendered, "mermaid could not render manifests/NETWORK.md: " + result.Text);
        Assert.InRange(result.Width, 400, 10_000);
        Assert.InRange(result.Height, 150, 10_000);
    }

    [Fact]
    public void A_variation_with_syntax_characters_in_its_names_renders_in_Chromium()
    {
        MermaidInChromium.RequirePrerequisites();

        var result = MermaidInChromium.Render("variation", DiagramOf(PictureLabs.Variation()));

        Assert.True(result.Rendered, "mermaid could not render the variation's NETWORK.md: " + result.Text);
    }

    [Fact]
    public void A_broken_diagram_fails_with_mermaid_s_parse_error()
    {
        MermaidInChromium.RequirePrerequisites();
        // What an unescaped name would make of a label: the quote in e"1 ends the label early.
        var broken = DiagramOf(HomeLab.HomeLabModel.Build()).Replace("[\"eth0\"]", "[\"e\"1\"]", StringComparison.Ordinal);

        var result = MermaidInChromium.Render("broken", broken);

        Assert.False(result.Rendered);
        Assert.StartsWith("error: ", result.Text, StringComparison.Ordinal);
        Assert.Contains("Parse error", result.Text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(MermaidInChromium.ArtifactFolder, "broken.png")));
    }
}
