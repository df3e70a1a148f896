namespace RouteFix.Cni;

/// <summary>What a plugin receives: the CNI_* environment and the configuration on stdin.</summary>
public sealed record CmdArgs(
    string Command,
    string ContainerId,
    string Netns,
    string IfName,
    string Args,
    string Path,
    byte[] StdinData);

/// <summary>
/// The environment table: which variable each command requires.
/// Mirrors containernetworking/cni pkg/skel/skel.go getCmdArgsFromEnv (STATUS and GC rows from SPEC.md 1.1.0).
/// </summary>
public static class CniEnvironment
{
    public sealed record Rule(string Name, IReadOnlyList<string> RequiredFor);

    public static readonly IReadOnlyList<Rule> Table =
    [
        new("CNI_COMMAND", CniCommand.All),
        new("CNI_CONTAINERID", [CniCommand.Add, CniCommand.Check, CniCommand.Del]),
        new("CNI_NETNS", [CniCommand.Add, CniCommand.Check]),
        new("CNI_IFNAME", [CniCommand.Add, CniCommand.Check, CniCommand.Del]),
        new("CNI_ARGS", []),
        new("CNI_PATH", [CniCommand.Add, CniCommand.Check, CniCommand.Del, CniCommand.Gc]),
    ];

    /// <summary>Reads the variables; throws code 4 naming every missing one.</summary>
    public static CmdArgs Read(Func<string, string?> getenv, string command, byte[] stdin)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var rule in Table)
        {
            var value = getenv(rule.Name) ?? string.Empty;
            values[rule.Name] = value;
            if (value.Length == 0 && rule.RequiredFor.Contains(command, StringComparer.Ordinal))
            {
                missing.Add(rule.Name);
            }
        }

        if (missing.Count > 0)
        {
            throw new CniException(
                CniErrorCodes.InvalidEnvironmentVariables,
                $"required env variables [{string.Join(",", missing)}] missing",
                $"CNI_COMMAND={command} needs {string.Join(", ", missing)}; the container runtime (or Multus) sets them.");
        }

        return new CmdArgs(
            command,
            values["CNI_CONTAINERID"],
            values["CNI_NETNS"],
            values["CNI_IFNAME"],
            values["CNI_ARGS"],
            values["CNI_PATH"],
            stdin);
    }

    /// <summary>containernetworking/cni pkg/utils/utils.go ValidateContainerID.</summary>
    public static void ValidateContainerId(string id)
    {
        if (id.Length == 0)
        {
            throw new CniException(CniErrorCodes.InvalidEnvironmentVariables, "missing containerID", "set CNI_CONTAINERID");
        }

        if (!IsAlphaNumeric(id[0]) || !id.All(c => IsAlphaNumeric(c) || c is '_' or '.' or '-'))
        {
            throw new CniException(
                CniErrorCodes.InvalidEnvironmentVariables,
                "invalid characters in containerID",
                $"CNI_CONTAINERID=\"{id}\" must match ^[a-zA-Z0-9][a-zA-Z0-9_.\\-]*$");
        }
    }

    /// <summary>containernetworking/cni pkg/utils/utils.go ValidateInterfaceName (IFNAMSIZ is 16 with the NUL).</summary>
    public static void ValidateInterfaceName(string name)
    {
        string? problem = name switch
        {
            "" => "interface name is empty",
            { Length: > 15 } => "interface name is too long (15 bytes at most)",
            "." or ".." => "interface name is . or ..",
            _ when name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c)) => "interface name contains / or : or whitespace characters",
            _ => null,
        };
        if (problem is not null)
        {
            throw new CniException(CniErrorCodes.InvalidEnvironmentVariables, problem, $"CNI_IFNAME=\"{name}\"");
        }
    }

    private static bool IsAlphaNumeric(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
}
