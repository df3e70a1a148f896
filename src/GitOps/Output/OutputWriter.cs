using System.Buffers;
using GitOps.Diagnostics;

namespace GitOps.Output;

/// <summary>
/// Puts rendered files into an output folder that may also hold the user's own files:
/// writes only files whose bytes changed, deletes only files it wrote before (listed in
/// <see cref="OwnedFileList"/>) and no longer produces, never touches anything else, and is atomic:
/// every changed file is staged next to its target first, then renamed into place; an error before
/// that leaves the folder as it was, and an error during the renames is rolled back from backups. An update the process
/// did not finish (killed while writing) is undone by the next <see cref="Recover"/> (<see cref="OutputJournal"/>), and
/// one run at a time updates a folder (<see cref="OutputLock"/>).
/// </summary>
internal static class OutputWriter
{
    /// <summary>Takes the folder's lock, undoes an interrupted earlier update, then plans and applies the change; see
    /// <see cref="OutputWriter"/>.</summary>
    /// <exception cref="OutputException">A path is invalid or blocked, a file is not ours, or I/O failed; the folder is unchanged.</exception>
    public static OutputResult Write(string outputDirectory, IReadOnlyList<RenderedFile> files)
    {
        var root = Path.GetFullPath(outputDirectory);
        using var folderLock = Lock(root, write: true, out var recovered);
        var result = Apply(Plan(root, files));
        return recovered.Count == 0 ? result : result with { Warnings = [.. recovered, .. result.Warnings] };
    }

    /// <summary>Takes the lock of the output folder <paramref name="root"/> (a full path) for a run that plans and, when
    /// <paramref name="write"/>, applies; a run that writes then undoes an interrupted earlier update first
    /// (<paramref name="recovered"/>: GITOPS215, and GITOPS207 for what it could not clean up). A run that only reads
    /// (<c>--check</c>) leaves an interrupted update to <see cref="Plan"/>, which reports it (GITOPS216).</summary>
    /// <exception cref="OutputException">The lock cannot be taken, or a file could not be restored (GITOPS206).</exception>
    public static OutputLock Lock(string root, bool write, out IReadOnlyList<Diagnostic> recovered)
    {
        var folderLock = OutputLock.Acquire(root, write);
        try
        {
            recovered = write ? Recover(root) : [];
            return folderLock;
        }
        catch
        {
            folderLock.Dispose();
            throw;
        }
    }

    /// <summary>Undoes (or finishes) an update an earlier run did not finish, if there is one (<see cref="OutputJournal"/>);
    /// returns the GITOPS215 warning that says so. Call it holding the folder's <see cref="OutputLock"/>.</summary>
    /// <exception cref="OutputException">A file could not be restored (GITOPS206).</exception>
    public static IReadOnlyList<Diagnostic> Recover(string root) => OutputJournal.Recover(root);

    /// <summary>Compares <paramref name="files"/> with the folder and returns what would change. Reads only.</summary>
    public static OutputPlan Plan(string outputDirectory, IReadOnlyList<RenderedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var root = Path.GetFullPath(outputDirectory);
        CheckPaths(files);
        try
        {
            if (File.Exists(root))
            {
                throw new OutputException(Error(DiagnosticCodes.OutputPathBlocked, ".", root,
                    "the output folder is a file; point GitOpsOutputDirectory (or --output) at a folder"));
            }

            if (OutputJournal.IsInterrupted(root))
            {
                throw new OutputException(Error(DiagnosticCodes.OutputUpdateUnfinished, OutputJournal.FileName, Path.Combine(root, OutputJournal.FileName),
                    "an earlier update of this folder was interrupted (the generator stopped while writing), so some files may be missing, " +
                    "old or new; run the generator without --check (dotnet build), which undoes that update before it writes"));
            }

            var ownedBefore = OwnedFileList.Read(root);
            var writes = new List<PlannedWrite>();
            var problems = new List<Diagnostic>();
            var unchanged = 0;
            var folders = new Dictionary<string, FolderState>(StringComparer.Ordinal);
            foreach (var file in files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
            {
                var folder = Folder(root, file.RelativePath, folders);
                if (folder.Blocker is { } blocked)
                {
                    problems.Add(Error(DiagnosticCodes.OutputPathBlocked, file.RelativePath, blocked.Path, blocked.Message));
                    continue;
                }

                // One stat per file, none in a folder that does not exist (a fresh output folder costs one stat per folder).
                if (folder.Missing)
                {
                    writes.Add(new PlannedWrite(file.RelativePath, file.Content, Exists: false));
                    continue;
                }

                var target = OutputPath.ToFullPath(root, file.RelativePath);
                var existing = new FileInfo(target).Attributes; // (FileAttributes)(-1) when nothing is there
                var missing = existing == (FileAttributes)(-1);

                if (!missing && existing.HasFlag(FileAttributes.Directory))
                {
                    problems.Add(Error(DiagnosticCodes.OutputPathBlocked, file.RelativePath, target,
                        "a folder stands where the generated file must go; move or delete it"));
                    continue;
                }

                if (missing)
                {
                    writes.Add(new PlannedWrite(file.RelativePath, file.Content, Exists: false));
                }
                else if (HasBytes(target, file.Content))
                {
                    unchanged++; // Identical bytes: never rewritten. An identical file nobody listed is adopted.
                }
                else if (ownedBefore.Contains(file.RelativePath))
                {
                    writes.Add(new PlannedWrite(file.RelativePath, file.Content, Exists: true));
                }
                else
                {
                    problems.Add(Error(DiagnosticCodes.OutputFileNotOwned, file.RelativePath, target,
                        $"the file exists with other content and is not listed in {OwnedFileList.FileName}, so the generator " +
                        (file.RelativePath.Contains('/', StringComparison.Ordinal)
                            ? "will not overwrite it; move or delete it, or rename the generated file in the model"
                            : $"will not overwrite it; rename or move it: every output folder has a generated {file.RelativePath} at its top, a name the model does not choose")));
                }
            }

            if (problems.Count > 0)
            {
                throw new OutputException(problems);
            }

            var produced = files.Select(f => f.RelativePath).Order(StringComparer.Ordinal).ToArray();
            var producedSet = produced.ToHashSet(StringComparer.Ordinal);
            var deletes = ownedBefore
                .Where(path => !producedSet.Contains(path) && File.Exists(OutputPath.ToFullPath(root, path)))
                .Order(StringComparer.Ordinal)
                .ToArray();

            var listPath = Path.Combine(root, OwnedFileList.FileName);
            var list = OwnedFileList.Format(produced);
            var listExists = File.Exists(listPath);
            if (!listExists || !HasBytes(listPath, list))
            {
                writes.Add(new PlannedWrite(OwnedFileList.FileName, list, listExists));
            }

            return new OutputPlan(root, writes, deletes, unchanged, produced)
            {
                Warnings = [.. UnlistedFiles.Find(root, files, produced, ownedBefore), .. StoredDataDeletes.Find(root, deletes, writes), .. FleetReleaseMoves.Find(root, writes), .. HandAppliedChanges.Find(root, writes)],
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(Error(DiagnosticCodes.OutputIoFailed, ".", root,
                $"reading the output folder failed: {e.Message}; nothing was changed"));
        }
    }

    /// <summary>Applies <paramref name="plan"/> atomically.</summary>
    public static OutputResult Apply(OutputPlan plan) => Apply(plan, beforeStep: null);

    /// <param name="plan">What to change.</param>
    /// <param name="beforeStep">Test seam: called before every file-system step with a description such as "place a.yaml"; throwing from it simulates an I/O failure at that step.</param>
    internal static OutputResult Apply(OutputPlan plan, Action<string>? beforeStep)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IsUpToDate)
        {
            return new OutputResult(0, plan.Unchanged, 0, plan.Owned, plan.Warnings); // nothing to write: the folder is not touched
        }

        var transaction = new OutputTransaction(plan.Root, beforeStep);
        try
        {
            transaction.Begin(plan.Writes, plan.Deletes);
            foreach (var write in plan.Writes)
            {
                transaction.Stage(write);
            }

            transaction.Commit(plan.Writes, plan.Deletes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var leftovers = transaction.Rollback();
            var undo = leftovers.Count == 0
                ? "every change was undone, the folder is as it was"
                : "undoing the change also failed, restore these by hand: " + string.Join("; ", leftovers);
            var hint = e is UnauthorizedAccessException
                ? "; check that you may write this file and its folder (ls -l; an immutable file shows 'i' in lsattr, chattr -i clears it), then build again"
                : "";
            var (path, file, what) = transaction.CurrentStep is { } step
                ? (step.RelativePath, OutputPath.ToFullPath(plan.Root, step.RelativePath), Purpose(step.Action))
                : (".", plan.Root, "updating the output folder");
            throw new OutputException(Error(DiagnosticCodes.OutputIoFailed, path, file, $"{what} failed: {e.Message.TrimEnd().TrimEnd('.')}; {undo}{hint}"));
        }

        var warnings = transaction.CleanUp(plan.Deletes);
        return new OutputResult(plan.GeneratedWrites, plan.Unchanged, plan.Deletes.Count, plan.Owned, [.. plan.Warnings, .. warnings]);
    }

    /// <summary>What a step of <see cref="OutputTransaction"/> does to the file or folder it names, for GITOPS206.</summary>
    private static string Purpose(string action) => action switch
    {
        "create" => "creating this new file",
        "stage" => "writing this file's new content beside it",
        "back up" => "moving this file aside to replace or delete it",
        "place" => "moving this file's new content into place",
        "begin" or "commit" => "recording the update in this journal",
        _ => "creating this folder",
    };

    private static void CheckPaths(IReadOnlyList<RenderedFile> files)
    {
        var problems = new List<Diagnostic>();
        foreach (var file in files)
        {
            var problem = OutputPath.Problem(file.RelativePath) ??
                (file.RelativePath.Equals(OwnedFileList.FileName, StringComparison.OrdinalIgnoreCase)
                    ? $"'{OwnedFileList.FileName}' is the generator's own list of files; choose another name"
                    : null);
            if (problem is not null)
            {
                problems.Add(Error(DiagnosticCodes.OutputPathInvalid, file.RelativePath, null, problem));
            }
        }

        var folded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var collisions = files.Any(file => !folded.Add(file.RelativePath)); // grouped below only when there is one
        foreach (var group in collisions ? files.GroupBy(f => f.RelativePath, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1) : [])
        {
            var names = group.Select(f => f.RelativePath).Order(StringComparer.Ordinal).ToArray();
            problems.Add(Error(DiagnosticCodes.OutputPathCaseCollision, names[0], null,
                $"the files {string.Join(", ", names.Select(n => $"'{n}'"))} differ only by letter case and would be one file " +
                "on Windows and macOS; give them names that differ in more than case"));
        }

        if (problems.Count > 0)
        {
            throw new OutputException(problems);
        }
    }

    /// <summary>Whether the file at <paramref name="path"/> holds exactly <paramref name="content"/>: its length first, then
    /// its bytes, read 64 KiB at a time into one pooled buffer (regenerating a large lab compares every file, and a copy of
    /// each would be garbage the size of the output).</summary>
    private static bool HasBytes(string path, byte[] content)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (RandomAccess.GetLength(handle) != content.Length)
        {
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(content.Length, CompareChunkBytes));
        try
        {
            var offset = 0;
            while (offset < content.Length)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, Math.Min(buffer.Length, content.Length - offset)), offset);
                if (read == 0 || !buffer.AsSpan(0, read).SequenceEqual(content.AsSpan(offset, read)))
                {
                    return false; // shorter than its length said (changed while read), or other bytes
                }

                offset += read;
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private const int CompareChunkBytes = 64 * 1024;

    /// <summary>What the plan knows of one folder of the output: a file stands where it or one of its parents must go
    /// (<see cref="Blocker"/>: that file and the message), or it does not exist (<see cref="Missing"/>: then neither do the
    /// files in it).</summary>
    private readonly record struct FolderState(bool Missing, (string Path, string Message)? Blocker);

    /// <summary>
    /// The state of the folder <paramref name="relativePath"/> is in; a file at the output's top has none (the root's own
    /// absence is found by the file's stat). Each folder is checked once per plan (<paramref name="folders"/>: relative
    /// folder → its state, looked up without a string per file), so N files in one folder cost one check.
    /// </summary>
    private static FolderState Folder(string root, string relativePath, Dictionary<string, FolderState> folders)
    {
        var end = relativePath.LastIndexOf('/');
        if (end < 0)
        {
            return default;
        }

        if (folders.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(relativePath.AsSpan(0, end), out var known))
        {
            return known;
        }

        var folder = relativePath[..end];
        var parent = Folder(root, folder, folders);
        var path = OutputPath.ToFullPath(root, folder);
        var state = parent.Blocker is not null || parent.Missing ? parent
            : File.Exists(path) ? new FolderState(false, (path, $"'{folder}' is a file but the output needs a folder there; move or delete it"))
            : new FolderState(!Directory.Exists(path), null);
        folders[folder] = state;
        return state;
    }

    internal static Diagnostic Error(string code, string path, string? file, string message) =>
        new(code, DiagnosticSeverity.Error, path == "." ? "output" : "output/" + path, message, file);
}
