using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>What route-fix sets in the pod besides the subnet route.</summary>
public sealed class RouteFixBuilder
{
    private readonly List<Located<(string Destination, string? Gateway)>> _routes = [];

    internal RouteFixBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
    internal bool MulticastRoute { get; private set; } = true;
    internal bool BroadcastRoute { get; private set; } = true;
    internal bool DropDefaultRoute { get; private set; } = true;
    internal IReadOnlyList<Located<(string Destination, string? Gateway)>> Routes => _routes;

    /// <summary>
    /// 224.0.0.0/4 (and ff00::/8) out of the attachment: mDNS, SSDP. On by default. A pod routes multicast out of
    /// one interface only: when a workload joins two attachments, turn it off on one (<c>Multicast(false)</c> writes
    /// <c>"multicast": false</c> into route-fix's config), or the model reports GITOPS125.
    /// </summary>
    public RouteFixBuilder Multicast(bool enabled = true)
    {
        MulticastRoute = enabled;
        return this;
    }

    /// <summary>
    /// 255.255.255.255/32 out of the attachment: Wake-on-LAN and other limited broadcast. On by default. Like
    /// <see cref="Multicast"/>, at most one attachment of a workload may carry it (GITOPS125); <c>Broadcast(false)</c>
    /// writes <c>"broadcast": false</c>.
    /// </summary>
    public RouteFixBuilder Broadcast(bool enabled = true)
    {
        BroadcastRoute = enabled;
        return this;
    }

    /// <summary>Remove the default route DHCP's router option adds on the attachment (on by default).</summary>
    public RouteFixBuilder RemoveDefaultRoute(bool enabled = true)
    {
        DropDefaultRoute = enabled;
        return this;
    }

    /// <summary>
    /// Send another subnet out of the attachment, optionally via a router on its network. Must not be, or lie
    /// inside, the subnet of another attachment the same workload joins (GITOPS126), nor repeat another such
    /// attachment's route (GITOPS127).
    /// </summary>
    public RouteFixBuilder Route(string destination, string? via = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _routes.Add(new((destination, via), new(file, line)));
        return this;
    }
}
