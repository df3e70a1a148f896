using System.IO.Pipes;
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

// Exits on its own: idle (0), a file of its key changed (0), its folder deleted (0), or lab contexts that do not unload (5).
int Stop(int exitCode)
{
    listening.Dispose();
    serverLock.Dispose();
    ServerFolders.Remove(AppContext.BaseDirectory);
    return exitCode;
}

// CurrentUserOnly: on Unix .NET checks that the connecting peer has this process's effective user id
// (NamedPipeServerStream.Unix.cs, HandleAcceptedSocket: GetPeerID against GetEUid); on Windows the pipe's ACL
// admits only the current user.
static NamedPipeServerStream Listen(string pipeName) =>
    new(pipeName, PipeDirection.InOut, 2, PipeTransmissionMode.Byte, PipeOptions.CurrentUserOnly | PipeOptions.Asynchronous);
