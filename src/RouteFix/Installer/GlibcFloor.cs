using System.Text;

namespace RouteFix.Installer;

/// <summary>
/// The installed route-fix runs on the HOST and loads the host's glibc: it needs at least the newest GLIBC_x.y symbol
/// version it was linked against (what `objdump -T route-fix` lists; GLIBC_2.34 when built on Debian 12). The node
/// agent mounts the host's /usr/bin read-only so the installer can read the host's glibc version from `ldd`, a glibc
/// script that prints "ldd (PKGVERSION) X.Y" (glibc elf/ldd.bash.in) on every glibc distribution.
/// </summary>
public static class GlibcFloor
{
    private static readonly byte[] SymbolVersionPrefix = "GLIBC_"u8.ToArray();

    /// <summary>The newest GLIBC_x.y version named in <paramref name="executable"/> (its version-needs strings), or null for none.</summary>
    public static Version? Required(ReadOnlySpan<byte> executable)
    {
        Version? max = null;
        var offset = 0;
        while (true)
        {
            var index = executable[offset..].IndexOf(SymbolVersionPrefix);
            if (index < 0)
            {
                return max;
            }

            var start = offset + index + SymbolVersionPrefix.Length;
            var end = start;
            while (end < executable.Length && (char.IsAsciiDigit((char)executable[end]) || executable[end] == '.'))
            {
                end++;
            }

            if (Version.TryParse(Encoding.ASCII.GetString(executable[start..end]), out var v) && (max is null || v > max))
            {
                max = v;
            }

            offset = Math.Max(end, start);
        }
    }

    /// <summary>The glibc version in the text of glibc's `ldd` script (its "ldd (...) X.Y" version line), or null.</summary>
    public static Version? FromLdd(string script)
    {
        foreach (var line in script.Split('\n'))
        {
            var open = line.IndexOf("ldd (", StringComparison.Ordinal);
            var close = open < 0 ? -1 : line.IndexOf(") ", open, StringComparison.Ordinal);
            if (close < 0)
            {
                continue;
            }

            var rest = line[(close + 2)..];
            var length = 0;
            while (length < rest.Length && (char.IsAsciiDigit(rest[length]) || rest[length] == '.'))
            {
                length++;
            }

            if (Version.TryParse(rest[..length], out var version))
            {
                return version;
            }
        }

        return null;
    }

    /// <summary>Null when the host can run the binary; otherwise why not, and the fix.</summary>
    public static string? Refusal(Version? required, string hostLdd)
    {
        if (required is null)
        {
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(hostLdd);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"the host has no glibc ldd at {hostLdd} ({e.Message}); route-fix is linked against glibc and needs glibc >= {required} on the node (a musl host cannot run it)";
        }

        var host = FromLdd(text);
        if (host is null)
        {
            return $"cannot tell the host's glibc version from {hostLdd} (no \"ldd (...) X.Y\" line); route-fix needs glibc >= {required} on the node, refusing to install a binary the kubelet might not be able to run";
        }

        return host < required
            ? $"the host's glibc is {host} (from {hostLdd}) but this route-fix needs glibc >= {required} (it uses GLIBC_{required} symbols); installed, every pod with the layer-2 attachment would fail. Use a node OS with glibc >= {required}, or a route-fix built on a system with glibc <= {host}"
            : null;
    }
}
