namespace RouteFix.Plugin;

/// <summary>route-fix's own CNI error codes (100 and above; 1-99 are the spec's, see Cni.CniErrorCodes).</summary>
public static class RouteFixErrorCodes
{
    /// <summary>CHECK found routes that differ from what ADD sets.</summary>
    public const uint RoutesDiffer = 100;

    /// <summary>
    /// ADD found a route it would set already pointing out of another interface of the pod
    /// (two attachments claiming the same destination); nothing was changed.
    /// </summary>
    public const uint RouteHeldByAnotherInterface = 101;
}
