using System.Security.Cryptography;
using System.Text;
using GitOps.Diagnostics;

namespace GitOps.Output;

/// <summary>
/// One update of an output folder at a time, across processes: an IDE's build and a terminal's, or two builds sent to the
/// build server at once, would otherwise interleave their steps, and one would take the other's
/// <see cref="OutputJournal"/> for an interrupted update. The lock is a file opened exclusively (<see cref="FileShare.None"/>:
/// flock on Linux and macOS, a share lock on Windows), released when disposed or when the process ends, however it ends.
/// It lives in the temporary folder, named after the output folder's full path, so the output folder gets no lock file
/// of its own.
/// </summary>
internal sealed class OutputLock : IDisposable
{
    /// <summary>How long a run waits for another run's update of the same folder (a large lab's takes about a second).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly FileStream stream;

    private OutputLock(FileStream stream) => this.stream = stream;

    /// <summary>Takes the lock of the output folder <paramref name="root"/> (a full path), waiting while another run holds it.</summary>
    /// <exception cref="OutputException">Another run held it for <see cref="Patience"/>, or the lock file cannot be opened
    /// (GITOPS206).</exception>
    public static OutputLock Acquire(string root)
    {
        var name = "gitops-output-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..16] + ".lock";
        var path = Path.Combine(Path.GetTempPath(), name);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // Read access is enough for the lock (flock needs no write access), so a lock file another user made in a
                // shared temporary folder can still be taken.
                return new OutputLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.None));
            }
            catch (IOException) when (File.Exists(path) && waited.Elapsed < Patience)
            {
                Thread.Sleep(50); // another run is updating the folder
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OutputException(OutputWriter.Error(DiagnosticCodes.OutputIoFailed, ".", root,
                    waited.Elapsed >= Patience
                        ? $"another run has been updating this output folder for {Patience.TotalMinutes:0} minutes (it holds {path}); wait for it or stop it, then build again"
                        : $"the lock that keeps two runs from updating this output folder at once cannot be opened: {e.Message.TrimEnd().TrimEnd('.')} ({path}); check that the temporary folder is writable"));
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
