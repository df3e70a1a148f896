namespace RouteFix.Installer;

/// <summary>
/// `route-fix install DIR`: copies the running executable to DIR/route-fix atomically (temp file in DIR,
/// fsync, mode 0755, rename over the old one) so a kubelet never executes half a binary. The node agent
/// DaemonSet runs it as an init container with the host's CNI bin directory mounted at DIR.
/// </summary>
public static class BinaryInstaller
{
    public const string FileName = "route-fix";

    public const UnixFileMode Mode0755 =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public static string Usage => "usage: route-fix install DIR [--host-ldd PATH]   (copy this binary to DIR/route-fix, atomically, mode 0755; with --host-ldd, first check the host's glibc from its ldd)";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!(args.Length == 2 || (args.Length == 4 && args[2] == "--host-ldd")) || args[0] != "install")
        {
            stderr.Write(Usage + "\n");
            return 2;
        }

        var directory = args[1];
        try
        {
            if (args.Length == 4)
            {
                var self = File.ReadAllBytes(Environment.ProcessPath ?? throw new InvalidOperationException("the running executable's path is unknown"));
                if (GlibcFloor.Refusal(GlibcFloor.Required(self), args[3]) is { } refusal)
                {
                    stderr.Write($"route-fix install: refusing: {refusal}\n");
                    return 1;
                }
            }

            var destination = Install(Environment.ProcessPath ?? throw new InvalidOperationException("the running executable's path is unknown"), directory);
            stdout.Write($"installed {destination}\n");
            stdout.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            stderr.Write($"route-fix install: {e.Message}\n");
            return 1;
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
}
