using System.Text.Json;

namespace GitOps.Validation;

/// <summary>
/// Names the object a message is about (<c>DaemonSet kube-system/kube-multus-ds</c>, or a file's name such as
/// <c>fleet.yaml</c>), made text only when a message is made: validating an object that has no problem makes no string
/// for it. Interpolated into a message (<c>$"{subject}: …"</c>) it is that text.
/// </summary>
internal readonly struct ObjectSubject
{
    private readonly JsonElement obj;
    private readonly string? name;

    private ObjectSubject(JsonElement obj, string? name) => (this.obj, this.name) = (obj, name);

    /// <summary>The object's kind, namespace and name, read from <paramref name="obj"/> when a message needs them.</summary>
    public static ObjectSubject Of(JsonElement obj) => new(obj, null);

    /// <summary>A subject named by a text of its own (a file's name).</summary>
    public static ObjectSubject Named(string name) => new(default, name);

    public override string ToString() => name ?? ObjectJson.Describe(obj);
}
