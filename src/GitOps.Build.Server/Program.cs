using System.IO.Pipes;
using System.Runtime.InteropServices;
using GitOps.Build.Server;

// The generator build server: serves run requests on the pipe named after its key, one at a time, until it has been
// idle for the idle timeout or the files of its key changed. Started detached by the task (GenerateLabManifests),
// with no console: everything a run prints goes back to the client in the response.
var options = ServerOptions.Parse(args);
Console.SetOut(TextWriter.Null);
Console.SetError(TextWriter.Null);

// The files were read after the task computed the key; if they changed in between, this server would serve stale code.
var dependencies = WarmDependencies.Read(options.Dependencies);
if (!options.KeyStillHolds())
{
    return 3;
}

// One server per key: two builds may start one at the same moment. The lock (flock on Unix) is held until exit; the
// loser exits, and its client connects to the winner. Without it the second would take over the socket path, and the
// first would remove that path when it exits.
FileStream serverLock;
try
{
    serverLock = new FileStream(Path.Combine(AppContext.BaseDirectory, "server.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
}
catch (IOException)
{
    return 4;
}

ServerFolders.RemoveStale();
// Its folder (the copy of the server, the lock, the working directory) deleted by hand: the server exits rather than
// serve on, since it could not even read its working directory (getcwd fails) and each build would fall back.
var folder = AppContext.BaseDirectory;
var pipeName = ServerKey.PipeName(options.Key);

var runner = new LabRunner(options.Key, dependencies);
var lastActivity = DateTime.UtcNow;
var listening = Listen(pipeName);

// Whatever ends the process but SIGKILL takes the socket file and the folder with it, instead of leaving them in the
// temp folder for good: a lab's Environment.Exit raises ProcessExit; SIGTERM (from `timeout`, kill or a shutdown),
// SIGHUP and SIGINT do not since .NET 10 (no default handler: learn.microsoft.com, "core-libraries/10.0/
// sigterm-signal-handler"), so they get one that cleans up and lets the signal end the process as before.
var stopped = 0;
var cleanedUp = new ManualResetEventSlim();
AppDomain.CurrentDomain.ProcessExit += (_, _) => CleanUp();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => CleanUp());
using var onHup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => CleanUp());
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => CleanUp());
// A signal's handler runs CleanUp on another thread, and disposing the listening instance fails this loop's wait: the
// process then ends by the signal once the folder is removed, not by that exception halfway through removing it.
try
{
    while (true)
    {
        var accepted = listening.WaitForConnectionAsync();
        while (!accepted.Wait(TimeSpan.FromSeconds(2)))
        {
            if (DateTime.UtcNow - lastActivity > options.IdleTimeout || !options.KeyStillHolds() || !Directory.Exists(folder))
            {
                return Stop(0);
            }
        }

        // The next instance listens before this one is served and closed: on Unix the socket file is removed when the
        // last instance is disposed, and a client that found no socket would start a second server.
        var connected = listening;
        listening = Listen(pipeName);
        var folderDeleted = !Directory.Exists(folder);
        using (connected)
        {
            try
            {
                var request = ServerProtocol.ReadRequest(connected);
                var response = folderDeleted
                    ? new ServerProtocol.Response(false, 0, [], Environment.ProcessId, $"the server's folder {folder} was deleted; the next build starts a new server")
                    : runner.Run(request);
                ServerProtocol.Write(connected, response);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or EndOfStreamException or UnauthorizedAccessException)
            {
                // A client that went away or spoke another protocol: it falls back to running the lab itself.
            }
        }

        if (folderDeleted)
        {
            return Stop(0);
        }

        if (runner.LeaksLabs())
        {
            return Stop(5);
        }

        lastActivity = DateTime.UtcNow;
    }
}
catch (Exception) when (Volatile.Read(ref stopped) == 1)
{
    cleanedUp.Wait();
    return 0;
}

// Exits on its own: idle (0), a file of its key changed (0), its folder deleted (0), or lab contexts that do not unload (5).
int Stop(int exitCode)
{
    CleanUp();
    return exitCode;
}

// Once, from Stop or ProcessExit. The socket file is removed by path too: disposing the listening instance removes it
// only when no other instance (a connection being served) is open. The path is .NET's for a pipe name on Unix
// (dotnet/runtime PipeStream.Unix.cs, GetPipePath: the temp folder, "CoreFxPipe_" + name). The lock is released after
// that, so no other server of this key binds that path before it is deleted.
void CleanUp()
{
    if (Interlocked.Exchange(ref stopped, 1) == 1)
    {
        return;
    }

    listening.Dispose();
    if (!OperatingSystem.IsWindows())
    {
        try
        {
            File.Delete(Path.Combine(Path.GetTempPath(), "CoreFxPipe_" + pipeName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort, as for the folder.
        }
    }

    serverLock.Dispose();
    ServerFolders.Remove(folder);
    cleanedUp.Set();
}

// CurrentUserOnly: on Unix .NET checks that the connecting peer has this process's effective user id
// (NamedPipeServerStream.Unix.cs, HandleAcceptedSocket: GetPeerID against GetEUid); on Windows the pipe's ACL
// admits only the current user.
static NamedPipeServerStream Listen(string pipeName) =>
    new(pipeName, PipeDirection.InOut, 2, PipeTransmissionMode.Byte, PipeOptions.CurrentUserOnly | PipeOptions.Asynchronous);
