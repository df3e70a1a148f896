namespace GitOps.Networks;

/// <summary>
/// The hand-written part of <see cref="NetworkAttachmentDefinition"/> (the fields are generated from the schema
/// bundle, NetworkAttachmentDefinition.g.cs): the pod annotation that names one.
/// </summary>
internal sealed partial class NetworkAttachmentDefinition
{
    /// <summary>The pod annotation Multus reads to attach extra networks (<c>namespace/name</c>, comma separated).</summary>
    public const string NetworksAnnotation = "k8s.v1.cni.cncf.io/networks";
}
