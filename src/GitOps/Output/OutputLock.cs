using System.Security.Cryptography;
using System.Text;
using GitOps.Diagnostics;

namespace GitOps.Output;

/// <summary>
/// One update of an output folder at a time, across processes: an IDE's build and a terminal's, or two builds sent to the
/// build server at once, would otherwise interleave their steps, and one would take the other's
/// <see cref="OutputJournal"/> for an interrupted update. The lock is a file opened exclusively (<see cref="FileShare.None"/>:
/// flock on Linux and macOS, a share lock on Windows), released when disposed or when the process ends, however it ends.
/// <para>
/// It lives in the temporary folder, so the output folder (committed to git) gets no file of its own. Its name is a hash
/// of the user's name and the folder's path made canonical: full, without a trailing separator, a link to a folder
/// followed, and upper-cased where file names ignore case (Windows, macOS). So every spelling of one folder takes one
/// lock, and two users never share a lock file (a shared, sticky <c>/tmp</c> would refuse one of them). Runs that still
/// take different locks for one folder (two temporary folders, a link in a parent folder) are caught by the journal,
/// which names its writer: a live update is never taken for an interrupted one. Lock files are never deleted (deleting a
/// lock file another run is waiting on would give two runs the lock); each is empty.
/// </para>
/// </summary>
internal sealed class OutputLock : IDisposable
{
    /// <summary>How long a run waits for another run's update of the same folder (a large lab's takes about a second).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly FileStream? stream;

    private OutputLock(FileStream? stream) => this.stream = stream;

    /// <summary>Takes the lock of the output folder <paramref name="root"/>, waiting while another run holds it. For a run
    /// that only reads (<paramref name="write"/> false: <c>--check</c>) a lock file it may not open is no error: it then
    /// reads without the lock.</summary>
    /// <exception cref="OutputException">Another run held it for <see cref="Patience"/>, or the lock file cannot be opened
    /// (GITOPS206).</exception>
    public static OutputLock Acquire(string root, bool write = true)
    {
        var path = Path.Combine(Path.GetTempPath(), "gitops-output-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key(root))))[..16] + ".lock");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new OutputLock(Open(path));
            }
            catch (IOException) when (waited.Elapsed < Patience)
            {
                Thread.Sleep(50); // another run is updating the folder (or two runs are creating the lock file at once)
            }
            catch (UnauthorizedAccessException) when (!write)
            {
                return new OutputLock(null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OutputException(OutputWriter.Error(DiagnosticCodes.OutputIoFailed, ".", root,
                    e is IOException
                        ? $"the lock that keeps two runs from updating this output folder at once ({path}) could not be taken for {Patience.TotalMinutes:0} minutes: {e.Message.TrimEnd().TrimEnd('.')}; if another build of this lab is running, wait for it or stop it, then build again"
                        : $"the lock that keeps two runs from updating this output folder at once cannot be opened: {e.Message.TrimEnd().TrimEnd('.')} ({path}); check that the temporary folder is writable"));
            }
        }
    }

    /// <summary>Opens the lock file exclusively: an existing one for reading only (enough for the lock, and allowed where a
    /// file of another user could not be opened for writing), a missing one created.</summary>
    private static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
        }
        catch (FileNotFoundException)
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
    }

    /// <summary>What names the folder's lock: the user and the folder's canonical path.</summary>
    private static string Key(string root)
    {
        var path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (Directory.Exists(path) && new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true) is { } target)
        {
            path = Path.TrimEndingDirectorySeparator(target.FullName);
        }

        if (OperatingSystem.IsWindows() || OperatingSystem.IsMacOS())
        {
            path = path.ToUpperInvariant();
        }

        return Environment.UserName + "\n" + path;
    }

    public void Dispose() => stream?.Dispose();
}
