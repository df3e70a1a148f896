namespace GitOps.Build.Server;

/// <summary>
/// The server's command line, written by the task:
/// <c>--key &lt;key&gt; --server &lt;path&gt; --runtimeconfig &lt;path&gt; --idle-timeout &lt;seconds&gt; [--dependency &lt;path&gt;]...</c>.
/// <c>--server</c> is the server assembly the key was computed from (the one in the package, not this shadow copy).
/// </summary>
internal sealed record ServerOptions(string Key, string ServerAssembly, string RuntimeConfig, TimeSpan IdleTimeout, IReadOnlyList<string> Dependencies)
{
    public static ServerOptions Parse(string[] args)
    {
        string? key = null, server = null, runtimeConfig = null;
        var idle = TimeSpan.FromMinutes(10);
        var dependencies = new List<string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--key": key = value; break;
                case "--server": server = value; break;
                case "--runtimeconfig": runtimeConfig = value; break;
                case "--idle-timeout": idle = TimeSpan.FromSeconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                case "--dependency": dependencies.Add(value); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return new ServerOptions(
            key ?? throw new ArgumentException("--key is required"),
            server ?? throw new ArgumentException("--server is required"),
            runtimeConfig ?? throw new ArgumentException("--runtimeconfig is required"),
            idle,
            dependencies);
    }

    /// <summary>Whether the files still give the key this server was started for (they were not rebuilt or updated).</summary>
    public bool KeyStillHolds() => ServerKey.Compute(ServerAssembly, RuntimeConfig, Dependencies) == Key;
}
