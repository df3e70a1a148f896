namespace GitOps.Build.Server;

/// <summary>
/// The folders the task copies the server into, one per key (<c>.../LabNetwork.GitOps/build-server/&lt;key&gt;</c>,
/// this process's base directory). A server removes its own when it exits on its own, and at start those of servers
/// that are gone (killed, or ended by a lab calling Environment.Exit): a folder whose lock nobody holds, and a folder with
/// no lock file last written more than <see cref="StartGrace"/> ago (a server that exited before it took its lock left
/// the copy the task made; a try-out found five such folders, each only GitOps.Build.Server.dll).
/// </summary>
internal static class ServerFolders
{
    /// <summary>How long a folder without a lock file is taken for a server being started (a start takes about a second).</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromMinutes(10);

    public static void RemoveStale()
    {
        var own = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        if (Path.GetDirectoryName(own) is not { } root)
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            var lockFile = Path.Combine(folder, "server.lock");
            if (folder == own)
            {
                continue;
            }

            if (!File.Exists(lockFile))
            {
                // A server being started right now, or, written long enough ago, one that never took its lock.
                if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > StartGrace)
                {
                    Remove(folder);
                }

                continue;
            }

            try
            {
                using (new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }
            }
            catch (IOException)
            {
                continue; // Its server runs.
            }

            Remove(folder);
        }
    }

    public static void Remove(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort (on Windows the running assembly cannot be deleted); the next server tries again.
        }
    }
}
