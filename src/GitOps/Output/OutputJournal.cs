using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using GitOps.Diagnostics;

namespace GitOps.Output;

/// <summary>
/// The record of an update under way, so an update the process did not finish (killed, the machine shut down, the build
/// server stopped by SIGTERM while it wrote) is undone or finished by the next run instead of leaving the folder
/// half-written. <see cref="OutputTransaction"/> writes it into the output folder (<see cref="FileName"/>) before its first
/// step: the process that writes (its id and start time), then one line per file it creates (with the SHA-256 of what it
/// writes there), replaces or deletes. Once every file is in place it appends <c>committed</c>, and it deletes the
/// journal when it has removed its backups. The journal appears whole or not at all (written beside it, then renamed).
/// <para>
/// <see cref="Recover"/>, at the start of the next update: a journal without <c>committed</c> is undone: each backup moved
/// back over its file, each staged file removed, each created file removed if it holds exactly what the update wrote
/// (a file there with other bytes is someone else's, or half-written: it is left and named), with the folders that
/// leaves empty; the folder is then as it was before the interrupted update. One with <c>committed</c> is finished: its
/// backups are removed (what cannot be removed is a warning). A journal whose writer is still running is another run's
/// live update (one that missed this run's <see cref="OutputLock"/>): it is left alone, and this run stops.
/// </para>
/// </summary>
internal static class OutputJournal
{
    /// <summary>The journal's name in the output folder.</summary>
    public const string FileName = ".gitops-update";

    /// <summary>Where the journal is written before it is renamed into place.</summary>
    public const string TemporaryName = FileName + ".new";

    private const string Header = "gitops-update 2";
    private const string Committed = "committed";

    /// <summary>What an update does to a file, as the journal records it.</summary>
    public enum Change
    {
        Create,
        Replace,
        Delete,
    }

    /// <summary>Writes the journal of an update (whole: written beside it, then renamed); a created file's line carries
    /// the SHA-256 of <paramref name="changes"/>' content for it.</summary>
    public static void Begin(string root, IEnumerable<(Change Change, string RelativePath, byte[]? Content)> changes)
    {
        var temporary = Path.Combine(root, TemporaryName);
        using (var writer = new StreamWriter(temporary, append: false) { NewLine = "\n" })
        {
            writer.WriteLine(Header);
            using (var self = Process.GetCurrentProcess())
            {
                writer.WriteLine(FormattableString.Invariant($"writer {Environment.ProcessId} {self.StartTime.ToUniversalTime().Ticks}"));
            }

            foreach (var (change, relativePath, content) in changes)
            {
                writer.Write(change switch
                {
                    Change.Create => "create " + Convert.ToHexStringLower(SHA256.HashData(content ?? [])) + " ",
                    Change.Replace => "replace ",
                    _ => "delete ",
                });
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
    /// there is no journal (a journal left half-written beside it, <see cref="TemporaryName"/>, is removed). Returns the
    /// GITOPS215 warning that says what was found and done, and GITOPS207 for backups of a finished update that could
    /// not be removed.
    /// </summary>
    /// <exception cref="OutputException">The journal cannot be read, its writer is still running, or a file cannot be
    /// restored (GITOPS206); the journal is kept, so the next run tries again.</exception>
    public static IReadOnlyList<Diagnostic> Recover(string root)
    {
        var journal = Path.Combine(root, FileName);
        var temporary = Path.Combine(root, TemporaryName);
        string? current = null;
        try
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary); // killed while writing the journal: no step had been taken yet
            }

            if (!File.Exists(journal))
            {
                return [];
            }

            var lines = File.ReadAllLines(journal);
            if (lines.Length < 2 || lines[0] != Header || !TryParseWriter(lines[1], out var writer))
            {
                throw new OutputException(OutputWriter.Error(DiagnosticCodes.OutputIoFailed, FileName, journal,
                    $"the file is not a journal this version of the generator reads (its first line is not '{Header}', or it was cut short); " +
                    "restore the output folder from git (git checkout -- <folder>; git clean -n <folder> lists what to remove) and delete this file"));
            }

            if (IsRunning(writer))
            {
                throw new OutputException(OutputWriter.Error(DiagnosticCodes.OutputIoFailed, FileName, journal,
                    $"another run (process {writer.Pid}) is updating this output folder right now; wait for it to finish, then build again"));
            }

            var committed = lines[^1] == Committed;
            var changes = lines.Skip(2).Where(line => line != Committed).Select(Parse).ToArray();
            return committed ? Finish(root, changes) : Undo(root, changes, ref current);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var file = current is null ? journal : OutputPath.ToFullPath(root, current);
            throw new OutputException(OutputWriter.Error(DiagnosticCodes.OutputIoFailed, current ?? FileName, file,
                $"undoing an earlier, interrupted update of the output folder failed: {e.Message.TrimEnd().TrimEnd('.')}; " +
                $"{FileName} is kept, so the next run tries again. If it fails again, restore the folder from git " +
                "(git checkout -- <folder>), remove the hidden .*.gitops-new and .*.gitops-old files, and delete " + FileName));
        }
    }

    /// <summary>Undoes an update that did not get every file in place.</summary>
    private static IReadOnlyList<Diagnostic> Undo(string root, (Change Change, string RelativePath, string? Sha256)[] changes, ref string? current)
    {
        var left = new List<string>();
        foreach (var (change, relativePath, sha256) in changes)
        {
            current = relativePath;
            var target = OutputPath.ToFullPath(root, relativePath);
            if (change == Change.Create)
            {
                if (File.Exists(target))
                {
                    if (Sha256Of(target) == sha256)
                    {
                        File.Delete(target);
                    }
                    else
                    {
                        left.Add(relativePath); // not what the update wrote: someone else's, or cut short by the kill
                    }
                }

                continue;
            }

            var staged = OutputTransaction.Staged(target);
            if (File.Exists(staged))
            {
                File.Delete(staged);
            }

            var backup = OutputTransaction.Backup(target);
            if (File.Exists(backup))
            {
                File.Move(backup, target, overwrite: true);
            }
        }

        current = null;
        foreach (var (change, relativePath, _) in changes.Where(c => c.Change == Change.Create))
        {
            OutputTransaction.RemoveEmptiedFolders(root, relativePath);
        }

        End(root);
        var leftNote = left.Count == 0 ? "" :
            $" These files, at paths it was creating, do not hold what it wrote (yours, or cut short when it stopped) and were left: " +
            $"{string.Join(", ", left)}; delete the ones that are not yours before building again.";
        return [Interrupted(root, $"it was undone: the {changes.Length} file(s) it created, replaced or deleted are as they were before it.{leftNote}")];
    }

    /// <summary>Finishes an update that had every file in place: its backups are removed, and the folders its deletions
    /// emptied; what cannot be removed is a GITOPS207 warning, and the journal goes either way.</summary>
    private static IReadOnlyList<Diagnostic> Finish(string root, (Change Change, string RelativePath, string? Sha256)[] changes)
    {
        var warnings = new List<Diagnostic>();
        foreach (var (change, relativePath, _) in changes.Where(c => c.Change != Change.Create))
        {
            var backup = OutputTransaction.Backup(OutputPath.ToFullPath(root, relativePath));
            try
            {
                if (File.Exists(backup))
                {
                    File.Delete(backup);
                }

                if (change == Change.Delete)
                {
                    OutputTransaction.RemoveEmptiedFolders(root, relativePath);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                warnings.Add(new Diagnostic(DiagnosticCodes.OutputCleanupFailed, DiagnosticSeverity.Warning, "output/" + relativePath,
                    $"the files of an earlier update are in place but cleaning up after it failed: {e.Message.TrimEnd().TrimEnd('.')}; delete {backup} by hand if it is there", backup));
            }
        }

        End(root);
        return [Interrupted(root, "it had put every file in place, and its backups were removed."), .. warnings];
    }

    private static Diagnostic Interrupted(string root, string what) =>
        new(DiagnosticCodes.OutputUpdateInterrupted, DiagnosticSeverity.Warning, "output",
            $"an earlier update of this folder was interrupted (the generator stopped while writing, so {FileName} was left); {what} " +
            "This run then updated the folder as usual.", root);

    private readonly record struct Writer(int Pid, long StartTicks);

    private static bool TryParseWriter(string line, out Writer writer)
    {
        var parts = line.Split(' ');
        writer = default;
        if (parts is ["writer", var pid, var ticks] &&
            int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var p) &&
            long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
        {
            writer = new Writer(p, t);
            return true;
        }

        return false;
    }

    /// <summary>Whether the journal's writer is a process still running (same id and start time), other than this one.</summary>
    private static bool IsRunning(Writer writer)
    {
        if (writer.Pid == Environment.ProcessId)
        {
            return false; // this process's own leftover (a build server's earlier run): not running now, this run holds the lock
        }

        try
        {
            using var process = Process.GetProcessById(writer.Pid);
            return process.StartTime.ToUniversalTime().Ticks == writer.StartTicks;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false; // no such process (or it ended while asked)
        }
    }

    private static (Change Change, string RelativePath, string? Sha256) Parse(string line)
    {
        var space = line.IndexOf(' ');
        var kind = space < 0 ? "" : line[..space];
        var rest = space < 0 ? "" : line[(space + 1)..];
        string? sha256 = null;
        if (kind == "create")
        {
            var second = rest.IndexOf(' ');
            sha256 = second == 64 ? rest[..second] : null;
            rest = second == 64 ? rest[(second + 1)..] : "";
        }

        Change? change = kind switch
        {
            "create" when sha256 is not null => Change.Create,
            "replace" => Change.Replace,
            "delete" => Change.Delete,
            _ => null,
        };
        if (change is null || OutputPath.Problem(rest) is not null)
        {
            throw new IOException($"the journal's line '{line}' is not a change of a file in the folder");
        }

        return (change.Value, rest, sha256);
    }

    private static string Sha256Of(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
