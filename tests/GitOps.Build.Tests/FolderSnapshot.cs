namespace GitOps.Build.Tests;

/// <summary>Every folder and file (bytes and last-write time) under a root, for "nothing changed" assertions.</summary>
internal sealed record FolderSnapshot(IReadOnlyList<string> Entries)
{
    public static FolderSnapshot Take(string root)
    {
        if (!Directory.Exists(root))
        {
            return new FolderSnapshot(["<no folder>"]);
        }

        var entries = Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                return Directory.Exists(path)
                    ? $"{relative}/"
                    : $"{relative} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))} {File.GetLastWriteTimeUtc(path):O}";
            })
            .ToArray();
        return new FolderSnapshot(entries);
    }

    public override string ToString() => string.Join('\n', Entries);

    public bool Equals(FolderSnapshot? other) => other is not null && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => Entries.Count;
}
