namespace GitOps.Build.Server;

/// <summary>
/// The folders the task copies the server into, one per key (<c>.../LabNetwork.GitOps/build-server/&lt;key&gt;</c>,
/// this process's base directory). A server removes its own when it exits on its own, and at start those of servers
/// that are gone (killed, or ended by a lab calling Environment.Exit): a folder whose lock nobody holds.
/// </summary>
internal static class ServerFolders
{
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
            if (folder == own || !File.Exists(lockFile))
            {
                continue; // Without a lock file: a server being started right now.
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
