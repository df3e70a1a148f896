using System.Text;
using GitOps.Tests.Support;
using Xunit;

namespace GitOps.Tests.Snapshots;

/// <summary>
/// The sample's cases compare with the committed bytes, so a renderer change fails them although the build that
/// compiled the tests has already rewritten <c>manifests/</c> with it (issue 19: a renderer mutation used to fail 65
/// variation snapshots and none of the sample's).
/// </summary>
public sealed class SampleGoldenCopyTests
{
    [Fact]
    public void A_changed_byte_fails_the_sample_case_although_the_build_wrote_it_to_manifests()
    {
        const string name = "SampleGoldenMutation";
        var sample = SnapshotCases.Cases.Where(c => c.Value.Committed is not null).OrderBy(c => c.Key, StringComparer.Ordinal).First().Value;
        var path = sample.Committed!;
        var rendered = sample.Render();
        var mutated = ChangeOneByte(rendered);
        var root = Directory.CreateTempSubdirectory("gitops-golden-").FullName;
        try
        {
            // A scratch repository holding the sample file as committed, whose working tree then gets the mutated
            // renderer's output, as `dotnet build` of the tests writes it to manifests/.
            var scratch = new CommittedFiles(root);
            scratch.Git("init", "-q");
            scratch.Stage(path, CommittedFiles.Repository.Read(path)!);
            scratch.Git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "golden");
            File.WriteAllText(Path.Combine([root, .. path.Split('/')]), mutated, new UTF8Encoding(false));

            Snapshot.VerifyCommitted(name, rendered, scratch, path, "yaml", accept: false);
            var failure = Assert.ThrowsAny<Exception>(() => Snapshot.VerifyCommitted(name, mutated, scratch, path, "yaml", accept: false));
            Assert.Contains($"differs from the staged/committed {path}", failure.Message);
            Assert.Contains("+ ", failure.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            File.Delete(Path.Combine(Snapshot.Directory, $"{name}.received.yaml"));
        }
    }

    /// <summary>The renderer's mutation: the first letter's case flipped (one byte, the length unchanged).</summary>
    private static string ChangeOneByte(string text)
    {
        var at = text.IndexOf(text.First(char.IsAsciiLetter));
        var flipped = char.IsUpper(text[at]) ? char.ToLowerInvariant(text[at]) : char.ToUpperInvariant(text[at]);
        return string.Concat(text.AsSpan(0, at), flipped.ToString(), text.AsSpan(at + 1));
    }
}
