using k8s.Models;

namespace GitOps.Whereabouts;

/// <summary>
/// Whereabouts' two CRDs the cluster-wide allocator needs, as upstream generates them (controller-gen, see
/// <see cref="WhereaboutsDefaults"/>): <c>IPPool</c> (one per range and network name) and
/// <c>OverlappingRangeIPReservation</c> (one per address, across ranges). NodeSlicePool is left out: it serves only
/// <c>node_slice_size</c>, which the model does not offer.
/// </summary>
internal static class WhereaboutsCrds
{
    private const string ApiVersionDescription = "APIVersion defines the versioned schema of this representation of an object.\nServers should convert recognized schemas to the latest internal value, and\nmay reject unrecognized values.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
    private const string KindDescription = "Kind is a string value representing the REST resource this object represents.\nServers may infer this from the endpoint the client submits requests to.\nCannot be updated.\nIn CamelCase.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";

    public static V1CustomResourceDefinition IPPools() => Crd("IPPool", "ippools", new V1JSONSchemaProps
    {
        Description = "IPPool is the Schema for the ippools API",
        Type = "object",
        Properties = Envelope(new V1JSONSchemaProps
        {
            Description = "IPPoolSpec defines the desired state of IPPool",
            Type = "object",
            Required = ["allocations", "range"],
            Properties = new Dictionary<string, V1JSONSchemaProps>
            {
                ["allocations"] = new()
                {
                    Description = "Allocations is the set of allocated IPs for the given range. Its` indices are a direct mapping to the\nIP with the same index/offset for the pool's range.",
                    Type = "object",
                    AdditionalProperties = new V1JSONSchemaProps
                    {
                        Description = "IPAllocation represents metadata about the pod/container owner of a specific IP",
                        Type = "object",
                        Required = ["id", "podref"],
                        Properties = new Dictionary<string, V1JSONSchemaProps>
                        {
                            ["id"] = new() { Type = "string" },
                            ["ifname"] = new() { Type = "string" },
                            ["podref"] = new() { Type = "string" },
                        },
                    },
                },
                ["range"] = new() { Description = "Range is a RFC 4632/4291-style string that represents an IP address and prefix length in CIDR notation", Type = "string" },
            },
        }),
    });

    public static V1CustomResourceDefinition OverlappingRangeIPReservations() => Crd("OverlappingRangeIPReservation", "overlappingrangeipreservations", new V1JSONSchemaProps
    {
        Description = "OverlappingRangeIPReservation is the Schema for the OverlappingRangeIPReservations API",
        Type = "object",
        Required = ["spec"],
        Properties = Envelope(new V1JSONSchemaProps
        {
            Description = "OverlappingRangeIPReservationSpec defines the desired state of OverlappingRangeIPReservation",
            Type = "object",
            Required = ["podref"],
            Properties = new Dictionary<string, V1JSONSchemaProps>
            {
                ["containerid"] = new() { Type = "string" },
                ["ifname"] = new() { Type = "string" },
                ["podref"] = new() { Type = "string" },
            },
        }),
    });

    private static Dictionary<string, V1JSONSchemaProps> Envelope(V1JSONSchemaProps spec) => new()
    {
        ["apiVersion"] = new() { Description = ApiVersionDescription, Type = "string" },
        ["kind"] = new() { Description = KindDescription, Type = "string" },
        ["metadata"] = new() { Type = "object" },
        ["spec"] = spec,
    };

    private static V1CustomResourceDefinition Crd(string kind, string plural, V1JSONSchemaProps schema) => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta
        {
            Name = $"{plural}.{WhereaboutsDefaults.Group}",
            Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["controller-gen.kubebuilder.io/version"] = WhereaboutsDefaults.ControllerGenVersion },
        },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = WhereaboutsDefaults.Group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Kind = kind, ListKind = kind + "List", Plural = plural, Singular = kind.ToLowerInvariant() },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1alpha1",
                    Served = true,
                    Storage = true,
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = schema },
                },
            ],
        },
    };
}
