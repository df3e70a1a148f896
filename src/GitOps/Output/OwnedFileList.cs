using System.Text;
using GitOps.Diagnostics;

namespace GitOps.Output;

/// <summary>
/// The list of files the generator wrote into an output folder, kept IN that folder
/// (<see cref="FileName"/>) and committed with the manifests, so a fresh clone knows which files
/// it may replace or delete. One relative path per line, ordinal order, LF, UTF-8 without BOM.
/// </summary>
internal static class OwnedFileList
{
    public const string FileName = ".gitops-owned.txt";

    private const string Header =
        "# Files written by LabNetwork.GitOps. It replaces or deletes only the files listed here;\n" +
        "# every other file in this folder is left alone. Commit this list with the manifests.\n";

    /// <summary>The exact bytes of the list for <paramref name="relativePaths"/>.</summary>
    public static byte[] Format(IEnumerable<string> relativePaths)
    {
        var text = new StringBuilder(Header);
        foreach (var path in relativePaths.Order(StringComparer.Ordinal))
        {
            text.Append(path).Append('\n');
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
    }

    /// <summary>Reads the list from <paramref name="outputDirectory"/>; an absent list means nothing is owned.</summary>
    /// <exception cref="OutputException">A line is not a valid relative path (GITOPS205).</exception>
    public static IReadOnlySet<string> Read(string outputDirectory)
    {
        var listPath = Path.Combine(outputDirectory, FileName);
        if (!File.Exists(listPath))
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var owned = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<Diagnostic>();
        var lines = File.ReadAllText(listPath, Encoding.UTF8).Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            // Tolerate CRLF from a checkout with autocrlf; the list is always written back with LF.
            var line = lines[index].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var problem = OutputPath.Problem(line) ?? (line == FileName ? "the list cannot own itself" : null);
            if (problem is null)
            {
                owned.Add(line);
                continue;
            }

            problems.Add(new Diagnostic(
                DiagnosticCodes.OwnedListInvalid,
                DiagnosticSeverity.Error,
                FileName,
                $"line '{line}' is not a file this generator can own: {problem}. " +
                "Remove the line (the list is rewritten by the next build) or restore the file from git.",
                listPath,
                index + 1));
        }

        return problems.Count == 0 ? owned : throw new OutputException(problems);
    }
}
