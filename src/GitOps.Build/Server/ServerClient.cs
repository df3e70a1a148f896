using System.Diagnostics;
using System.IO.Pipes;

namespace GitOps.Build.Server;

/// <summary>
/// The task's side of the generator build server: connects to the server for the lab's key, starting one when none
/// listens, sends the run and reads the outcome. Every failure is returned as a reason (the task then runs the lab
/// out of process), never thrown.
/// </summary>
internal sealed class ServerClient
{
    /// <summary>How long a started server may take to listen (a cold `dotnet exec` on a loaded machine).</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The server assembly shipped beside the task (tasks/&lt;tfm&gt;/server/ in the package).</summary>
    public required string ServerAssembly { get; init; }

    /// <summary>The <c>dotnet</c> host that starts the server.</summary>
    public required string DotNetHost { get; init; }

    /// <summary>The lab's runtime config: the server runs with it (the lab's framework and runtime settings).</summary>
    public required string RuntimeConfig { get; init; }

    /// <summary>The lab's dependency assemblies (not the lab assembly).</summary>
    public required IReadOnlyList<string> Dependencies { get; init; }

    /// <summary>How long the server waits for the next run before it exits.</summary>
    public required TimeSpan IdleTimeout { get; init; }

    /// <summary>Runs the request on the server for the key; null and a reason when that could not be done.</summary>
    public ServerProtocol.Response? TryRun(Func<string, ServerProtocol.Request> request, out string reason)
    {
        try
        {
            if (!File.Exists(ServerAssembly))
            {
                reason = $"the server '{ServerAssembly}' is missing";
                return null;
            }

            if (!File.Exists(RuntimeConfig))
            {
                reason = $"the lab has no runtime config ('{RuntimeConfig}')";
                return null;
            }

            var key = ServerKey.Compute(ServerAssembly, RuntimeConfig, Dependencies);
            var pipe = Connect(key, out reason);
            if (pipe is null)
            {
                return null;
            }

            using (pipe)
            {
                ServerProtocol.Write(pipe, request(key));
                var response = ServerProtocol.ReadResponse(pipe);
                reason = response.Reason;
                return response;
            }
        }
        catch (EndOfStreamException)
        {
            reason = "the server exited during the run (the lab code may have called Environment.Exit)";
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            reason = $"{e.GetType().Name}: {e.Message}";
            return null;
        }
    }

    private NamedPipeClientStream? Connect(string key, out string reason)
    {
        var name = ServerKey.PipeName(key);
        if (TryConnect(name) is { } running)
        {
            reason = "";
            return running;
        }

        using var server = Start(key);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            var exited = server.HasExited;
            if (TryConnect(name) is { } started)
            {
                reason = "";
                return started;
            }

            if (exited)
            {
                // Its own exit code: 3 the files changed while it read them, 4 another server of this key runs (the
                // connection above found it unless it was still starting; a later build uses it).
                reason = $"the server exited with code {server.ExitCode} before it listened";
                return null;
            }

            Thread.Sleep(50);
        }

        // Ours and not listening: it would only wait for its idle timeout.
        server.Kill();
        reason = $"the server did not listen within {StartTimeout.TotalSeconds:0} s";
        return null;
    }

    /// <summary>
    /// One attempt. <see cref="PipeOptions.CurrentUserOnly"/>: on Unix .NET checks after connecting that the server's
    /// effective user id is this process's (NamedPipeClientStream.Unix.cs, ValidateRemotePipeUser); on Windows that the
    /// pipe is owned by the current user. A server of another user is never talked to.
    /// </summary>
    private static NamedPipeClientStream? TryConnect(string name)
    {
        var client = new NamedPipeClientStream(".", name, PipeDirection.InOut, PipeOptions.CurrentUserOnly);
        try
        {
            client.Connect(20);
            return client;
        }
        catch (TimeoutException)
        {
            client.Dispose();
            return null;
        }
    }

    /// <summary>
    /// Starts the server from a copy of its assembly in a folder of its key (the copy is what the process maps, so
    /// a task assembly rebuilt in place, as in this repository's own sample, never crashes a running server), with the
    /// lab's runtime config. Detached: its stdin, stdout and stderr are pipes closed here at once, so it inherits no
    /// standard stream of the build (MSBuild, CI and a test reading the build's output would otherwise wait for it to exit).
    /// </summary>
    private Process Start(string key)
    {
        var folder = ShadowFolder(key);
        var assembly = Path.Combine(folder, Path.GetFileName(ServerAssembly));
        if (!File.Exists(assembly))
        {
            var staged = assembly + "." + Environment.ProcessId + ".tmp";
            File.Copy(ServerAssembly, staged, overwrite: true);
            File.Move(staged, assembly, overwrite: true);
        }

        var start = new ProcessStartInfo(DotNetHost)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[] { "exec", "--runtimeconfig", RuntimeConfig, assembly, "--key", key, "--server", ServerAssembly,
                     "--runtimeconfig", RuntimeConfig, "--idle-timeout", ((int)IdleTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var dependency in Dependencies)
        {
            start.ArgumentList.Add("--dependency");
            start.ArgumentList.Add(dependency);
        }

        var process = Process.Start(start) ?? throw new IOException("the server process did not start");
        process.StandardInput.Close();
        process.StandardOutput.Close();
        process.StandardError.Close();
        return process;
    }

    /// <summary>
    /// <c>&lt;local application data&gt;/LabNetwork.GitOps/build-server/&lt;key&gt;</c>: in the user's own profile (not the
    /// shared temp folder, where another user could plant an assembly), readable only by the user on Unix.
    /// </summary>
    private static string ShadowFolder(string key)
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (string.IsNullOrEmpty(root))
        {
            throw new IOException("the user has no local application data folder");
        }

        var folder = Path.Combine(root, "LabNetwork.GitOps", "build-server", key);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return folder;
    }
}
