using GitOps.Tests.Model;
using GitOps.Tests.Support;
using GitOps.Topology;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>
/// A model that passes the model rules but produces an object a cluster would reject stops the
/// generation with the schema validator's coded error, and writes nothing.
/// </summary>
public sealed class InvalidObjectWritesNothingTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("gitops-invalid-object-");

    public void Dispose() => _output.Delete(recursive: true);

    [Fact]
    public void Multus_v4_line_pinned_to_a_v3_image_with_a_cni_1_0_0_attachment_is_rejected_and_nothing_changes()
    {
        Assert.Equal(GitOpsCli.ExitCodes.Success, Run(() => BlogLab.Build()).ExitCode);
        var before = Files();

        // The model allows cniVersion 1.0.0 for the v4 line; the image actually deployed is 3.9.3, which cannot read it.
        // The builder now rejects that tag itself (GITOPS150), so the lab is put together from the model's (internal)
        // records, as a bug past the builder could: the validator is the last line that still catches it.
        var (exitCode, stderr) = Run(() =>
        {
            var lab = BlogLab.Build(new()
            {
                Multus = m => m.Version(MultusVersion.V4, plugin: MultusPlugin.Thin),
                Attachment = a => a.CniVersion("1.0.0"),
            });
            return lab.With(multus: lab.Multus with { ImageTag = "v3.9.3" });
        });

        Assert.Equal(GitOpsCli.ExitCodes.ModelFailed, exitCode);
        Assert.Contains("error GITOPS314: networks/networkattachmentdefinition-default-layer2-bridge.yaml#/spec/config/cniVersion:", stderr);
        var after = Files();
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(after, file => Assert.Equal(before[file.Key], file.Value));
    }

    private (int ExitCode, string Stderr) Run(Func<Lab> build)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = GitOpsCli.Run(["--output", _output.FullName], build, stdout, stderr);
        return (exitCode, stderr.ToString());
    }

    private SortedDictionary<string, byte[]> Files() =>
        new(Directory.EnumerateFiles(_output.FullName, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(_output.FullName, f), File.ReadAllBytes), StringComparer.Ordinal);
}
