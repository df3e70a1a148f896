using Xunit;
using GitOps.Tests.Support;

namespace GitOps.Tests.Snapshots;

/// <summary>Every emitted file of the sample and of the model's variations, byte for byte.</summary>
public sealed class SnapshotTests
{
    public static TheoryData<string> CaseNames() => new(SnapshotCases.Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Emitted_file_matches_its_verified_snapshot(string caseName)
    {
        var (name, extension) = Split(caseName);
        var snapshot = SnapshotCases.Cases[caseName];
        if (snapshot.Committed is null)
        {
            Snapshot.Verify(name, snapshot.Render(), extension);
        }
        else
        {
            Snapshot.VerifyCommitted(name, snapshot.Render(), CommittedFiles.Repository, snapshot.Committed, extension);
        }
    }

    [Fact]
    public void Every_verified_file_belongs_to_a_snapshot_case()
    {
        var expected = SnapshotCases.Cases.Where(c => c.Value.Committed is null)
            .Select(c => { var (name, ext) = Split(c.Key); return $"{name}.verified.{ext}"; }).ToHashSet(StringComparer.Ordinal);
        var onDisk = Directory.GetFiles(Snapshot.Directory, "*.verified.*").Select(Path.GetFileName).ToArray();
        var dangling = onDisk.Where(f => !expected.Contains(f!)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(dangling.Length == 0, "Verified snapshots no test produces (delete them): " + string.Join(", ", dangling));
    }

    [Theory]
    [InlineData("HomeLab")]
    [InlineData("BareMetalLab")]
    public void Every_file_in_a_sample_output_folder_belongs_to_the_sample(string sample)
    {
        var folder = SnapshotCases.SampleFolders[sample];
        var expected = SnapshotCases.Cases.Where(c => c.Key.StartsWith(sample + ".", StringComparison.Ordinal))
            .Select(c => c.Value.Committed).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.True(expected.Count > 0, $"No snapshot case has {folder}/ as its golden copy.");
        Assert.All(expected, path => Assert.StartsWith(folder + "/", path, StringComparison.Ordinal));

        // The golden copy is what git has (the working tree is rewritten by the build; .ci/run checks it for drift).
        // .gitops-owned.txt is the build's record of the files it wrote (for pruning), not an emitted file.
        var tracked = CommittedFiles.Repository.List(folder).Where(f => Path.GetFileName(f) != ".gitops-owned.txt").ToArray();
        var dangling = tracked.Where(f => !expected.Contains(f)).ToArray();
        Assert.True(dangling.Length == 0, $"Files in git's {folder}/ the sample does not produce (rebuild samples/{sample} and `git add -A {folder}/`): " + string.Join(", ", dangling));
        var missing = expected.Where(f => !tracked.Contains(f, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, $"Files the sample produces that git's {folder}/ lacks (run `dotnet build samples/{sample}`, then `git add {folder}/`): " + string.Join(", ", missing));
    }

    [Fact]
    public void Snapshot_helper_reports_a_readable_diff_and_writes_received()
    {
        const string name = "SnapshotHelperSelfTest";
        var received = Path.Combine(Snapshot.Directory, $"{name}.received.txt");
        try
        {
            var error = Assert.ThrowsAny<Exception>(() => Snapshot.Verify(name, "a\nb\n", "txt", accept: false));
            Assert.Contains("No verified snapshot", error.Message);
            Assert.True(File.Exists(received));
            var diff = Snapshot.Diff("a\nb\nc\n", "a\nB\nc\n");
            Assert.Contains("- b", diff);
            Assert.Contains("+ B", diff);
        }
        finally
        {
            File.Delete(received);
        }
    }

    private static (string Name, string Extension) Split(string caseName)
    {
        var bar = caseName.LastIndexOf('|');
        return (caseName[..bar], caseName[(bar + 1)..]);
    }
}
