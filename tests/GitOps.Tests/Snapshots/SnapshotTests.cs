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
        Snapshot.Verify(name, SnapshotCases.Cases[caseName](), extension);
    }

    [Fact]
    public void Every_verified_file_belongs_to_a_snapshot_case()
    {
        var expected = SnapshotCases.Cases.Keys.Select(k => { var (name, ext) = Split(k); return $"{name}.verified.{ext}"; }).ToHashSet(StringComparer.Ordinal);
        var onDisk = Directory.GetFiles(Snapshot.Directory, "*.verified.*").Select(Path.GetFileName).ToArray();
        var dangling = onDisk.Where(f => !expected.Contains(f!)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(dangling.Length == 0, "Verified snapshots no test produces (delete them): " + string.Join(", ", dangling));
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
