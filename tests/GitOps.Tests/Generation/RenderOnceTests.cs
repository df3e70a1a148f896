using GitOps.Output;
using Xunit;

namespace GitOps.Tests.Generation;

/// <summary>The generator's own path renders every file once and checks those bytes; it writes what the public API produces.</summary>
public sealed class RenderOnceTests
{
    [Fact]
    public void The_generator_s_rendered_files_are_the_rendered_public_output()
    {
        var lab = HomeLab.HomeLabModel.Build();

        var once = LabGenerator.GenerateRendered(lab);
        var viaSet = YamlRenderer.Render(LabGenerator.Generate(lab));

        Assert.Equal(viaSet.Select(f => f.RelativePath), once.Select(f => f.RelativePath));
        Assert.All(viaSet.Zip(once), pair => Assert.Equal(pair.First.Content, pair.Second.Content));
    }
}
