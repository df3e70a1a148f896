using System.Text.Json.Nodes;

namespace GitOps.Output;

/// <summary>
/// A document that is a whole file in a format of its own, not YAML (a networkd unit, frr.conf): the renderer asks it
/// for its text, so Output knows no concern's types (the layering test over GitOps.dll checks it).
/// </summary>
internal interface ITextFileDocument : IFileDocument
{
    /// <summary>Writes the file's text, LF line ends, to <paramref name="writer"/> (the renderer's UTF-8 buffer, so a large
    /// file such as a big lab's NETWORK.md is never held whole as a string).</summary>
    void WriteText(TextWriter writer);
}

/// <summary>A YAML document whose tree is not its KubernetesJson form (the K3s config.yaml): the renderer writes <see cref="YamlTree"/>.</summary>
internal interface IYamlTreeDocument : IFileDocument
{
    /// <summary>The YAML document as a JSON tree, keys in output order.</summary>
    JsonObject YamlTree { get; }
}
