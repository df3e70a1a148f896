using GitOps.Diagnostics;

namespace GitOps.Output;

/// <summary>
/// The file-system steps of one <see cref="OutputWriter"/> update, each recorded so it can be undone.
/// Stage: a file that replaces one is written to a temporary file beside its target; a file that does not exist yet
/// is created in place, exclusively (<see cref="FileMode.CreateNew"/>: a file that appeared since the plan is never
/// overwritten), which saves one rename per file in a fresh folder (creating folders as needed).
/// Commit: rename each file to be replaced or deleted to a backup beside it, then rename each staged
/// file into place. Renames within one folder are atomic. Rollback undoes the recorded steps in
/// reverse (created files are deleted); CleanUp removes backups and folders emptied by deletions once everything is
/// in place. Before the first step the update's <see cref="OutputJournal"/> is written into the folder, so an update the
/// process does not finish is undone (or finished) by the next run; Rollback and CleanUp delete it.
/// <para>
/// No file is flushed to disk (no fsync): atomicity is what readers need, and renames give it (a reader sees the old
/// file or the new one, never a partial one), while durability across a power loss is not worth one fsync per file
/// (on a busy disk most of the time of a large write): the folder is derived output, rebuilt from the lab's source in
/// git by the next build, and what is committed is made durable by git. Each staged file costs one open, one write
/// and one close (a new file no rename); each folder is checked once per update.
/// </para>
/// </summary>
internal sealed class OutputTransaction(string root, Action<string>? beforeStep)
{
    private const string StagedSuffix = ".gitops-new";
    private const string BackupSuffix = ".gitops-old";

    private readonly List<string> createdDirectories = [];
    private readonly HashSet<string> existingDirectories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> staged = new(StringComparer.Ordinal);
    private readonly List<(string Target, string Backup)> backedUp = [];
    private readonly List<string> placed = [];
    private readonly List<string> created = [];
    private bool journaled;

    /// <summary>Writes the update's journal (creating the output folder when it does not exist yet). A backup or staged
    /// file an earlier update left beside a file this one replaces or deletes (a clean-up that failed, GITOPS207) is
    /// removed first, so that only this update's backups can be moved back if it is undone.</summary>
    public void Begin(IReadOnlyList<PlannedWrite> writes, IReadOnlyList<string> deletes)
    {
        CreateDirectories(root);
        Step("begin", OutputJournal.FileName);
        foreach (var relativePath in Replaced(writes, deletes))
        {
            var target = OutputPath.ToFullPath(root, relativePath);
            File.Delete(Backup(target)); // nothing happens when there is none
            File.Delete(Staged(target));
        }

        OutputJournal.Begin(root, writes.Select(w => w.Exists
                ? (OutputJournal.Change.Replace, w.RelativePath, (byte[]?)null)
                : (OutputJournal.Change.Create, w.RelativePath, w.Content))
            .Concat(deletes.Select(d => (OutputJournal.Change.Delete, d, (byte[]?)null))));
        journaled = true;
    }

    public void Stage(PlannedWrite write)
    {
        var relativePath = write.RelativePath;
        var target = OutputPath.ToFullPath(root, relativePath);
        CreateDirectories(Path.GetDirectoryName(target.AsSpan()));
        if (!write.Exists)
        {
            Step("create", relativePath);
            using var file = File.OpenHandle(target, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            created.Add(target); // only once it is ours: a file someone else made there is never removed
            RandomAccess.Write(file, write.Content, fileOffset: 0);
            return;
        }

        var temporary = Staged(target);
        Step("stage", relativePath);
        staged[relativePath] = temporary;
        using var handle = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
        RandomAccess.Write(handle, write.Content, fileOffset: 0);
    }

    public void Commit(IReadOnlyList<PlannedWrite> writes, IReadOnlyList<string> deletes)
    {
        foreach (var relativePath in Replaced(writes, deletes))
        {
            var target = OutputPath.ToFullPath(root, relativePath);
            var backup = Backup(target);
            Step("back up", relativePath);
            File.Move(target, backup, overwrite: true);
            backedUp.Add((target, backup));
        }

        foreach (var write in writes.Where(w => w.Exists))
        {
            var target = OutputPath.ToFullPath(root, write.RelativePath);
            Step("place", write.RelativePath);
            File.Move(staged[write.RelativePath], target, overwrite: false);
            staged.Remove(write.RelativePath);
            placed.Add(target);
        }

        Step("commit", OutputJournal.FileName);
        OutputJournal.MarkCommitted(root);
    }

    /// <summary>Undoes every recorded step; returns what could not be undone (empty when the folder is as it was).</summary>
    public IReadOnlyList<string> Rollback()
    {
        var leftovers = new List<string>();
        foreach (var target in Enumerable.Reverse(placed))
        {
            Try(() => File.Delete(target), $"remove {target}", leftovers);
        }

        foreach (var (target, backup) in Enumerable.Reverse(backedUp))
        {
            Try(() => File.Move(backup, target, overwrite: true), $"move {backup} back to {target}", leftovers);
        }

        foreach (var temporary in staged.Values)
        {
            Try(() => File.Delete(temporary), $"remove {temporary}", leftovers);
        }

        foreach (var file in Enumerable.Reverse(created))
        {
            Try(() => File.Delete(file), $"remove {file}", leftovers);
        }

        if (journaled && leftovers.Count == 0)
        {
            Try(() => OutputJournal.End(root), $"remove {Path.Combine(root, OutputJournal.FileName)}", leftovers);
        }

        foreach (var directory in Enumerable.Reverse(createdDirectories))
        {
            Try(() => Directory.Delete(directory), $"remove the folder {directory}", leftovers);
        }

        return leftovers;
    }

    /// <summary>After a successful commit: removes backups and the folders that deletions emptied. Failures are warnings.</summary>
    public IReadOnlyList<Diagnostic> CleanUp(IReadOnlyList<string> deletes)
    {
        var failures = new List<string>();
        foreach (var (_, backup) in backedUp)
        {
            Try(() =>
            {
                Step("remove backup", Path.GetRelativePath(root, backup).Replace('\\', '/'));
                File.Delete(backup);
            }, $"remove {backup}", failures);
        }

        foreach (var relativePath in deletes)
        {
            Try(() => RemoveEmptiedFolders(root, relativePath), $"remove the folders emptied by deleting {relativePath}", failures);
        }

        // Every file is in place: the journal goes even when a backup stayed (reported below), or every later --check
        // would take the folder for an interrupted update.
        Try(() => OutputJournal.End(root), $"remove {Path.Combine(root, OutputJournal.FileName)}", failures);

        return failures
            .Select(failure => new Diagnostic(DiagnosticCodes.OutputCleanupFailed, DiagnosticSeverity.Warning, "output",
                $"the new files are in place but cleaning up failed: could not {failure}; delete it by hand", root))
            .ToArray();
    }

    private void CreateDirectories(ReadOnlySpan<char> folder)
    {
        if (existingDirectories.GetAlternateLookup<ReadOnlySpan<char>>().Contains(folder))
        {
            return; // no string per file for a folder seen before
        }

        var directory = folder.ToString();
        if (!Directory.Exists(directory))
        {
            CreateDirectories(Path.GetDirectoryName(directory.AsSpan()));
            Step("create folder", Path.GetRelativePath(root, directory).Replace('\\', '/'));
            Directory.CreateDirectory(directory);
            createdDirectories.Add(directory);
        }

        existingDirectories.Add(directory);
    }

    /// <summary>The step under way when an update failed: what it does (create, stage, back up, place, create folder) and
    /// to which file or folder of the output (relative, '/').</summary>
    public (string Action, string RelativePath)? CurrentStep { get; private set; }

    private void Step(string action, string relativePath)
    {
        CurrentStep = (action, relativePath);
        beforeStep?.Invoke($"{action} {relativePath}");
    }

    /// <summary>The files an update moves aside (to replace or to delete them), in the order it does.</summary>
    private static IEnumerable<string> Replaced(IReadOnlyList<PlannedWrite> writes, IReadOnlyList<string> deletes) =>
        writes.Where(w => w.Exists).Select(w => w.RelativePath).Concat(deletes);

    /// <summary>Where a file's new content is staged before it replaces the file: <c>.name.gitops-new</c> beside it.</summary>
    public static string Staged(string target) => Sibling(target, StagedSuffix);

    /// <summary>Where a replaced or deleted file waits until the update is in place: <c>.name.gitops-old</c> beside it.</summary>
    public static string Backup(string target) => Sibling(target, BackupSuffix);

    /// <summary>Removes the folders of <paramref name="relativePath"/> that are now empty, deepest first, up to (not
    /// including) <paramref name="root"/>.</summary>
    public static void RemoveEmptiedFolders(string root, string relativePath)
    {
        var directory = Path.GetDirectoryName(OutputPath.ToFullPath(root, relativePath))!;
        while (directory.Length > root.Length && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
            directory = Path.GetDirectoryName(directory)!;
        }
    }

    private static string Sibling(string target, string suffix) =>
        Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + suffix);

    private static bool Try(Action action, string description, List<string> failures)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failures.Add($"{description} ({e.Message})");
            return false;
        }
    }
}
