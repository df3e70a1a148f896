using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Output;

/// <summary>
/// The YAML scalar events of one rendering thread. A string's event (its text and its style: plain, double-quoted for
/// text a YAML reader would retype, literal block for multi-line text) depends on the text alone, and most texts repeat
/// from object to object (keys such as <c>metadata</c>, values such as a namespace or an API version), so a short text's
/// event is made once and reused: it is looked up by the JSON's own UTF-8 bytes, without a string per key or value.
/// YamlDotNet's <see cref="Scalar"/> is immutable and the emitter only reads it, so one event can be emitted any number of
/// times. Not thread-safe: one instance per thread (the renderer's per-thread worker).
/// </summary>
internal sealed class YamlScalarEvents
{
    /// <summary>Texts of at most this many UTF-8 bytes are remembered; longer ones (a NAD's CNI config) are each made anew.</summary>
    private const int MaxRememberedBytes = 64;

    /// <summary>At most this many texts are remembered (≈ 1 MB per rendering thread with their strings and events), so a lab of
    /// unique names does not grow the table without end.</summary>
    private const int MaxRemembered = 4096;

    public static readonly Scalar True = Plain("true");
    public static readonly Scalar False = Plain("false");
    public static readonly Scalar Null = Plain("null");

    private readonly Dictionary<string, Scalar> remembered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Scalar>.AlternateLookup<ReadOnlySpan<char>> rememberedBySpan;

    public YamlScalarEvents() => rememberedBySpan = remembered.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The event of a number: its JSON text as written (invariant, round-trippable), plain.</summary>
    public static Scalar Number(JsonElement number) => Plain(number.GetRawText());

    /// <summary>The event of a property's name.</summary>
    public Scalar Key(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property); // the name as written in the JSON, escapes included
        return raw.IndexOf((byte)'\\') < 0 ? OfUtf8(raw) : Of(property.Name);
    }

    /// <summary>The event of a string value.</summary>
    public Scalar String(JsonElement text)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text); // the quoted string as written in the JSON, escapes included
        var unquoted = raw[1..^1];
        return unquoted.IndexOf((byte)'\\') < 0 ? OfUtf8(unquoted) : Of(text.GetString()!);
    }

    /// <summary>The event of <paramref name="text"/>, remembered when short (at most <see cref="MaxRememberedBytes"/> UTF-16
    /// characters here, a bound of the same size as the UTF-8 one).</summary>
    public Scalar Of(string text)
    {
        if (remembered.TryGetValue(text, out var scalar))
        {
            return scalar;
        }

        return text.Length <= MaxRememberedBytes ? Remembered(text) : Made(text);
    }

    /// <summary>The event of the text whose UTF-8 bytes (no JSON escape among them) are <paramref name="utf8"/>.</summary>
    private Scalar OfUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxRememberedBytes)
        {
            return Made(Encoding.UTF8.GetString(utf8));
        }

        Span<char> chars = stackalloc char[MaxRememberedBytes]; // UTF-8 never has fewer bytes than UTF-16 code units
        var text = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        return rememberedBySpan.TryGetValue(text, out var scalar) ? scalar : Remembered(text.ToString());
    }

    /// <summary>A new short text's event, kept while the table has room.</summary>
    private Scalar Remembered(string text)
    {
        var scalar = Made(text);
        if (remembered.Count < MaxRemembered)
        {
            remembered[text] = scalar;
        }

        return scalar;
    }

    /// <summary>A string's event: multi-line text as a literal block, text a YAML reader would retype double-quoted, else
    /// the emitter's choice (plain where YAML allows it).</summary>
    private static Scalar Made(string text)
    {
        var style = text.Contains('\n')
            ? ScalarStyle.Literal
            : YamlScalars.NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        return new Scalar(null, null, text, style, true, style != ScalarStyle.Plain);
    }

    private static Scalar Plain(string text) => new(null, null, text, ScalarStyle.Plain, true, false);
}
