namespace GitOps.Output;

/// <summary>What one generation changes in an output folder, computed without touching it.</summary>
internal sealed class OutputPlan
{
    internal OutputPlan(
        string root,
        IReadOnlyList<PlannedWrite> writes,
        IReadOnlyList<string> deletes,
        int unchanged,
        IReadOnlyList<string> owned)
    {
        Root = root;
        Writes = writes;
        Deletes = deletes;
        Unchanged = unchanged;
        Owned = owned;
    }

    /// <summary>The full path of the output folder.</summary>
    public string Root { get; }

    /// <summary>Files to create or replace (generated files first, the owned-file list last), ordinal order.</summary>
    public IReadOnlyList<PlannedWrite> Writes { get; }

    /// <summary>Relative paths of files written before and no longer produced, ordinal order.</summary>
    public IReadOnlyList<string> Deletes { get; }

    /// <summary>How many generated files already have the right bytes.</summary>
    public int Unchanged { get; }

    /// <summary>Relative paths the folder owns after this plan is applied, ordinal order.</summary>
    public IReadOnlyList<string> Owned { get; }

    /// <summary>Generated files (not counting the owned-file list) that are created or replaced.</summary>
    public int GeneratedWrites => Writes.Count(w => w.RelativePath != OwnedFileList.FileName);

    /// <summary>Warnings about the folder found while planning: the user's files in a bundle folder (GITOPS208, GITOPS212),
    /// generated files holding a claim or namespace that this update deletes (GITOPS213).</summary>
    public IReadOnlyList<Diagnostics.Diagnostic> Warnings { get; init; } = [];

    public bool IsUpToDate => Writes.Count == 0 && Deletes.Count == 0;
}

/// <summary>One file to create (<see cref="Exists"/> false) or replace.</summary>
internal sealed record PlannedWrite(string RelativePath, byte[] Content, bool Exists)
{
    /// <summary>The lines of the file this write replaces, and of what it writes (LF-separated UTF-8), for the checks that
    /// compare the two (GITOPS213, GITOPS214); only for a write that replaces a file (<see cref="Exists"/>).</summary>
    public (IEnumerable<string> Before, IEnumerable<string> After) Lines(string root) =>
        (File.ReadLines(OutputPath.ToFullPath(root, RelativePath)), System.Text.Encoding.UTF8.GetString(Content).Split('\n'));
}

/// <summary>What <see cref="OutputWriter.Write"/> did.</summary>
internal sealed record OutputResult(
    int Written,
    int Unchanged,
    int Deleted,
    IReadOnlyList<string> Owned,
    IReadOnlyList<Diagnostics.Diagnostic> Warnings);
