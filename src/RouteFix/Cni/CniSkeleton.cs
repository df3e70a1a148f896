namespace RouteFix.Cni;

/// <summary>
/// A plugin's main that knows no plugin: reads CNI_* and stdin, decodes the configuration with the plugin's reader,
/// validates the network name, container id and interface name, negotiates the version, calls the plugin's callback
/// for CNI_COMMAND and prints the result or a CNI error. Whatever arrives, the only outputs are a result, an error
/// JSON with exit 1, or the about text. Mirrors containernetworking/cni pkg/skel/skel.go (PluginMainFuncs,
/// dispatcher.pluginMain, getCmdArgsFromEnv).
/// </summary>
public static class CniSkeleton
{
    /// <summary>Configurations are a few KiB; refuse absurd input rather than buffer it.</summary>
    public const int MaxConfigBytes = 16 * 1024 * 1024;

    /// <summary>Runs one CNI call of <paramref name="plugin"/>; returns the exit code (0, or 1 after printing an error).</summary>
    public static int PluginMain<TConf>(CniPlugin<TConf> plugin, Func<string, string?> getenv, Stream stdin, TextWriter stdout, TextWriter stderr)
        where TConf : NetConfJson
    {
        var errorVersion = CniVersions.Latest;
        try
        {
            var command = getenv("CNI_COMMAND") ?? string.Empty;
            if (command.Length == 0)
            {
                stderr.Write($"{plugin.About}\nCNI protocol versions supported: {string.Join(", ", CniVersions.Supported)}\n");
                return 0;
            }

            if (!CniCommand.All.Contains(command, StringComparer.Ordinal))
            {
                throw new CniException(CniErrorCodes.InvalidEnvironmentVariables, $"unknown CNI_COMMAND: {command}", $"expected one of {string.Join(", ", CniCommand.All)}");
            }

            if (command == CniCommand.Version)
            {
                Write(stdout, CniJson.Write(new VersionInfoJson { CniVersion = CniVersions.Latest, SupportedVersions = CniVersions.Supported }));
                return 0;
            }

            var args = CniEnvironment.Read(getenv, command, ReadStdin(stdin));
            var json = NetConfDecoder.Decode(args.StdinData, plugin.ReadConfig);
            var version = string.IsNullOrEmpty(json.CniVersion) ? "0.1.0" : json.CniVersion; // pkg/version ConfigDecoder: absent means 0.1.0
            if (CniVersions.IsSupported(version))
            {
                errorVersion = version;
            }

            ValidateName(json.Name);
            if (command is CniCommand.Add or CniCommand.Check or CniCommand.Del)
            {
                CniEnvironment.ValidateContainerId(args.ContainerId);
                CniEnvironment.ValidateInterfaceName(args.IfName);
            }

            CheckVersion(command, version);
            var request = new CniRequest<TConf>(args, json, version);
            switch (command)
            {
                case CniCommand.Add:
                    Write(stdout, CniJson.Write(plugin.Add(request)));
                    break;
                case CniCommand.Check:
                    plugin.Check(request);
                    break;
                case CniCommand.Del:
                    plugin.Del(request);
                    break;
                case CniCommand.Status:
                    plugin.Status(request);
                    break;
                default:
                    plugin.Gc(request);
                    break;
            }

            return 0;
        }
        catch (Exception e)
        {
            var error = e as CniException
                ?? plugin.ToCniError(e, getenv("CNI_COMMAND") ?? string.Empty)
                ?? new CniException(CniErrorCodes.Internal, $"internal error ({e.GetType().Name})", e.Message);
            Write(stdout, CniJson.Write(new ErrorJson { CniVersion = errorVersion, Code = error.Code, Msg = error.Msg, Details = error.Details }));
            return 1;
        }
    }

    private static byte[] ReadStdin(Stream stdin)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = stdin.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxConfigBytes)
            {
                throw new CniException(CniErrorCodes.DecodingFailure, "error unmarshalling network config: more than 16 MiB on stdin", "a CNI configuration is a small JSON object");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static void ValidateName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new CniException(CniErrorCodes.InvalidNetworkConfig, "missing network name", "the conflist's \"name\" is passed to every plugin; set it");
        }

        // containernetworking/cni pkg/utils/utils.go ValidateNetworkName: ^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$
        static bool Ok(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
        if (!Ok(name[0]) || !name.All(c => Ok(c) || c is '_' or '.' or '-'))
        {
            throw new CniException(CniErrorCodes.InvalidNetworkConfig, "invalid characters found in network name", $"name \"{name}\" must match ^[a-zA-Z0-9][a-zA-Z0-9_.\\-]*$");
        }
    }

    private static void CheckVersion(string command, string version)
    {
        if (!CniVersions.IsSupported(version))
        {
            throw new CniException(
                CniErrorCodes.IncompatibleCniVersion,
                "incompatible CNI versions",
                $"config is \"{version}\", plugin supports [\"{string.Join("\" \"", CniVersions.Supported)}\"]");
        }

        var minimum = command switch
        {
            CniCommand.Check => CniVersions.V040,
            CniCommand.Status or CniCommand.Gc => CniVersions.V110,
            _ => null,
        };
        if (minimum is not null && !CniVersions.AtLeast(version, minimum))
        {
            throw new CniException(CniErrorCodes.IncompatibleCniVersion, $"config version does not allow {command}", $"{command} needs cniVersion {minimum} or later; config is \"{version}\"");
        }
    }

    private static void Write(TextWriter stdout, string json)
    {
        stdout.Write(json);
        stdout.Write('\n');
        stdout.Flush();
    }
}
