using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitOps.Output;

/// <summary>
/// The content of a string field whose text is other documents written as YAML (a K3s HelmChart's <c>valuesContent</c>,
/// a Rancher Cluster's <c>additionalManifest</c>), held as the typed objects it is written from, never as text. Only the
/// renderer writes the text: <see cref="ObjectJsonDocuments"/> puts it into the owning object's JSON (the field is a
/// JSON string there, as the API server receives it), from the children's own JSON, so each child is serialized once
/// and never parsed back. The validator checks each of <see cref="Children"/> as an object of its own, reported as
/// <c>&lt;file&gt;#&lt;<see cref="Label"/>&gt;</c>.
/// </summary>
[JsonConverter(typeof(EmbeddedYamlSlot))]
internal abstract class EmbeddedYaml
{
    /// <summary>Where the validator reports the children: <c>additionalManifest</c>, <c>valuesContent/installation</c>.</summary>
    public abstract string Label { get; }

    /// <summary>The typed objects the text is written from; each is validated as an object of its own.</summary>
    public abstract IReadOnlyList<object> Children { get; }

    /// <summary>The text's YAML documents, in order, each as JSON made from the children's JSON (<paramref name="jsonOf"/>).</summary>
    public abstract IReadOnlyList<JsonElement> Documents(Func<object, JsonElement> jsonOf);
}

/// <summary>A stream of objects, one YAML document each, in the order given (a Rancher Cluster's <c>additionalManifest</c>).</summary>
internal sealed class EmbeddedObjects(string label, IReadOnlyList<object> objects) : EmbeddedYaml
{
    /// <inheritdoc/>
    public override string Label { get; } = label;

    /// <inheritdoc/>
    public override IReadOnlyList<object> Children { get; } = objects;

    /// <inheritdoc/>
    public override IReadOnlyList<JsonElement> Documents(Func<object, JsonElement> jsonOf) => [.. Children.Select(jsonOf)];
}

/// <summary>An object with fields of <see cref="EmbeddedYaml"/>: where each sits in its JSON, for the renderer to write its text there.</summary>
internal interface IEmbedsYaml
{
    /// <summary>Each embedded field: its JSON path from the object's root (<c>spec</c>, <c>valuesContent</c>) and its content.</summary>
    IReadOnlyList<EmbeddedYamlField> EmbeddedYaml { get; }
}

/// <summary>One embedded field of an <see cref="IEmbedsYaml"/> object.</summary>
internal sealed record EmbeddedYamlField(IReadOnlyList<string> JsonPath, EmbeddedYaml Content);

/// <summary>
/// Serializes an <see cref="EmbeddedYaml"/> field as a JSON null in its place: the slot that keeps the key order of the
/// owning type, which <see cref="ObjectJsonDocuments"/> fills with the rendered text (the only way objects become JSON).
/// Reading one back is not supported: nothing in the library parses its own output.
/// </summary>
internal sealed class EmbeddedYamlSlot : JsonConverter<EmbeddedYaml>
{
    public override EmbeddedYaml Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Embedded YAML is written from typed objects, never read back.");

    public override void Write(Utf8JsonWriter writer, EmbeddedYaml value, JsonSerializerOptions options) => writer.WriteNullValue();
}
