using System.Text;

namespace GitOps.Hosts;

/// <summary>
/// The INI writer for networkd units (systemd.syntax(7)): '#' comment lines, <c>[Section]</c> lines,
/// <c>Key=Value</c> lines, a blank line between sections, LF, one trailing newline. Comments are never
/// put after a value: systemd would read them as part of the value.
/// </summary>
internal static class NetworkdRenderer
{
    public static string Render(NetworkdUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var text = new StringBuilder();
        foreach (var line in unit.Header)
        {
            Comment(text, line);
        }

        foreach (var section in unit.Sections)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            Check(section.Name.Length > 0 && section.Name.All(char.IsAsciiLetterOrDigit), $"section name '{section.Name}'");
            text.Append('[').Append(section.Name).Append("]\n");
            foreach (var entry in section.Entries)
            {
                if (entry.Comment is { } comment)
                {
                    Comment(text, comment);
                }

                Check(entry.Key.Length > 0 && entry.Key.All(char.IsAsciiLetterOrDigit), $"key '{entry.Key}'");
                Check(entry.Value.Length > 0 && entry.Value == entry.Value.Trim() && !entry.Value.Any(char.IsControl), $"value '{entry.Value}' of {entry.Key}");
                text.Append(entry.Key).Append('=').Append(entry.Value).Append('\n');
            }
        }

        return text.ToString();
    }

    private static void Comment(StringBuilder text, string line)
    {
        Check(!line.Any(char.IsControl), $"comment '{line}'");
        text.Append(line.Length == 0 ? "#" : "# " + line).Append('\n');
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new ArgumentException($"The networkd {what} cannot be written to a unit file.");
        }
    }
}
