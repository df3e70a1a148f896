using System.Security.Cryptography;
using System.Text;

namespace GitOps.Build.Server;

/// <summary>
/// What a generator build server has loaded and must not change under it, as one key: the server host assembly, the
/// lab's runtime config, every dependency assembly of the lab (not the lab assembly itself, which is loaded afresh for
/// every request), each as path, size and last-write time; the user; and the environment variables the runtime reads
/// once at start (culture, time zone). The key names the server's pipe (<see cref="PipeName"/>), so a build connects
/// only to a server that loaded exactly its files; the server exits when <see cref="Compute"/> no longer gives its key.
/// Compiled into both the task and the server.
/// </summary>
internal static class ServerKey
{
    /// <summary>Read once by the runtime when a process starts; a server started with other values is another server.</summary>
    private static readonly string[] StartupEnvironment =
        ["LANG", "LC_ALL", "LC_MESSAGES", "TZ", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "DOTNET_ROOT"];

    /// <summary>
    /// The key: 32 lowercase hex digits. A file that does not exist counts as size -1, so its appearance changes the key.
    /// </summary>
    public static string Compute(string serverAssembly, string runtimeConfig, IEnumerable<string> dependencies)
    {
        var text = new StringBuilder();
        text.Append("protocol ").Append(ServerProtocol.Version).Append('\n');
        text.Append("user ").Append(Environment.UserName).Append('\n');
        foreach (var name in StartupEnvironment)
        {
            text.Append("env ").Append(name).Append('=').Append(Environment.GetEnvironmentVariable(name)).Append('\n');
        }

        Append(text, "server", serverAssembly);
        Append(text, "runtimeconfig", runtimeConfig);
        foreach (var dependency in dependencies.Order(StringComparer.Ordinal))
        {
            Append(text, "dependency", dependency);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    /// <summary>
    /// The pipe of the server with <paramref name="key"/>. On Unix .NET makes it the socket
    /// <c>$TMPDIR/CoreFxPipe_&lt;name&gt;</c>; the name is short so the path fits a socket address (108 bytes).
    /// </summary>
    public static string PipeName(string key) => "gitops-" + key;

    private static void Append(StringBuilder text, string kind, string path)
    {
        var file = new FileInfo(path);
        text.Append(kind).Append(' ').Append(file.FullName).Append(' ');
        if (file.Exists)
        {
            text.Append(file.Length).Append(' ').Append(file.LastWriteTimeUtc.Ticks);
        }
        else
        {
            text.Append("-1");
        }

        text.Append('\n');
    }
}
