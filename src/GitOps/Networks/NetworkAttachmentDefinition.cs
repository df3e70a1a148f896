using System.Text.Json.Serialization;
using GitOps.Kubernetes;
using k8s.Models;

namespace GitOps.Networks;

/// <summary>k8s.cni.cncf.io/v1 NetworkAttachmentDefinition (Network Plumbing WG multi-net spec).</summary>
internal sealed class NetworkAttachmentDefinition() : CustomResource(ApiVersionValue, KindValue)
{
    public const string ApiVersionValue = "k8s.cni.cncf.io/v1";
    public const string KindValue = "NetworkAttachmentDefinition";

    /// <summary>The pod annotation Multus reads to attach extra networks (<c>namespace/name</c>, comma separated).</summary>
    public const string NetworksAnnotation = "k8s.v1.cni.cncf.io/networks";

    [JsonPropertyName("spec")]
    public required NetworkAttachmentDefinitionSpec Spec { get; init; }
}

internal sealed class NetworkAttachmentDefinitionSpec
{
    /// <summary>The CNI conflist as a JSON string.</summary>
    [JsonPropertyName("config")]
    public required string Config { get; init; }
}
