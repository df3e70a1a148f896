using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Topology;

/// <summary>
/// The line a YAML error is on, where YamlDotNet's exception marks the start of the enclosing mapping instead: a
/// duplicate key ("Encountered duplicate key x": the deserializer marks the mapping, this finds the key's second
/// occurrence in it) and a tab used as indentation ("found invalid tab as indentation": the scanner marks the mapping,
/// this finds the first line from there indented with a tab; YAML 1.2.2 §6.1: tabs are never indentation).
/// </summary>
internal static class YamlErrorLines
{
    public static long Of(string text, YamlException e)
    {
        const string duplicate = "Encountered duplicate key ";
        if (e.Message.StartsWith(duplicate, StringComparison.Ordinal))
        {
            return DuplicateKeyLine(text, e.Start, e.Message[duplicate.Length..].TrimEnd('.')) ?? e.Start.Line;
        }

        if (e.Message.Contains("invalid tab as indentation", StringComparison.Ordinal))
        {
            var lines = text.Split('\n');
            for (var i = (int)Math.Max(e.Start.Line - 1, 0); i < lines.Length; i++)
            {
                var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
                if (lines[i].AsSpan(0, indent).Contains('\t'))
                {
                    return i + 1;
                }
            }
        }

        return e.Start.Line;
    }

    /// <summary>The line of <paramref name="key"/>'s second occurrence among the keys of the mapping that starts at
    /// <paramref name="mapping"/>, or null.</summary>
    private static long? DuplicateKeyLine(string text, Mark mapping, string key)
    {
        var parser = new Parser(new StringReader(text));
        var (depth, keyNext, seen) = (-1, true, 0); // depth -1: the mapping not reached yet
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            if (depth < 0)
            {
                if (current is MappingStart start && start.Start.Line == mapping.Line && start.Start.Column == mapping.Column)
                {
                    depth = 0;
                }

                continue;
            }

            switch (current)
            {
                case MappingStart or SequenceStart:
                    depth++;
                    break;
                case MappingEnd or SequenceEnd when depth == 0:
                    return null;
                case MappingEnd or SequenceEnd:
                    depth--;
                    keyNext |= depth == 0; // a nested value ended: a key of the mapping comes next
                    break;
                case Scalar scalar when depth == 0:
                    if (keyNext && scalar.Value == key && ++seen == 2)
                    {
                        return scalar.Start.Line;
                    }

                    keyNext = !keyNext;
                    break;
            }
        }

        return null;
    }
}
