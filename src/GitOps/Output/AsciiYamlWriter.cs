using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace GitOps.Output;

/// <summary>
/// Writes a JSON object as one block-YAML document straight into UTF-8 bytes: byte for byte what YamlDotNet's emitter
/// writes with <see cref="YamlRenderer"/>'s settings and scalar styles, for the documents where that is certain. Those
/// are objects whose keys and strings hold only printable ASCII (U+0020–U+007E, and line feeds in a value), with keys of
/// at most 1,024 characters (the emitter's longest simple key): every Kubernetes object and CNI config the library
/// writes. For any other document <see cref="TryWrite"/> writes nothing and returns false, and the renderer writes that
/// document through YamlDotNet.
/// <para>
/// Why not YamlDotNet for every document: its emitter takes each key and value as a string event and looks at every
/// character of it again, which at N = 10,000 attachments was most of the rendering step's 56 MB and YamlDotNet's
/// <c>AnalyzeScalar</c> 14–16% of the process's samples (docs/performance.md). This writer reads each string's UTF-8
/// from the JSON in place.
/// </para>
/// <para>
/// The layout and the style of each scalar follow YamlDotNet 18.1.0's <c>YamlDotNet/Core/Emitter.cs</c>, read in its
/// source: a block mapping's keys at its indent, a sequence under a key at the key's indent (<c>indentSequences:
/// false</c>), a mapping or sequence in a sequence item on the item's line, <c>{}</c> and <c>[]</c> for empty ones
/// (<c>EmitMappingStart</c>, <c>CheckEmptyMapping</c>); a string is plain when <c>AnalyzeScalar</c> allows a plain
/// scalar in block context, else single-quoted, or double-quoted when it holds a single quote (<c>SelectScalarStyle</c>);
/// a multi-line value is a literal block with <c>WriteBlockScalarHints</c>' indent and chomping indicators, or
/// double-quoted where the emitter allows no block (a trailing space, a line of spaces only). Strings
/// <see cref="YamlScalars.NeedsQuotes(ReadOnlySpan{char})"/> marks are double-quoted, as <see cref="YamlScalarEvents"/>
/// asks the emitter. <c>AsciiYamlWriterTests</c> compares the two writers on generated documents.
/// </para>
/// Not thread-safe: one per rendering thread. What it writes accumulates until <see cref="Clear"/>.
/// </summary>
internal sealed class AsciiYamlWriter
{
    /// <summary>YamlDotNet's <c>maxSimpleKeyLength</c> in the renderer's settings: a longer key is written as <c>? key</c>.</summary>
    private const int MaxSimpleKeyLength = 1024;

    /// <summary>Each nesting level indents by this many spaces (the emitter's <c>bestIndent</c>).</summary>
    private const int Indent = 2;

    /// <summary>Bytes a key or a single-line value may hold here: printable ASCII.</summary>
    private static readonly SearchValues<byte> PrintableAscii = SearchValues.Create(Enumerable.Range(0x20, 0x7F - 0x20).Select(b => (byte)b).ToArray());

    /// <summary>Bytes a value may hold here: printable ASCII and the line feed.</summary>
    private static readonly SearchValues<byte> PrintableAsciiOrLineFeed = SearchValues.Create([.. Enumerable.Range(0x20, 0x7F - 0x20).Select(b => (byte)b), (byte)'\n']);

    /// <summary>A plain scalar cannot start with these (YAML 1.2 §5.3 indicators, as <c>AnalyzeScalar</c> checks the first character).</summary>
    private static readonly SearchValues<byte> FirstCharacterIndicators = SearchValues.Create("#,[]{}&*!|>\"%@`'"u8);

    private byte[] buffer = new byte[16 * 1024];
    private int length;
    private int lineStart;
    private byte[] unescaped = new byte[1024];

    /// <summary>What was written since <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Written => buffer.AsSpan(0, length);

    /// <summary>Empties the writer for the next file.</summary>
    public void Clear()
    {
        length = 0;
        lineStart = 0;
    }

    /// <summary>Appends bytes written elsewhere (a document YamlDotNet wrote, the <c>---</c> between documents).</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        var lastBreak = bytes.LastIndexOf((byte)'\n');
        if (lastBreak >= 0)
        {
            lineStart = length - bytes.Length + lastBreak + 1;
        }
    }

    /// <summary>Appends <paramref name="root"/> as one YAML document ending in a line feed, <paramref name="leadingKeys"/>
    /// (those it has) first; a null property is left out. Returns false, having appended nothing, when the document holds
    /// anything this writer does not write (see the class).</summary>
    public bool TryWrite(JsonElement root, ReadOnlySpan<byte[]> leadingKeys)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var (startLength, startLine) = (length, lineStart);
        if (WriteDocument(root, leadingKeys))
        {
            return true;
        }

        (length, lineStart) = (startLength, startLine);
        return false;
    }

    private bool WriteDocument(JsonElement root, ReadOnlySpan<byte[]> leadingKeys)
    {
        if (IsEmpty(root))
        {
            Write("{}"u8);
        }
        else
        {
            foreach (var key in leadingKeys)
            {
                if (root.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null && !WriteEntry(key, value, 0, inline: false))
                {
                    return false;
                }
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Null && !IsLeading(property, leadingKeys) && !WriteEntry(property, 0, inline: false))
                {
                    return false;
                }
            }
        }

        EndLine();
        return true;
    }

    /// <summary>A non-empty mapping's entries, its keys at <paramref name="indent"/>; the first on the current line when
    /// <paramref name="inline"/> (a sequence item's mapping).</summary>
    private bool WriteMapping(JsonElement mapping, int indent, bool inline)
    {
        foreach (var property in mapping.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (!WriteEntry(property, indent, inline))
            {
                return false;
            }

            inline = false;
        }

        return true;
    }

    private bool WriteEntry(JsonProperty property, int indent, bool inline)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property); // as written in the JSON, escapes included
        return raw.IndexOf((byte)'\\') < 0
            ? WriteEntry(raw, property.Value, indent, inline)
            : WriteEntry(Encoding.UTF8.GetBytes(property.Name), property.Value, indent, inline);
    }

    /// <summary>One key and its value (not null): the key at <paramref name="indent"/> on a line of its own unless
    /// <paramref name="inline"/>.</summary>
    private bool WriteEntry(ReadOnlySpan<byte> key, JsonElement value, int indent, bool inline)
    {
        if (key.Length > MaxSimpleKeyLength || key.IndexOfAnyExcept(PrintableAscii) >= 0)
        {
            return false;
        }

        if (!inline)
        {
            StartLine(indent);
        }

        WriteSingleLine(key, SingleLineStyle(key));
        Write(":"u8);
        return WriteNode(value, indent, inSequence: false);
    }

    /// <summary>A non-empty sequence's items, each <c>- </c> at <paramref name="indent"/>; the first on the current line
    /// when <paramref name="inline"/> (a sequence item's sequence).</summary>
    private bool WriteSequence(JsonElement sequence, int indent, bool inline)
    {
        foreach (var item in sequence.EnumerateArray())
        {
            if (!inline)
            {
                StartLine(indent);
            }

            Write("-"u8);
            if (!WriteNode(item, indent, inSequence: true))
            {
                return false;
            }

            inline = false;
        }

        return true;
    }

    /// <summary>A value after its key's <c>:</c> or its item's <c>-</c>, where <paramref name="indent"/> is that key's or
    /// item's column. A mapping under a key starts on the next line, indented; a sequence under a key is not indented; a
    /// mapping or sequence in a sequence item starts on the item's line.</summary>
    private bool WriteNode(JsonElement value, int indent, bool inSequence)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when IsEmpty(value):
                Write(" {}"u8);
                return true;
            case JsonValueKind.Array when value.GetArrayLength() == 0:
                Write(" []"u8);
                return true;
            case JsonValueKind.Object when inSequence:
                Write(" "u8);
                return WriteMapping(value, indent + Indent, inline: true);
            case JsonValueKind.Object:
                return WriteMapping(value, indent + Indent, inline: false);
            case JsonValueKind.Array when inSequence:
                Write(" "u8);
                return WriteSequence(value, indent + Indent, inline: true);
            case JsonValueKind.Array:
                return WriteSequence(value, indent, inline: false);
            case JsonValueKind.String:
                return WriteString(value, indent + Indent);
            case JsonValueKind.Number:
                Write(" "u8);
                Write(JsonMarshal.GetRawUtf8Value(value)); // as YamlScalarEvents.Number: the JSON text, plain
                return true;
            case JsonValueKind.True:
                Write(" true"u8);
                return true;
            case JsonValueKind.False:
                Write(" false"u8);
                return true;
            default:
                Write(" null"u8);
                return true;
        }
    }

    /// <summary>A string value after a space; a literal block's lines at <paramref name="blockIndent"/>.</summary>
    private bool WriteString(JsonElement value, int blockIndent)
    {
        var text = Unescaped(value);
        if (text.IndexOfAnyExcept(PrintableAsciiOrLineFeed) >= 0)
        {
            return false;
        }

        if (text.IndexOf((byte)'\n') < 0)
        {
            Write(" "u8);
            WriteSingleLine(text, SingleLineStyle(text));
        }
        else if (IsBlockAllowed(text))
        {
            WriteLiteral(text, blockIndent);
        }
        else
        {
            Write(" "u8);
            WriteDoubleQuoted(text);
        }

        return true;
    }

    /// <summary>The string's text as UTF-8: the JSON's own bytes when it holds no escape, else unescaped into a reused
    /// buffer (valid until the next call).</summary>
    private ReadOnlySpan<byte> Unescaped(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value); // the quoted string as written in the JSON
        if (raw[1..^1].IndexOf((byte)'\\') < 0)
        {
            return raw[1..^1];
        }

        if (unescaped.Length < raw.Length)
        {
            unescaped = new byte[Math.Max(raw.Length, unescaped.Length * 2)];
        }

        var reader = new Utf8JsonReader(raw);
        reader.Read();
        return unescaped.AsSpan(0, reader.CopyString(unescaped));
    }

    private enum Style
    {
        Plain,
        SingleQuoted,
        DoubleQuoted,
    }

    /// <summary>The style YamlDotNet writes a single-line printable-ASCII key or value in: double-quoted when a YAML reader
    /// would retype it (<see cref="YamlScalars.NeedsQuotes(ReadOnlySpan{char})"/>), else plain where a plain scalar is
    /// allowed in block context, else single-quoted, or double-quoted when it holds a single quote.</summary>
    private static Style SingleLineStyle(ReadOnlySpan<byte> text)
    {
        if (NeedsQuotes(text))
        {
            return Style.DoubleQuoted;
        }

        if (IsPlainAllowed(text))
        {
            return Style.Plain;
        }

        return text.IndexOf((byte)'\'') < 0 ? Style.SingleQuoted : Style.DoubleQuoted;
    }

    private static bool NeedsQuotes(ReadOnlySpan<byte> ascii)
    {
        const int StackChars = 256;
        char[]? rented = null;
        Span<char> chars = ascii.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(ascii.Length));
        try
        {
            Ascii.ToUtf16(ascii, chars, out var written);
            return YamlScalars.NeedsQuotes(chars[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Whether the emitter writes this non-empty single-line printable-ASCII text plain in block context
    /// (<c>AnalyzeScalar</c>: no leading or trailing space, no leading quote, no block indicator: a leading <c>---</c> or
    /// <c>...</c>, a first character that is an indicator, a leading <c>?</c>, <c>:</c> or <c>-</c> followed by a space or
    /// the end, a <c>:</c> followed by a space or the end, a <c>#</c> after a space).</summary>
    private static bool IsPlainAllowed(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || text[0] == ' ' || text[^1] == ' ' || text.StartsWith("---"u8) || text.StartsWith("..."u8) ||
            FirstCharacterIndicators.Contains(text[0]))
        {
            return false;
        }

        if (text[0] is (byte)'?' or (byte)':' or (byte)'-' && FollowedBySpaceOrEnd(text, 0))
        {
            return false;
        }

        for (var i = 1; i < text.Length; i++)
        {
            if ((text[i] == ':' && FollowedBySpaceOrEnd(text, i)) || (text[i] == '#' && text[i - 1] == ' '))
            {
                return false;
            }
        }

        return true;
    }

    private static bool FollowedBySpaceOrEnd(ReadOnlySpan<byte> text, int i) => i + 1 == text.Length || text[i + 1] == ' ';

    /// <summary>Whether the emitter allows a block scalar for this multi-line printable-ASCII text (<c>AnalyzeScalar</c>: no
    /// trailing space, and no line of spaces only after a line break).</summary>
    private static bool IsBlockAllowed(ReadOnlySpan<byte> text)
    {
        if (text[^1] == ' ')
        {
            return false;
        }

        var afterBreak = false;
        var lineOfSpaces = false;
        foreach (var b in text)
        {
            switch (b)
            {
                case (byte)' ':
                    lineOfSpaces |= afterBreak;
                    afterBreak = false;
                    break;
                case (byte)'\n' when lineOfSpaces:
                    return false;
                case (byte)'\n':
                    afterBreak = true;
                    break;
                default:
                    afterBreak = false;
                    lineOfSpaces = false;
                    break;
            }
        }

        return true;
    }

    private void WriteSingleLine(ReadOnlySpan<byte> text, Style style)
    {
        switch (style)
        {
            case Style.Plain:
                Write(text);
                break;
            case Style.SingleQuoted: // only for text without a single quote, so nothing is doubled
                Write("'"u8);
                Write(text);
                Write("'"u8);
                break;
            default:
                WriteDoubleQuoted(text);
                break;
        }
    }

    /// <summary>The text double-quoted: <c>"</c>, <c>\</c> and the line feed escaped, as the emitter's
    /// <c>WriteDoubleQuotedScalar</c> escapes them (no other printable ASCII character is escaped).</summary>
    private void WriteDoubleQuoted(ReadOnlySpan<byte> text)
    {
        Write("\""u8);
        while (!text.IsEmpty)
        {
            var next = text.IndexOfAny("\"\\\n"u8);
            if (next < 0)
            {
                Write(text);
                break;
            }

            Write(text[..next]);
            Write(text[next] switch
            {
                (byte)'"' => "\\\""u8,
                (byte)'\\' => "\\\\"u8,
                _ => "\\n"u8,
            });
            text = text[(next + 1)..];
        }

        Write("\""u8);
    }

    /// <summary>After a space, a literal block: <c>|</c>, the indent indicator when the text starts with a space or a line
    /// break, <c>-</c> when it does not end in a line break, <c>+</c> when it ends in two; then each line at
    /// <paramref name="indent"/>, an empty line empty.</summary>
    private void WriteLiteral(ReadOnlySpan<byte> text, int indent)
    {
        Write(" |"u8);
        if (text[0] is (byte)' ' or (byte)'\n')
        {
            Write("2"u8); // the emitter's bestIndent
        }

        if (text[^1] != '\n')
        {
            Write("-"u8);
        }
        else if (text.Length >= 2 && text[^2] == '\n')
        {
            Write("+"u8);
        }

        NewLine();
        while (!text.IsEmpty)
        {
            var end = text.IndexOf((byte)'\n');
            var line = end < 0 ? text : text[..end];
            if (!line.IsEmpty)
            {
                Spaces(indent);
                Write(line);
            }

            if (end < 0)
            {
                break;
            }

            NewLine();
            text = text[(end + 1)..];
        }
    }

    /// <summary>Whether a mapping has no property to write (none, or only nulls): the emitter writes it as <c>{}</c>.</summary>
    private static bool IsEmpty(JsonElement mapping)
    {
        foreach (var property in mapping.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLeading(JsonProperty property, ReadOnlySpan<byte[]> leadingKeys)
    {
        foreach (var key in leadingKeys)
        {
            if (property.NameEquals(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Goes to a new line unless the current one is empty, then to <paramref name="indent"/>.</summary>
    private void StartLine(int indent)
    {
        EndLine();
        Spaces(indent);
    }

    /// <summary>Ends the current line unless it is empty.</summary>
    private void EndLine()
    {
        if (length > lineStart)
        {
            NewLine();
        }
    }

    private void NewLine()
    {
        Write("\n"u8);
        lineStart = length;
    }

    private void Spaces(int count) => Reserve(count).Fill((byte)' ');

    private void Write(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    private Span<byte> Reserve(int count)
    {
        if (buffer.Length - length < count)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + count));
        }

        var span = buffer.AsSpan(length, count);
        length += count;
        return span;
    }
}
