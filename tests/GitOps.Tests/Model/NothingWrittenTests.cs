using GitOps.Topology;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>A broken model writes nothing: the output folder from the last good generation stays byte for byte.</summary>
public sealed class NothingWrittenTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("gitops-model-");

    public void Dispose() => _output.Delete(recursive: true);

    [Fact]
    public void Broken_model_leaves_a_good_generation_byte_identical_and_prints_the_canonical_error()
    {
        Assert.Equal(GitOpsCli.ExitCodes.Success, Run(() => BlogLab.Build()).ExitCode);
        var before = Snapshot();
        Assert.NotEmpty(before);

        LabChange broken = new() { K8s = n => n.Vlan(4095) };
        var expected = Assert.Single(Expect.Errors(broken));

        var (exitCode, stderr) = Run(() => BlogLab.Build(broken));

        Assert.Equal(GitOpsCli.ExitCodes.ModelFailed, exitCode);
        Assert.Equal(before.Keys, Snapshot().Keys);
        Assert.All(Snapshot(), file => Assert.Equal(before[file.Key], file.Value));
        Assert.Equal(nameof(NothingWrittenTests) + ".cs", Path.GetFileName(expected.File));
        Assert.True(expected.Line > 0);
        Assert.Equal($"{expected.File}({expected.Line}): error {VlanOutOfRange}: lab/networks/k8s/vlan: {expected.Message}\n", stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Broken_model_with_several_mistakes_prints_one_canonical_line_per_mistake()
    {
        var (exitCode, stderr) = Run(() => BlogLab.Build(new() { Lan = n => n.Gateway("192.168.3.1"), Attachment = a => a.Mtu(9000) }));

        Assert.Equal(GitOpsCli.ExitCodes.ModelFailed, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches($@"\(\d+\): error {GatewayOutsideSubnet}: lab/networks/lan/gateway: ", lines[0]);
        Assert.Matches($@"\(\d+\): error {AttachmentMtuAboveUplink}: lab/attachments/default/layer2-bridge/mtu: ", lines[1]);
    }

    [Fact]
    public void Broken_model_into_a_folder_that_does_not_exist_creates_nothing()
    {
        var target = Path.Combine(_output.FullName, "manifests");

        var (exitCode, _) = Run(() => BlogLab.Build(new() { Omit = LabSection.Calico }), target);

        Assert.Equal(GitOpsCli.ExitCodes.ModelFailed, exitCode);
        Assert.False(Directory.Exists(target));
    }

    private (int ExitCode, string Stderr) Run(Func<Lab> build, string? output = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = GitOpsCli.Run(["--output", output ?? _output.FullName], build, stdout, stderr);
        return (exitCode, stderr.ToString());
    }

    /// <summary>Every file under the output folder (the owned-files list included) and its bytes.</summary>
    private SortedDictionary<string, byte[]> Snapshot() =>
        new(Directory.EnumerateFiles(_output.FullName, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(_output.FullName, f), File.ReadAllBytes), StringComparer.Ordinal);
}
