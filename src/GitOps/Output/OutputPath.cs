using System.Buffers;

namespace GitOps.Output;

/// <summary>
/// Checks and converts the '/'-separated relative paths of output files. One rule for every OS:
/// a path that would be rejected or mean something else on Windows is rejected everywhere, so the
/// same model writes the same folder on Linux, macOS and Windows.
/// </summary>
internal static class OutputPath
{
    // Characters Windows does not allow in a file name (plus the separators handled separately).
    private static readonly SearchValues<char> ForbiddenCharacters = SearchValues.Create("\\:*?\"<>|");

    /// <summary>char.IsControl's characters, U+0000–U+001F and U+007F–U+009F, as a set: <c>IndexOfAnyInRange</c> allocated
    /// 96 bytes a call in code the JIT had not optimized yet (measured with <c>GC.GetAllocatedBytesForCurrentThread</c>), two
    /// calls for each path segment.</summary>
    private static readonly SearchValues<char> ControlCharacters =
        SearchValues.Create([.. Enumerable.Range(0x00, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)]);

    private static readonly HashSet<string> WindowsReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> WindowsReservedStems =
        WindowsReservedNames.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Returns why <paramref name="relativePath"/> is not a valid output path, or null when it is. Checks each
    /// segment in place (no copies: it runs for every file of every build).</summary>
    public static string? Problem(string relativePath)
    {
        if (string.IsNullOrEmpty(relativePath))
        {
            return "the path is empty";
        }

        if (relativePath.StartsWith('/'))
        {
            return "the path is absolute; use a path relative to the output folder such as 'calico/installation.yaml'";
        }

        foreach (var range in relativePath.AsSpan().Split('/'))
        {
            var segment = relativePath.AsSpan(range);
            if (segment.IsEmpty)
            {
                return "the path has an empty segment ('//' or a trailing '/')";
            }

            if (segment is "." or "..")
            {
                return $"the path has a '{segment}' segment; output files must stay inside the output folder";
            }

            var bad = segment.IndexOfAny(ForbiddenCharacters);
            if (bad >= 0)
            {
                return segment[bad] == '\\'
                    ? "the path uses '\\'; separate folders with '/'"
                    : $"the path has '{segment[bad]}', which Windows does not allow in file names";
            }

            if (segment.IndexOfAny(ControlCharacters) >= 0)
            {
                return "the path has a control character";
            }

            if (segment.EndsWith('.') || segment.EndsWith(' '))
            {
                return $"the segment '{segment}' ends with '.' or a space, which Windows drops";
            }

            var dot = segment.IndexOf('.');
            var stem = dot < 0 ? segment : segment[..dot];
            if (WindowsReservedStems.Contains(stem))
            {
                return $"'{stem}' is a reserved device name on Windows";
            }
        }

        return null;
    }

    /// <summary>The full OS path of a valid relative output path under <paramref name="root"/> (a valid path has no
    /// rooted segment, so joining is combining).</summary>
    public static string ToFullPath(string root, string relativePath) =>
        Path.Join(root, Path.DirectorySeparatorChar == '/' ? relativePath : relativePath.Replace('/', Path.DirectorySeparatorChar));
}
