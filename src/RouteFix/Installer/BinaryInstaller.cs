using System.Runtime.InteropServices;

namespace RouteFix.Installer;

/// <summary>
/// `route-fix install DIR [--wait]`: copies the running executable to DIR/route-fix atomically (temp file in DIR,
/// fsync, mode 0755, rename over the old one) so a kubelet never executes half a binary. With --wait it then
/// stays running until SIGTERM, so the same image can be a DaemonSet's main container (the chiseled base has no sleep).
/// </summary>
public static class BinaryInstaller
{
    public const string FileName = "route-fix";

    public const UnixFileMode Mode0755 =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public static string Usage => "usage: route-fix install DIR [--wait]   (copy this binary to DIR/route-fix, atomically, mode 0755)";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length is < 2 or > 3 || args[0] != "install" || (args.Length == 3 && args[2] != "--wait"))
        {
            stderr.Write(Usage + "\n");
            return 2;
        }

        var directory = args[1];
        try
        {
            var destination = Install(Environment.ProcessPath ?? throw new InvalidOperationException("the running executable's path is unknown"), directory);
            stdout.Write($"installed {destination}\n");
            stdout.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            stderr.Write($"route-fix install: {e.Message}\n");
            return 1;
        }

        if (args.Length == 3)
        {
            WaitForTermination();
        }

        return 0;
    }

    /// <summary>Returns the installed path.</summary>
    public static string Install(string source, string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new IOException($"directory {directory} does not exist (mount the node's CNI bin directory there)");
        }

        var destination = Path.Combine(directory, FileName);
        var temporary = Path.Combine(directory, $".{FileName}.{Environment.ProcessId}.tmp");
        try
        {
            using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read))
            using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                input.CopyTo(output);
                output.Flush(flushToDisk: true);
            }

            File.SetUnixFileMode(temporary, Mode0755);
            File.Move(temporary, destination, overwrite: true); // rename(2) within one directory: atomic
            return destination;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static void WaitForTermination()
    {
        using var done = new ManualResetEventSlim();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; done.Set(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; done.Set(); });
        done.Wait();
    }
}
