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
internal sealed record PlannedWrite(string RelativePath, byte[] Content, bool Exists);

/// <summary>What <see cref="OutputWriter.Write"/> did.</summary>
internal sealed record OutputResult(
    int Written,
    int Unchanged,
    int Deleted,
    IReadOnlyList<string> Owned,
    IReadOnlyList<Diagnostics.Diagnostic> Warnings);
