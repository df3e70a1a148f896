using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace GitOps.Tests.Support;

/// <summary>
/// Verify's conventions without Verify: <c>{name}.verified.{ext}</c> in tests/GitOps.Tests/Snapshots,
/// <c>{name}.received.{ext}</c> written next to it on a mismatch (git-ignored), a unified-style diff
/// in the failure message. Accepting is explicit: set GITOPS_ACCEPT_SNAPSHOTS=1 to overwrite the
/// verified files with what the code produces now, then review the git diff.
/// </summary>
public static class Snapshot
{
    public const string AcceptVariable = "GITOPS_ACCEPT_SNAPSHOTS";

    public static string Directory => Path.Combine(RepositoryPaths.In("tests", "GitOps.Tests"), "Snapshots");

    public static void Verify(string name, string actual, string extension = "yaml") =>
        Verify(name, actual, extension, Environment.GetEnvironmentVariable(AcceptVariable) == "1");

    internal static void Verify(string name, string actual, string extension, bool accept) =>
        VerifyAgainst(name, actual, Path.Combine(Directory, $"{name}.verified.{extension}"), Path.Combine(Directory, $"{name}.received.{extension}"), accept);

    /// <summary>
    /// Compares with a golden file kept elsewhere (the sample's output is its own golden copy: <c>manifests/</c>).
    /// On a mismatch <c>{name}.received.{extension}</c> is written in <see cref="Directory"/> (git-ignored), never
    /// next to the golden file; accepting (GITOPS_ACCEPT_SNAPSHOTS=1) overwrites <paramref name="verified"/>.
    /// </summary>
    public static void VerifyFile(string name, string actual, string verified, string extension) =>
        VerifyAgainst(name, actual, verified, Path.Combine(Directory, $"{name}.received.{extension}"), Environment.GetEnvironmentVariable(AcceptVariable) == "1");

    private static void VerifyAgainst(string name, string actual, string verified, string received, bool accept)
    {
        var actualBytes = new UTF8Encoding(false).GetBytes(actual);
        if (File.Exists(verified) && File.ReadAllBytes(verified).AsSpan().SequenceEqual(actualBytes))
        {
            File.Delete(received);
            return;
        }

        if (accept)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
            File.WriteAllBytes(verified, actualBytes);
            File.Delete(received);
            return;
        }

        File.WriteAllBytes(received, actualBytes);
        var expected = File.Exists(verified) ? File.ReadAllText(verified) : null;
        var message = expected is null
            ? $"No verified snapshot for '{name}'. Review {received}; accept with {AcceptVariable}=1."
            : $"Snapshot '{name}' differs from {Path.GetRelativePath(RepositoryPaths.Root, verified)} (received: {received}; accept with {AcceptVariable}=1):\n{Diff(expected, actual)}";
        throw new Xunit.Sdk.XunitException(message);
    }

    /// <summary>Changed lines with a little context, '-' for verified and '+' for received.</summary>
    public static string Diff(string expected, string actual)
    {
        var model = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var lines = model.Lines;
        var output = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var near = Enumerable.Range(Math.Max(0, i - 2), Math.Min(lines.Count, i + 3) - Math.Max(0, i - 2)).Any(j => lines[j].Type != ChangeType.Unchanged);
            if (!near)
            {
                continue;
            }

            var prefix = lines[i].Type switch { ChangeType.Inserted => "+ ", ChangeType.Deleted => "- ", _ => "  " };
            output.Append(prefix).Append(lines[i].Text).Append('\n');
        }

        return output.ToString();
    }
}
