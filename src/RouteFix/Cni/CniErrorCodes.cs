namespace RouteFix.Cni;

/// <summary>
/// Error codes of the CNI specification (SPEC.md "Error" section; containernetworking/cni pkg/types/types.go).
/// 1-99 are reserved by the spec; a plugin numbers its own from 100.
/// </summary>
public static class CniErrorCodes
{
    public const uint IncompatibleCniVersion = 1;
    public const uint UnsupportedField = 2;
    public const uint ContainerUnknown = 3;
    public const uint InvalidEnvironmentVariables = 4;
    public const uint IoFailure = 5;
    public const uint DecodingFailure = 6;
    public const uint InvalidNetworkConfig = 7;
    public const uint TryAgainLater = 11;

    /// <summary>skel.go's ErrInternal: anything else (a netlink error, an unexpected failure).</summary>
    public const uint Internal = 999;
}
