using System.Buffers;
using System.Text;
using System.Text.Json;

namespace GitOps.Output;

/// <summary>
/// The renderer's fast path: writes one JSON document as YAML straight into UTF-8 bytes, byte for byte as YamlDotNet's
/// <c>Emitter</c> (18.1.0, YamlDotNet/Core/Emitter.cs) writes it with <see cref="YamlRenderer"/>'s settings (block
/// style, indent 2, no line width, sequences not indented under their key), for documents whose every key and string is
/// printable ASCII (0x20–0x7E) with line feeds. Anything else (another character, a key that is not a simple key) makes
/// <see cref="TryWrite"/> return false with nothing written, and the renderer writes that file with YamlDotNet, so no
/// document is ever written two ways. tests/GitOps.Tests/Output/YamlAsciiWriterTests compares the two on every sample
/// document and on generated strings.
/// <para>
/// The rules it follows, as Emitter.cs implements them: a scalar is plain unless <c>AnalyzeScalar</c> finds something
/// that forbids plain in block context (a leading or trailing space, a leading quote, an indicator: <c>---</c> or
/// <c>...</c> at the start, one of <c>#,[]{}&amp;*!|&gt;"%@`'</c> first, <c>?</c>, <c>:</c> or <c>-</c> first followed
/// by a blank or nothing, <c>: </c> or a final <c>:</c>, <c> #</c>); then single-quoted when it holds no <c>'</c>, else
/// double-quoted (<c>SelectScalarStyle</c>). A multi-line string is a literal block (<c>|</c>, then <c>2</c> when it
/// starts with a space or line feed, then <c>-</c> without a final line feed or <c>+</c> with two or more,
/// <c>WriteBlockScalarHints</c>; lines indented by the node's indent, empty lines bare), or double-quoted when it ends
/// in a space or has a line of only spaces (<c>IsBlockAllowed</c>). Empty mappings and sequences are <c>{}</c> and
/// <c>[]</c>. Indentation and line breaks follow <c>WriteIndent</c>, <c>WriteIndicator</c> and <c>IncreaseIndent</c>.
/// </para>
/// </summary>
internal sealed class YamlAsciiWriter
{
    private const int Indent = 2;

    /// <summary>A longer key is not a simple key to YamlDotNet (<c>EmitterSettings.MaxSimpleKeyLength</c> as the renderer sets it).</summary>
    private const int MaxSimpleKeyLength = 1024;

    private static readonly SearchValues<char> Handled = SearchValues.Create(
        "\n !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static readonly SearchValues<char> FirstIndicators = SearchValues.Create("#,[]{}&*!|>\"%@`'");

    private byte[] buffer;
    private int length;

    // The emitter's state (Emitter.cs: column, indent, isWhitespace, isIndentation).
    private int column;
    private int indent;
    private bool isWhitespace;
    private bool isIndentation;

    /// <param name="capacity">The buffer's first size in bytes (it grows as needed and is kept across <see cref="Clear"/>).</param>
    public YamlAsciiWriter(int capacity = 16 * 1024)
    {
        buffer = new byte[capacity];
    }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => buffer.AsSpan(0, length);

    /// <summary>Forgets everything written (the buffer is kept for the next file).</summary>
    public void Clear() => length = 0;

    /// <summary>Appends ASCII text as it is (the <c>---</c> line between documents).</summary>
    public void WriteRaw(string ascii)
    {
        Reserve(ascii.Length);
        foreach (var character in ascii)
        {
            buffer[length++] = (byte)character;
        }
    }

    /// <summary>
    /// Appends the object <paramref name="root"/> as one YAML document (the top-level keys <paramref name="leadingKeys"/>
    /// first, null values omitted), or returns false and appends nothing when a string is outside what this writer
    /// handles or the document is not an object.
    /// </summary>
    public bool TryWrite(JsonElement root, ReadOnlySpan<string> leadingKeys)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false; // every document the renderer writes is a mapping; anything else is YamlDotNet's
        }

        var mark = length;
        (column, indent, isWhitespace, isIndentation) = (0, -1, true, true);
        if (!Node(root, inMapping: false, leadingKeys))
        {
            length = mark;
            return false;
        }

        WriteIndent(); // DocumentEnd: the document ends with a line feed
        return true;
    }

    private bool Node(JsonElement node, bool inMapping, ReadOnlySpan<string> leadingKeys = default) => node.ValueKind switch
    {
        JsonValueKind.Object => Mapping(node, leadingKeys),
        JsonValueKind.Array => Sequence(node, inMapping),
        JsonValueKind.String => String(node.GetString()!),
        JsonValueKind.True => Scalar("true", Style.Plain, key: false),
        JsonValueKind.False => Scalar("false", Style.Plain, key: false),
        JsonValueKind.Number => Scalar(node.GetRawText(), Style.Plain, key: false),
        _ => Scalar("null", Style.Plain, key: false),
    };

    /// <summary>A string value in the style the renderer asks for (YamlRenderer.WriteString).</summary>
    private bool String(string text) =>
        Scalar(text, text.Contains('\n') ? Style.Literal : YamlScalars.NeedsQuotes(text) ? Style.DoubleQuoted : Style.Any, key: false);

    private bool Mapping(JsonElement node, ReadOnlySpan<string> leadingKeys)
    {
        if (!HasValue(node))
        {
            Indicator("{", needWhitespace: true, whitespace: true, indentation: false);
            Indicator("}", needWhitespace: false, whitespace: false, indentation: false);
            return true;
        }

        var outer = indent;
        indent = indent < 0 ? 0 : indent + Indent;
        foreach (var key in leadingKeys)
        {
            if (node.TryGetProperty(key, out var value) && !Entry(key, value))
            {
                return false;
            }
        }

        foreach (var property in node.EnumerateObject())
        {
            if ((leadingKeys.IsEmpty || !leadingKeys.Contains(property.Name)) && !Entry(property.Name, property.Value))
            {
                return false;
            }
        }

        indent = outer;
        return true;
    }

    private bool Entry(string key, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (key.Contains('\n') || key.Length > MaxSimpleKeyLength)
        {
            return false; // not a simple key: YamlDotNet writes "? key"
        }

        WriteIndent();
        if (!Scalar(key, YamlScalars.NeedsQuotes(key) ? Style.DoubleQuoted : Style.Any, key: true))
        {
            return false;
        }

        Indicator(":", needWhitespace: false, whitespace: false, indentation: false);
        return Node(value, inMapping: true);
    }

    private bool Sequence(JsonElement node, bool inMapping)
    {
        if (node.GetArrayLength() == 0)
        {
            Indicator("[", needWhitespace: true, whitespace: true, indentation: false);
            Indicator("]", needWhitespace: false, whitespace: false, indentation: false);
            return true;
        }

        var outer = indent;
        // A sequence that is a mapping's value stays at the mapping's indent (indentSequences: false).
        indent = indent < 0 ? 0 : inMapping && !isIndentation ? indent : indent + Indent;
        foreach (var item in node.EnumerateArray())
        {
            WriteIndent();
            Indicator("-", needWhitespace: true, whitespace: false, indentation: true);
            if (!Node(item, inMapping: false))
            {
                return false;
            }
        }

        indent = outer;
        return true;
    }

    private bool Scalar(string text, Style requested, bool key)
    {
        if (text.AsSpan().ContainsAnyExcept(Handled))
        {
            return false;
        }

        var style = Choose(text, requested, key);
        if (style is null)
        {
            return false;
        }

        var outer = indent;
        indent = indent < 0 ? Indent : indent + Indent;
        switch (style)
        {
            case Style.Plain:
                if (!isWhitespace)
                {
                    Write(' ');
                }

                Write(text);
                break;
            case Style.SingleQuoted:
                Indicator("'", needWhitespace: true, whitespace: false, indentation: false);
                Write(text); // holds no ' (else double-quoted)
                Indicator("'", needWhitespace: false, whitespace: false, indentation: false);
                break;
            case Style.DoubleQuoted:
                Indicator("\"", needWhitespace: true, whitespace: false, indentation: false);
                foreach (var character in text)
                {
                    switch (character)
                    {
                        case '\n':
                            Write('\\');
                            Write('n');
                            break;
                        case '"' or '\\':
                            Write('\\');
                            Write(character);
                            break;
                        default:
                            Write(character);
                            break;
                    }
                }

                Indicator("\"", needWhitespace: false, whitespace: false, indentation: false);
                break;
            default:
                Literal(text);
                break;
        }

        isWhitespace = style == Style.Literal && isWhitespace;
        isIndentation = style == Style.Literal && isIndentation;
        indent = outer;
        return true;
    }

    private void Literal(string text)
    {
        Indicator("|", needWhitespace: true, whitespace: false, indentation: false);
        if (text[0] is ' ' or '\n')
        {
            Indicator("2", needWhitespace: false, whitespace: false, indentation: false);
        }

        if (text[^1] != '\n')
        {
            Indicator("-", needWhitespace: false, whitespace: false, indentation: false);
        }
        else if (text.Length >= 2 && text[^2] == '\n')
        {
            Indicator("+", needWhitespace: false, whitespace: false, indentation: false);
        }

        Break();
        isIndentation = true;
        isWhitespace = true;
        var lineStart = true;
        foreach (var character in text)
        {
            if (character == '\n')
            {
                Break();
                isIndentation = true;
                lineStart = true;
                continue;
            }

            if (lineStart)
            {
                WriteIndent();
            }

            Write(character);
            isIndentation = false;
            lineStart = false;
        }
    }

    /// <summary>The style YamlDotNet gives <paramref name="text"/> (printable ASCII and line feeds); null where this writer stops.</summary>
    private static Style? Choose(string text, Style requested, bool key)
    {
        if (requested == Style.DoubleQuoted)
        {
            return Style.DoubleQuoted;
        }

        if (text.Length == 0)
        {
            return null; // only reached with a requested style the renderer never asks for
        }

        var multiline = text.Contains('\n');
        if (multiline)
        {
            // A multi-line key is not a simple key (checked before); a multi-line value is a literal block if allowed.
            if (key || requested != Style.Literal)
            {
                return null;
            }

            return text[^1] == ' ' || HasLineOfSpaces(text) ? Style.DoubleQuoted : Style.Literal;
        }

        if (requested == Style.Literal)
        {
            return null;
        }

        return PlainAllowed(text) ? Style.Plain : text.Contains('\'') ? Style.DoubleQuoted : Style.SingleQuoted;
    }

    /// <summary>A line (after a line feed) that starts with a space and holds only spaces up to the next line feed.</summary>
    private static bool HasLineOfSpaces(string text)
    {
        var lineOfSpaces = false;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case ' ' when i > 0 && text[i - 1] == '\n':
                    lineOfSpaces = true;
                    break;
                case ' ':
                    break;
                case '\n' when lineOfSpaces:
                    return true;
                case '\n':
                    break;
                default:
                    lineOfSpaces = false;
                    break;
            }
        }

        return false;
    }

    /// <summary>Whether a one-line string of printable ASCII may be written plain in block context.</summary>
    private static bool PlainAllowed(string text)
    {
        if (text[0] is ' ' or '\'' || text[^1] == ' ' || text.StartsWith("---", StringComparison.Ordinal) ||
            text.StartsWith("...", StringComparison.Ordinal) || FirstIndicators.Contains(text[0]))
        {
            return false;
        }

        var secondIsBlank = text.Length == 1 || text[1] == ' ';
        if (text[0] is '?' or ':' or '-' && secondIsBlank)
        {
            return false;
        }

        for (var i = 1; i < text.Length; i++)
        {
            if ((text[i] == ':' && (i + 1 == text.Length || text[i + 1] == ' ')) || (text[i] == '#' && text[i - 1] == ' '))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasValue(JsonElement node)
    {
        foreach (var property in node.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                return true;
            }
        }

        return false;
    }

    private void WriteIndent()
    {
        var target = Math.Max(indent, 0);
        if (!isIndentation || column > target || (column == target && !isWhitespace))
        {
            Break();
        }

        while (column < target)
        {
            Write(' ');
        }

        isWhitespace = true;
        isIndentation = true;
    }

    private void Indicator(string indicator, bool needWhitespace, bool whitespace, bool indentation)
    {
        if (needWhitespace && !isWhitespace)
        {
            Write(' ');
        }

        Write(indicator);
        isWhitespace = whitespace;
        isIndentation &= indentation;
    }

    private void Break()
    {
        Reserve(1);
        buffer[length++] = (byte)'\n';
        column = 0;
    }

    private void Write(char character)
    {
        Reserve(1);
        buffer[length++] = (byte)character;
        column++;
    }

    private void Write(string text)
    {
        Reserve(text.Length);
        length += Encoding.ASCII.GetBytes(text, buffer.AsSpan(length));
        column += text.Length;
    }

    private void Reserve(int count)
    {
        if (length + count > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + count));
        }
    }

    /// <summary>The scalar styles the renderer asks for (Any: plain when allowed) and the ones written.</summary>
    private enum Style
    {
        Any,
        Plain,
        SingleQuoted,
        DoubleQuoted,
        Literal,
    }
}
