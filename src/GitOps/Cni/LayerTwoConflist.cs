using GitOps.Topology;

namespace GitOps.Cni;

/// <summary>The conflist of a layer-2 attachment: bridge, macvlan or ipvlan (with its IPAM) → route-fix.</summary>
internal static class LayerTwoConflist
{
    public static PluginChain Build(Lab lab, Attachment attachment)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(attachment);
        var plugins = new List<CniPlugin> { LinkPlugin(attachment) };
        if (attachment.PodMac && attachment.Macvlan is null)
        {
            // bridge and ipvlan take no MAC from runtimeConfig; tuning sets it (plugins/meta/tuning/tuning.go).
            plugins.Add(new TuningPlugin());
        }

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

    private static CniPlugin LinkPlugin(Attachment attachment) => attachment switch
    {
        { Macvlan: { } m } => new MasterChildPlugin { Plugin = "macvlan", Master = m.Master, Mode = m.Mode.ToString().ToLowerInvariant(), Mtu = attachment.Mtu, Capabilities = Capabilities(attachment, macHere: true), Ipam = Ipam(attachment) },
        { Ipvlan: { } v } => new MasterChildPlugin { Plugin = "ipvlan", Master = v.Master, Mode = v.Mode.ToString().ToLowerInvariant(), Mtu = attachment.Mtu, Capabilities = Capabilities(attachment, macHere: false), Ipam = Ipam(attachment) },
        { Bridge: { } bridge } => new BridgePlugin { Bridge = bridge, Mtu = attachment.Mtu, Capabilities = Capabilities(attachment, macHere: false), Ipam = Ipam(attachment) },
        _ => throw new InvalidOperationException($"Attachment {attachment.QualifiedName} has no bridge, macvlan or ipvlan."),
    };

    /// <summary>
    /// <c>ips</c> when pods name their addresses (the static IPAM reads <c>runtimeConfig.ips</c> from this plugin's
    /// config), <c>mac</c> when they name their MAC and this plugin takes it (macvlan.go <c>RuntimeConfig.Mac</c>); null for none.
    /// </summary>
    private static IReadOnlyDictionary<string, bool>? Capabilities(Attachment attachment, bool macHere)
    {
        if (attachment.Ipam is not PodAddressIpamOptions && !(attachment.PodMac && macHere))
        {
            return null; // none (most attachments): no dictionary made
        }

        var capabilities = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        if (attachment.Ipam is PodAddressIpamOptions)
        {
            capabilities["ips"] = true;
        }

        if (attachment.PodMac && macHere)
        {
            capabilities["mac"] = true;
        }

        return capabilities.Count == 0 ? null : capabilities;
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
            Addresses = s.IPv6Address is { } v6
                ? [new StaticAddress($"{s.Address}/{s.PrefixLength}", s.Gateway?.ToString()), new StaticAddress($"{v6}/{s.IPv6PrefixLength}", s.IPv6Gateway?.ToString())]
                : [new StaticAddress($"{s.Address}/{s.PrefixLength}", s.Gateway?.ToString())],
        },
        PodAddressIpamOptions => new StaticIpam(),
        HostLocalIpamOptions h => new HostLocalIpam
        {
            Ranges = [[new HostLocalRange(attachment.Network.Subnet.ToString(), h.RangeStart.ToString(), h.RangeEnd.ToString(), null)]],
        },
        WhereaboutsIpamOptions w => Whereabouts(w, attachment.Network.Subnet),
        _ => throw new InvalidOperationException($"Unknown IPAM {attachment.Ipam.GetType().Name}."),
    };

    /// <summary>
    /// The whereabouts config of <paramref name="w"/> on a network whose subnet is <paramref name="subnet"/>. Whereabouts
    /// gives the pod the prefix length of its <c>range</c> (v0.9.4 <c>pkg/allocate/allocate.go</c> <c>AssignIP</c>:
    /// <c>net.IPNet{IP: newip, Mask: ipnet.Mask}</c>), so a range narrower than the subnet (192.168.30.64/26 on a /24)
    /// would put the rest of the LAN off-link for the pod: its traffic to a camera at .10 would take the default route
    /// (eth0) instead of the VLAN. So when the model's range is narrower, the config's <c>range</c> is the subnet and
    /// <c>range_start</c>/<c>range_end</c> keep allocation to exactly the model's addresses: by default the range's first
    /// and last usable address, as whereabouts computes them for the narrower range (<c>pkg/iphelpers/iphelpers.go</c>
    /// <c>GetIPRange</c>, <c>FirstUsableIP</c>, <c>LastUsableIP</c>: network + 1 and broadcast − 1).
    /// </summary>
    private static WhereaboutsIpam Whereabouts(WhereaboutsIpamOptions w, System.Net.IPNetwork subnet)
    {
        // A range without usable addresses (IPv4 /31, /32) stays as written: whereabouts refuses it (HasUsableIPs) either way.
        var hostBits = w.Range.BaseAddress.GetAddressBytes().Length * 8 - w.Range.PrefixLength;
        var narrower = w.Range.PrefixLength > subnet.PrefixLength && subnet.Contains(w.Range.BaseAddress) && hostBits > 1;
        return new WhereaboutsIpam
        {
            Range = narrower ? subnet.ToString() : w.Range.ToString(),
            RangeStart = (w.RangeStart ?? (narrower ? IpMath.Offset(w.Range.BaseAddress, 1) : null))?.ToString(),
            RangeEnd = (w.RangeEnd ?? (narrower ? IpMath.Offset(IpMath.LastAddress(w.Range), -1) : null))?.ToString(),
            Exclude = w.Exclude.Count == 0 ? null : w.Exclude.Select(e => e.ToString()).ToArray(),
            Gateway = w.Gateway?.ToString(),
            NetworkName = w.NetworkName,
        };
    }
}
