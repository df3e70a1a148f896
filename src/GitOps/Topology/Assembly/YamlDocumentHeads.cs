using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Topology;

/// <summary>
/// The <c>apiVersion</c> and <c>kind</c> of each document of a YAML stream, with the document's number and line, read
/// with YamlDotNet's parser (top-level keys only), to say which document KubernetesClient's reader could not type:
/// <c>KubernetesYaml</c> throws a <see cref="KeyNotFoundException"/> naming only the missing key ("v1/List", "apiVersion").
/// </summary>
internal static class YamlDocumentHeads
{
    /// <summary>One document: its number (from 1), the line its content starts on, its top-level apiVersion and kind, and
    /// its metadata's name and namespace (null where the document has none).</summary>
    public sealed record Head(int Number, long Line, string? ApiVersion, string? Kind)
    {
        /// <summary><c>metadata.name</c>.</summary>
        public string? Name { get; init; }

        /// <summary><c>metadata.namespace</c>.</summary>
        public string? Namespace { get; init; }
    }

    /// <summary>The documents of <paramref name="text"/>, or none when it is not YAML: for files the output writer only looks
    /// into (a user's file in a bundle folder, a generated file it deletes), which may be anything.</summary>
    public static IReadOnlyList<Head> ReadOrNone(string text)
    {
        try
        {
            return [.. Read(text)];
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException) // YamlDotNet's scanner throws the latter for some broken input
        {
            return [];
        }
    }

    /// <exception cref="YamlException">The text is not YAML.</exception>
    public static IEnumerable<Head> Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        var (number, line, depth, keyNext, inMetadata, metadataKeyNext) = (0, 0L, 0, true, false, true);
        string? key = null, apiVersion = null, kind = null, metadataKey = null, name = null, ns = null;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart start:
                    (number, line, depth, keyNext, key, apiVersion, kind) = (number + 1, start.Start.Line, 0, true, null, null, null);
                    (inMetadata, metadataKey, name, ns) = (false, null, null, null);
                    break;
                case MappingStart mapping when depth == 0:
                    line = mapping.Start.Line; // the document's first line of content, not its '---'
                    depth++;
                    break;
                case MappingStart when depth == 1 && !keyNext && key == "metadata":
                    (inMetadata, metadataKeyNext) = (true, true);
                    depth++;
                    break;
                case MappingStart or SequenceStart:
                    depth++;
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    keyNext = true;
                    metadataKeyNext = true; // a nested value of metadata (labels) ended
                    inMetadata &= depth >= 2;
                    break;
                case Scalar scalar when depth == 1:
                    if (keyNext)
                    {
                        key = scalar.Value;
                    }
                    else if (key == "apiVersion")
                    {
                        apiVersion = scalar.Value;
                    }
                    else if (key == "kind")
                    {
                        kind = scalar.Value;
                    }

                    keyNext = !keyNext;
                    break;
                case Scalar scalar when depth == 2 && inMetadata:
                    if (metadataKeyNext)
                    {
                        metadataKey = scalar.Value;
                    }
                    else if (metadataKey == "name")
                    {
                        name = ValueOrNull(scalar);
                    }
                    else if (metadataKey == "namespace")
                    {
                        ns = ValueOrNull(scalar);
                    }

                    metadataKeyNext = !metadataKeyNext;
                    break;
                case AnchorAlias when depth == 1: // an alias is a value (or key) as a scalar is, of unknown text here
                    key = keyNext ? null : key;
                    keyNext = !keyNext;
                    break;
                case AnchorAlias when depth == 2 && inMetadata:
                    metadataKey = metadataKeyNext ? null : metadataKey;
                    metadataKeyNext = !metadataKeyNext;
                    break;
                case DocumentEnd:
                    yield return new Head(number, line, apiVersion, kind) { Name = name, Namespace = ns };
                    break;
            }
        }
    }

    /// <summary>The scalar's text, or null for a plain null (<c>namespace:</c>, <c>~</c>, <c>null</c>: YAML 1.2 core schema),
    /// which leaves the field unset.</summary>
    private static string? ValueOrNull(Scalar scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL" ? null : scalar.Value;

    /// <summary>
    /// Why KubernetesYaml could not type a document, from the key its exception names (<paramref name="missingKey"/>:
    /// "apiVersion", "kind", or "&lt;apiVersion&gt;/&lt;kind&gt;"), as a clause naming the document and its line; null when no
    /// document matches.
    /// </summary>
    public static string? Describe(string text, string missingKey)
    {
        foreach (var head in Read(text))
        {
            var where = $"document {head.Number} (line {head.Line})";
            if (head.ApiVersion is null || head.Kind is null)
            {
                return $"{where} has no {(head.ApiVersion is null ? "apiVersion" : "kind")}; every document needs apiVersion and kind";
            }

            if ($"{head.ApiVersion}/{head.Kind}" != missingKey)
            {
                continue;
            }

            return head.Kind.EndsWith("List", StringComparison.Ordinal)
                ? $"{where} is a {head.Kind} (kubectl get -o yaml writes several objects so); write each of its items as its own --- document"
                : $"{where} is {head.ApiVersion} {head.Kind}, a kind KubernetesClient has no type for (a custom resource?), so a .YamlFile cannot hold it; " +
                  "declare it in C# with .Object(...) and a class of your own that implements IKubernetesObject<V1ObjectMeta>, or keep it out of the lab";
        }

        return null;
    }
}
