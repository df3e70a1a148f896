using RouteFix.Cni;
using RouteFix.Namespaces;
using RouteFix.Netlink;

namespace RouteFix.Plugin;

/// <summary>
/// route-fix's callbacks for the generic <see cref="CniSkeleton"/> (Program.cs passes <see cref="Callbacks"/>), the
/// way a containernetworking/plugins main passes skel.CNIFuncs{Add: cmdAdd, ...} to skel.PluginMainFuncs
/// (plugins/meta/sbr/main.go). Every command checks the configuration first, so a bad config is code 7 whatever
/// the command.
/// </summary>
public static class RouteFixPlugin
{
    public static string About => $"CNI route-fix plugin v{ProductVersion.Text}";

    public static readonly CniPlugin<RouteFixNetConfJson> Callbacks = new(
        About,
        RouteFixNetConfJson.Read,
        add: request => RouteFixCommands.Add(request.Args, Load(request)),
        check: request => RouteFixCommands.Check(request.Args, Load(request)),
        del: request =>
        {
            _ = Load(request);
            RouteFixCommands.Del(request.Args);
        },

        // STATUS: route-fix needs nothing to be ready. GC: it keeps no state outside the container's namespace.
        status: request => _ = Load(request),
        gc: request => _ = Load(request),
        ToCniError);

    private static RouteFixConfig Load(CniRequest<RouteFixNetConfJson> request) =>
        RouteFixConfig.From(request.Config) with { CniVersion = request.CniVersion };

    /// <summary>The kernel's and the namespace's failures as CNI errors; null for anything else (the skeleton's code 999).</summary>
    private static CniException? ToCniError(Exception e, string command) => e switch
    {
        NamespaceNotFoundException ns => new CniException(CniErrorCodes.ContainerUnknown, $"CNI_NETNS {ns.Path} {ns.Message[(ns.Message.LastIndexOf(':') + 2)..]}", $"{command} needs the container's network namespace"),
        ErrnoException { Errno: Errno.EAGAIN or Errno.EBUSY or Errno.EINTR or Errno.ENOBUFS } errno => new CniException(CniErrorCodes.TryAgainLater, errno.Message, "transient kernel condition; retry the operation"),
        ErrnoException errno => new CniException(CniErrorCodes.Internal, errno.Message, errno.KernelMessage),
        NetlinkProtocolException netlink => new CniException(CniErrorCodes.Internal, netlink.Message),
        _ => null,
    };
}
