using System.Text;
using System.Text.Unicode;

namespace GitOps.Topology;

/// <summary>
/// The text of a lab's YAML file (<c>.YamlFile</c>), decoded strictly: UTF-8 (with or without its byte order mark),
/// or UTF-16 or UTF-32 when the file starts with their byte order mark, the encodings a YAML reader takes (YAML 1.2.2
/// §5.2, "Character Encodings"). Bytes that are not valid in the encoding are a problem naming their line, never
/// replaced: a file saved as Latin-1 or Windows-1252 would otherwise put U+FFFD into the manifests. kubectl refuses
/// such a file too (go-yaml, which sigs.k8s.io/yaml wraps: readerc.go <c>yaml_parser_update_buffer</c>, "invalid
/// leading UTF-8 octet" / "invalid trailing UTF-8 octet").
/// </summary>
internal static class YamlFileText
{
    /// <summary>The decoded text, or the problem (a clause that follows the file's name).</summary>
    public static (string? Text, string? Problem) Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> data = bytes;
        var (encoding, bom) = data switch
        {
            [0xFF, 0xFE, 0x00, 0x00, ..] => ((Encoding)new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), 4),
            [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), 4),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2),
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2),
            [0xEF, 0xBB, 0xBF, ..] => (null, 3),
            _ => ((Encoding?)null, 0),
        };
        var content = data[bom..];
        if (encoding is not null)
        {
            try
            {
                return (encoding.GetString(content), null);
            }
            catch (DecoderFallbackException)
            {
                return (null, $"is not valid {encoding.WebName.ToUpperInvariant()} (it starts with that encoding's byte order mark): save it as UTF-8.");
            }
        }

        if (Utf8.IsValid(content))
        {
            return (Encoding.UTF8.GetString(content), null);
        }

        var index = 0;
        while (System.Text.Rune.DecodeFromUtf8(content[index..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            index += consumed;
        }

        var line = content[..index].Count((byte)'\n') + 1;
        return (null, $"line {line}: the byte 0x{content[index]:X2} is not UTF-8 (the file was saved in another encoding, such as Latin-1 or Windows-1252); YAML files are read as UTF-8, as kubectl reads them: save it as UTF-8.");
    }
}
