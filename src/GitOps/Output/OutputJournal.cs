using GitOps.Diagnostics;

namespace GitOps.Output;

/// <summary>
/// The record of an update under way, so an update the process did not finish (killed, the machine shut down, the build
/// server stopped by SIGTERM while it wrote) is undone or finished by the next run instead of leaving the folder
/// half-written. <see cref="OutputTransaction"/> writes it into the output folder (<see cref="FileName"/>) before its first
/// step: one line per file it creates, replaces or deletes. Once every file is in place it appends <c>committed</c>, and
/// it deletes the journal when it has removed its backups. The journal appears whole or not at all (written beside it,
/// then renamed).
/// <para>
/// <see cref="Recover"/>, at the start of the next update: a journal without <c>committed</c> is undone (each backup moved
/// back over its file, each staged and each created file removed, with the folders that leaves empty), so the folder
/// is as it was before the interrupted update; one with <c>committed</c> is finished (its backups removed). Either way the
/// folder then holds one generation's files, and the update that follows starts from it.
/// </para>
/// </summary>
internal static class OutputJournal
{
    /// <summary>The journal's name in the output folder.</summary>
    public const string FileName = ".gitops-update";

    private const string Header = "gitops-update 1";
    private const string Committed = "committed";

    /// <summary>What an update does to a file, as the journal records it.</summary>
    public enum Change
    {
        Create,
        Replace,
        Delete,
    }

    /// <summary>Writes the journal of an update (whole: written beside it, then renamed).</summary>
    public static void Begin(string root, IEnumerable<(Change Change, string RelativePath)> changes)
    {
        var temporary = Path.Combine(root, FileName + ".new");
        using (var writer = new StreamWriter(temporary, append: false) { NewLine = "\n" })
        {
            writer.WriteLine(Header);
            foreach (var (change, relativePath) in changes)
            {
                writer.Write(change switch { Change.Create => "create ", Change.Replace => "replace ", _ => "delete " });
                writer.WriteLine(relativePath);
            }
        }

        File.Move(temporary, Path.Combine(root, FileName), overwrite: true);
    }

    /// <summary>Records that every file of the update is in place.</summary>
    public static void MarkCommitted(string root) => File.AppendAllText(Path.Combine(root, FileName), Committed + "\n");

    /// <summary>Deletes the journal: the update is done, or undone.</summary>
    public static void End(string root) => File.Delete(Path.Combine(root, FileName));

    /// <summary>Whether an update of <paramref name="root"/> was interrupted (its journal is there).</summary>
    public static bool IsInterrupted(string root) => File.Exists(Path.Combine(root, FileName));

    /// <summary>
    /// Undoes (or, when it got as far as <c>committed</c>, finishes) the update an earlier run did not finish; nothing when
    /// there is no journal. Returns the GITOPS215 warning that says what was found and done.
    /// </summary>
    /// <exception cref="OutputException">The journal cannot be read or a file cannot be restored (GITOPS206); the journal
    /// is kept, so the next run tries again.</exception>
    public static IReadOnlyList<Diagnostic> Recover(string root)
    {
        var journal = Path.Combine(root, FileName);
        if (!File.Exists(journal))
        {
            return [];
        }

        string? current = null;
        try
        {
            var lines = File.ReadAllLines(journal);
            if (lines.Length == 0 || lines[0] != Header)
            {
                throw new OutputException(OutputWriter.Error(DiagnosticCodes.OutputIoFailed, FileName, journal,
                    $"the file is not a journal this version of the generator reads (its first line is not '{Header}'); " +
                    "restore the output folder from git (git checkout -- <folder>; git clean -n <folder> lists what to remove) and delete this file"));
            }

            var committed = lines[^1] == Committed;
            var changes = lines.Skip(1).Where(line => line != Committed).Select(Parse).ToArray();
            foreach (var (change, relativePath) in changes)
            {
                current = relativePath;
                var target = OutputPath.ToFullPath(root, relativePath);
                var backup = OutputTransaction.Backup(target);
                if (committed)
                {
                    DeleteIfThere(backup);
                }
                else if (change == Change.Create)
                {
                    DeleteIfThere(target);
                }
                else
                {
                    DeleteIfThere(OutputTransaction.Staged(target));
                    if (File.Exists(backup))
                    {
                        File.Move(backup, target, overwrite: true);
                    }
                }
            }

            current = null;
            foreach (var (change, relativePath) in changes)
            {
                if (committed ? change == Change.Delete : change == Change.Create)
                {
                    OutputTransaction.RemoveEmptiedFolders(root, relativePath);
                }
            }

            End(root);
            var what = committed
                ? "it had put every file in place: its backups were removed"
                : $"it was undone: the {changes.Length} file(s) it created, replaced or deleted are as they were before it";
            return [new Diagnostic(DiagnosticCodes.OutputUpdateInterrupted, DiagnosticSeverity.Warning, "output",
                $"an earlier update of this folder was interrupted (the generator stopped while writing, so {FileName} was left); {what}. " +
                "This run then updated the folder as usual.", root)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var file = current is null ? journal : OutputPath.ToFullPath(root, current);
            throw new OutputException(OutputWriter.Error(DiagnosticCodes.OutputIoFailed, current ?? FileName, file,
                $"undoing an earlier, interrupted update of the output folder failed: {e.Message.TrimEnd().TrimEnd('.')}; " +
                $"nothing else was changed and {FileName} is kept, so the next run tries again. If it fails again, restore the folder from git " +
                "(git checkout -- <folder>), remove the hidden .*.gitops-new and .*.gitops-old files, and delete " + FileName));
        }
    }

    private static (Change Change, string RelativePath) Parse(string line)
    {
        var space = line.IndexOf(' ');
        var change = space < 0 ? null : line[..space] switch
        {
            "create" => (Change?)Change.Create,
            "replace" => Change.Replace,
            "delete" => Change.Delete,
            _ => null,
        };
        var relativePath = space < 0 ? "" : line[(space + 1)..];
        if (change is null || OutputPath.Problem(relativePath) is not null)
        {
            throw new IOException($"the journal's line '{line}' is not a change of a file in the folder");
        }

        return (change.Value, relativePath);
    }

    private static void DeleteIfThere(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
