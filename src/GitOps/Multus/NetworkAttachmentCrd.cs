using GitOps.Topology;
using k8s.Models;

namespace GitOps.Multus;

/// <summary>The NetworkAttachmentDefinition CRD as Multus ships it (multus-cni deployments/multus-daemonset.yml, document 1).</summary>
internal static class NetworkAttachmentCrd
{
    public static V1CustomResourceDefinition Build(MultusVersion version) => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta { Name = "network-attachment-definitions.k8s.cni.cncf.io" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = "k8s.cni.cncf.io",
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames
            {
                Plural = "network-attachment-definitions",
                Singular = "network-attachment-definition",
                Kind = "NetworkAttachmentDefinition",
                ShortNames = version == MultusVersion.V3 ? ["net-attach-def"] : ["nad", "net-attach-def"],
            },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1",
                    Served = true,
                    Storage = true,
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = Schema() },
                },
            ],
        },
    };

    private static V1JSONSchemaProps Schema() => new()
    {
        Description = "NetworkAttachmentDefinition is a CRD schema specified by the Network Plumbing Working Group to express the intent for attaching pods to one or more logical or physical networks. More information available at: https://github.com/k8snetworkplumbingwg/multi-net-spec",
        Type = "object",
        Properties = new Dictionary<string, V1JSONSchemaProps>
        {
            ["apiVersion"] = new()
            {
                Description = "APIVersion defines the versioned schema of this represen tation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
                Type = "string",
            },
            ["kind"] = new()
            {
                Description = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
                Type = "string",
            },
            ["metadata"] = new() { Type = "object" },
            ["spec"] = new()
            {
                Description = "NetworkAttachmentDefinition spec defines the desired state of a network attachment",
                Type = "object",
                Properties = new Dictionary<string, V1JSONSchemaProps>
                {
                    ["config"] = new() { Description = "NetworkAttachmentDefinition config is a JSON-formatted CNI configuration", Type = "string" },
                },
            },
        },
    };
}
