using System.Text;
using System.Text.Json;
using RouteFix.Namespaces;
using RouteFix.Netlink;
using RouteFix.Plugin;

namespace RouteFix.Cni;

/// <summary>
/// The plugin's main: reads CNI_* and stdin, validates, dispatches over CNI_COMMAND, prints the result or a
/// CNI error. Whatever arrives, the only outputs are a result, an error JSON with exit 1, or the about text.
/// Mirrors containernetworking/cni pkg/skel/skel.go.
/// </summary>
public static class CniDispatcher
{
    /// <summary>Configurations are a few KiB; refuse absurd input rather than buffer it.</summary>
    public const int MaxConfigBytes = 16 * 1024 * 1024;

    public static string About => $"CNI route-fix plugin v{ProductVersion.Text}";

    public static int Run(Func<string, string?> getenv, Stream stdin, TextWriter stdout, TextWriter stderr)
    {
        var errorVersion = CniVersions.Latest;
        try
        {
            var command = getenv("CNI_COMMAND") ?? string.Empty;
            if (command.Length == 0)
            {
                stderr.Write($"{About}\nCNI protocol versions supported: {string.Join(", ", CniVersions.Supported)}\n");
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
            var json = Decode(args.StdinData);
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
            var config = RouteFixConfig.From(json) with { CniVersion = version };
            switch (command)
            {
                case CniCommand.Add:
                    Write(stdout, CniJson.Write(RouteFixCommands.Add(args, config)));
                    break;
                case CniCommand.Check:
                    RouteFixCommands.Check(args, config);
                    break;
                case CniCommand.Del:
                    RouteFixCommands.Del(args);
                    break;
                default:
                    // STATUS: route-fix needs nothing to be ready. GC: it keeps no state outside the container's namespace.
                    break;
            }

            return 0;
        }
        catch (Exception e)
        {
            var error = ToCniError(e, getenv("CNI_COMMAND") ?? string.Empty);
            Write(stdout, CniJson.Write(new ErrorJson { CniVersion = errorVersion, Code = error.Code, Msg = error.Msg, Details = error.Details }));
            return 1;
        }
    }

    private static CniException ToCniError(Exception e, string command) => e switch
    {
        CniException cni => cni,
        NamespaceNotFoundException ns => new CniException(CniErrorCodes.ContainerUnknown, $"CNI_NETNS {ns.Path} {ns.Message[(ns.Message.LastIndexOf(':') + 2)..]}", $"{command} needs the container's network namespace"),
        ErrnoException { Errno: Errno.EAGAIN or Errno.EBUSY or Errno.EINTR or Errno.ENOBUFS } errno => new CniException(CniErrorCodes.TryAgainLater, errno.Message, "transient kernel condition; retry the operation"),
        ErrnoException errno => new CniException(CniErrorCodes.Internal, errno.Message, errno.KernelMessage),
        NetlinkProtocolException netlink => new CniException(CniErrorCodes.Internal, netlink.Message),
        _ => new CniException(CniErrorCodes.Internal, $"internal error ({e.GetType().Name})", e.Message),
    };

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

    /// <summary>Malformed JSON is code 6 (cannot decode); well-formed JSON with a wrongly typed field is code 7.</summary>
    public static NetConfJson Decode(byte[] data)
    {
        if (data.Length == 0)
        {
            throw new CniException(CniErrorCodes.DecodingFailure, "error unmarshalling network config: stdin is empty", "the runtime passes the plugin's JSON configuration on stdin");
        }

        try
        {
            using var document = JsonDocument.Parse(data, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CniException(CniErrorCodes.DecodingFailure, "error unmarshalling network config: not a JSON object", $"stdin holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }

            // Strings must be valid UTF-8: JsonDocument checks them only when read.
            ValidateStrings(document.RootElement);
            return CniJson.ReadConfig(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCodes.DecodingFailure, "error unmarshalling network config: invalid JSON", Position(e));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or DecoderFallbackException)
        {
            throw new CniException(CniErrorCodes.DecodingFailure, "error unmarshalling network config: invalid JSON text", "stdin is not valid UTF-8 JSON");
        }
    }

    private static void ValidateStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    ValidateStrings(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ValidateStrings(item);
                }

                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }

    private static string Position(JsonException e) =>
        e.LineNumber is { } line && e.BytePositionInLine is { } column
            ? $"line {line + 1}, byte {column + 1}"
            : "position unknown";

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
