namespace RouteFix.Cni;

/// <summary>
/// Error codes of the CNI specification (SPEC.md "Error" section; containernetworking/cni pkg/types/types.go).
/// 1-99 are reserved by the spec; 100 and above are this plugin's own.
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

    /// <summary>route-fix's own: CHECK found routes that differ from what ADD sets.</summary>
    public const uint RoutesDiffer = 100;

    /// <summary>
    /// route-fix's own: ADD found a route it would set already pointing out of another interface of the pod
    /// (two attachments claiming the same destination); nothing was changed.
    /// </summary>
    public const uint RouteHeldByAnotherInterface = 101;

    /// <summary>skel.go's ErrInternal: anything else (a netlink error, an unexpected failure).</summary>
    public const uint Internal = 999;
}
