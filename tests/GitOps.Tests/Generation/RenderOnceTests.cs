using Xunit;

namespace GitOps.Tests.Generation;

/// <summary>
/// What the generator writes (<see cref="GitOpsCli"/> through the output writer, the path a build takes) is what the
/// public API returns (<see cref="LabGenerator.Generate"/>: path and text of each file): the two are read from different
/// places (a folder on disk, an in-memory list), so a change to either path shows.
/// </summary>
public sealed class RenderOnceTests
{
    [Fact]
    public void The_files_the_command_line_writes_are_the_rendered_public_output()
    {
        var expected = LabGenerator.Generate(HomeLab.HomeLabModel.Build());
        var folder = Directory.CreateTempSubdirectory("gitops-render-once-").FullName;
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var exit = GitOpsCli.Run(["--output", folder], HomeLab.HomeLabModel.Build, stdout, stderr);
            Assert.True(exit == GitOpsCli.ExitCodes.Success, $"exit {exit}: {stderr}");

            var written = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Where(f => f != ".gitops-owned.txt")
                .Order(StringComparer.Ordinal)
                .ToArray();
            Assert.Equal(expected.Select(f => f.Path), written); // already in ordinal order
            Assert.All(expected, file => Assert.Equal(
                System.Text.Encoding.UTF8.GetBytes(file.Text), File.ReadAllBytes(Path.Combine([folder, .. file.Path.Split('/')]))));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
