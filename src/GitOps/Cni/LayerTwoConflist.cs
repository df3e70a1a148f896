using GitOps.Topology;

namespace GitOps.Cni;

/// <summary>The conflist of a layer-2 attachment: bridge (with its IPAM) → route-fix.</summary>
internal static class LayerTwoConflist
{
    public static PluginChain Build(Lab lab, Attachment attachment)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(attachment);
        var plugins = new List<CniPlugin>
        {
            new BridgePlugin
            {
                Bridge = attachment.Bridge,
                Mtu = attachment.Mtu,
                Ipam = Ipam(attachment),
            },
        };
        if (attachment.RouteFix is { } routeFix)
        {
            plugins.Add(new RouteFixPlugin
            {
                Multicast = routeFix.Multicast,
                Broadcast = routeFix.Broadcast,
                RemoveDefaultRoute = routeFix.RemoveDefaultRoute,
                Routes = routeFix.ExtraRoutes.Count == 0 ? null : routeFix.ExtraRoutes.Select(r => new RouteFixRoute(r.Destination.ToString(), r.Gateway?.ToString())).ToArray(),
            });
        }

        return new PluginChain { CniVersion = attachment.CniVersion, Name = attachment.CniNetworkName, Plugins = plugins };
    }

    private static CniIpam Ipam(Attachment attachment) => attachment.Ipam switch
    {
        DhcpIpamOptions d => new DhcpIpam
        {
            DaemonSocketPath = d.DaemonSocketPath,
            Provide = d.Provide.Count == 0 ? null : d.Provide.Select(p => new DhcpProvideOption(p.Option.ToString(System.Globalization.CultureInfo.InvariantCulture), p.FromArg)).ToArray(),
        },
        StaticIpamOptions s => new StaticIpam
        {
            Addresses = [new StaticAddress($"{s.Address}/{s.PrefixLength}", s.Gateway?.ToString())],
        },
        HostLocalIpamOptions h => new HostLocalIpam
        {
            Ranges = [[new HostLocalRange(attachment.Network.Subnet.ToString(), h.RangeStart.ToString(), h.RangeEnd.ToString(), null)]],
        },
        WhereaboutsIpamOptions w => new WhereaboutsIpam
        {
            Range = w.Range.ToString(),
            RangeStart = w.RangeStart?.ToString(),
            RangeEnd = w.RangeEnd?.ToString(),
            Exclude = w.Exclude.Count == 0 ? null : w.Exclude.Select(e => e.ToString()).ToArray(),
            Gateway = w.Gateway?.ToString(),
            NetworkName = w.NetworkName,
        },
        _ => throw new InvalidOperationException($"Unknown IPAM {attachment.Ipam.GetType().Name}."),
    };
}
