namespace GitOps.Tests.Hosts;

/// <summary>
/// A strict reader of systemd unit syntax (systemd.syntax(7)), independent of the writer: lines are
/// '#'/';' comments, '[Section]' headers or 'Key=Value'; nothing may come before the first section but
/// comments; keys appear under a section. Throws on anything else.
/// </summary>
public static class NetworkdIni
{
    public sealed record Section(string Name, IReadOnlyList<KeyValuePair<string, string>> Entries)
    {
        public string? this[string key] => Entries.LastOrDefault(e => e.Key == key).Value;
    }

    public static IReadOnlyList<Section> Parse(string text)
    {
        if (text.Contains('\r') || !text.EndsWith('\n'))
        {
            throw new FormatException("A unit file uses LF line ends and ends with a newline.");
        }

        var sections = new List<(string Name, List<KeyValuePair<string, string>> Entries)>();
        var lineNumber = 0;
        foreach (var line in text[..^1].Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith(';'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                sections.Add((line[1..^1], []));
                continue;
            }

            var equals = line.IndexOf('=');
            if (equals <= 0 || sections.Count == 0)
            {
                throw new FormatException($"line {lineNumber}: '{line}' is neither a comment, a [Section] nor Key=Value under a section.");
            }

            var value = line[(equals + 1)..];
            if (value.Contains('#'))
            {
                throw new FormatException($"line {lineNumber}: '{line}': systemd keeps '#' in values; a comment after a value is part of the value.");
            }

            sections[^1].Entries.Add(new(line[..equals], value));
        }

        return sections.Select(s => new Section(s.Name, s.Entries)).ToArray();
    }
}
