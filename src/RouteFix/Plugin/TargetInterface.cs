using RouteFix.Addressing;
using RouteFix.Cni;

namespace RouteFix.Plugin;

/// <summary>The container-side interface route-fix works on, and its addresses, taken from prevResult.</summary>
public sealed record TargetInterface(string Name, IpPrefix? IPv4, IpPrefix? IPv6)
{
    /// <summary>
    /// Finds the interface named <paramref name="ifName"/> that has a sandbox (the one inside the container;
    /// the original Go plugin indexed interfaces[2] instead) and the first IPv4 and IPv6 address that points at it.
    /// </summary>
    public static TargetInterface Resolve(ResultJson prevResult, string ifName)
    {
        var interfaces = prevResult.Interfaces ?? [];
        var index = interfaces.FindIndex(i => i is not null && i.Name == ifName && !string.IsNullOrEmpty(i.Sandbox));
        if (index < 0)
        {
            var names = string.Join(", ", interfaces.Select(i => string.IsNullOrEmpty(i?.Sandbox) ? i?.Name ?? "?" : $"{i.Name} (sandbox)"));
            throw new CniException(
                CniErrorCodes.InvalidNetworkConfig,
                $"interface \"{ifName}\" (CNI_IFNAME) is not in prevResult.interfaces with a sandbox",
                $"prevResult.interfaces: [{names}]; chain route-fix after the plugin that creates {ifName} in the container (bridge).");
        }

        IpPrefix? v4 = null;
        IpPrefix? v6 = null;
        var ips = prevResult.Ips ?? [];
        for (var i = 0; i < ips.Count; i++)
        {
            if (ips[i] is not { } ip || ip.Interface != index)
            {
                continue;
            }

            if (!IpPrefix.TryParse(ip.Address, out var address))
            {
                throw RouteFixConfig.Invalid($"prevResult.ips[{i}].address", RouteFixConfig.Quote(ip.Address), "the previous plugin must report \"address/prefix\" such as \"192.168.2.158/24\"");
            }

            if (address.IsIPv4)
            {
                v4 ??= address;
            }
            else
            {
                v6 ??= address;
            }
        }

        if (v4 is null && v6 is null)
        {
            throw new CniException(
                CniErrorCodes.InvalidNetworkConfig,
                $"prevResult.ips has no address for interface \"{ifName}\" (interfaces[{index}])",
                "route-fix needs the address the IPAM plugin (dhcp) gave the interface: an ips[] entry with \"interface\": " + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return new TargetInterface(ifName, v4, v6);
    }
}
