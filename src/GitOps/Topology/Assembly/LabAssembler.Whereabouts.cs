using System.Net;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// Reading a whereabouts IPAM (its checks against other attachments: <see cref="PodAddressRule"/>). Facts from k8snetworkplumbingwg/whereabouts at v0.9.4 (3a262bd0):
/// <list type="bullet">
/// <item><c>pkg/iphelpers/iphelpers.go</c> <c>GetIPRange</c>: allocation runs from the range's first to last usable
/// address; a <c>range_start</c>/<c>range_end</c> outside them is silently ignored (so we refuse it, GITOPS176).</item>
/// <item><c>pkg/allocate/allocate.go</c> <c>IterateForAssignment</c>: every address of that span not reserved and not in an
/// <c>exclude</c> entry is handed out; nothing skips the gateway (so the router's address in the span is GITOPS134).</item>
/// <item>README "Note 1": "It's up to you to properly set exclusion ranges that are within your subnet, there's no double
/// checking for you" (so an exclusion outside the range is GITOPS176: it excludes nothing).</item>
/// <item>README "Network names" and <c>pkg/storage/kubernetes/ipam.go</c> <c>IPPoolName</c>: the IPPool is named after
/// <c>network_name</c> and the range, and <c>enable_overlapping_ranges</c> (default true) is scoped per network name, so
/// overlapping ranges with different network names allocate independently (GITOPS177 on one lab network).</item>
/// </list>
/// </summary>
internal sealed partial class LabAssembler
{
    /// <remarks>Reports GITOPS101 (InvalidCidr), GITOPS102 (InvalidAddress), GITOPS117 (AddressOutsideSubnet), GITOPS103 (GatewayOutsideSubnet), GITOPS121 (InvalidValue), GITOPS176 (WhereaboutsOutsideRange).</remarks>
    private WhereaboutsIpamOptions? BuildWhereaboutsIpam(WhereaboutsIpamBuilder w, string path, Network? network)
    {
        var range = ParseCidr(w.Range, $"{path}/ipam/range");
        var first = w.First is { } f ? ParseAddress(f, $"{path}/ipam/range_start") : null;
        var last = w.Last is { } l ? ParseAddress(l, $"{path}/ipam/range_end") : null;
        var gateway = w.GatewayText is { } g ? ParseAddress(g, $"{path}/ipam/gateway") : null;
        if (w.PoolNetworkName is { } nn)
        {
            CheckDnsName(nn.Value, $"{path}/ipam/network_name", nn.Source);
        }

        var exclude = new List<IPNetwork>();
        foreach (var e in w.Excluded)
        {
            var cidr = e.Value.Contains('/')
                ? ParseCidr(e, $"{path}/ipam/exclude")
                : ParseAddress(e, $"{path}/ipam/exclude") is { } single ? new IPNetwork(single, single.GetAddressBytes().Length * 8) : null;
            if (cidr is not { } c)
            {
                continue;
            }

            if (range is { } r && !(r.Contains(c.BaseAddress) && c.PrefixLength >= r.PrefixLength))
            {
                _errors.Add(WhereaboutsOutsideRange, $"{path}/ipam/exclude",
                    $"exclusion {e.Value} is not inside the range {r}; whereabouts does not check exclusions (its README, Note 1), so it would exclude nothing. Exclude addresses inside {r}, or remove it.", e.Source);
            }

            exclude.Add(c);
        }

        if (range is not { } rangeCidr)
        {
            return null;
        }

        if (network is not null && !(network.Subnet.Contains(rangeCidr.BaseAddress) && rangeCidr.PrefixLength >= network.Subnet.PrefixLength))
        {
            _errors.Add(AddressOutsideSubnet, $"{path}/ipam/range",
                $"the whereabouts range {rangeCidr} is not inside network '{network.Name}' ({network.Subnet}); pods would get addresses the LAN does not route. Pick a range inside {network.Subnet}, e.g. {RangeExample(network)}.", w.Range.Source);
        }

        foreach (var (address, field, text) in new[] { (first, "range_start", w.First), (last, "range_end", w.Last) })
        {
            if (address is not null && text is { } t && !rangeCidr.Contains(address))
            {
                _errors.Add(WhereaboutsOutsideRange, $"{path}/ipam/{field}",
                    $"{field} {address} is not inside the range {rangeCidr}; whereabouts silently ignores it (pkg/iphelpers GetIPRange) and hands out the whole range. Pick an address inside {rangeCidr}.", t.Source);
            }
        }

        if (first is not null && last is not null && first.AddressFamily == last.AddressFamily && IpMath.Compare(first, last) > 0)
        {
            _errors.Add(InvalidValue, $"{path}/ipam/range_start", $"range_start {first} is after range_end {last}; swap them.", w.First!.Value.Source);
        }

        if (gateway is not null && network is not null && !network.Subnet.Contains(gateway))
        {
            _errors.Add(GatewayOutsideSubnet, $"{path}/ipam/gateway", $"gateway {gateway} is not in network '{network.Name}' ({network.Subnet}); use the LAN router, e.g. {network.Gateway}.", w.GatewayText!.Value.Source);
        }

        return new WhereaboutsIpamOptions(rangeCidr, first, last, ReadOnly.Copy(exclude), gateway, w.PoolNetworkName?.Value);
    }

    /// <summary>
    /// An example range for <paramref name="network"/>: the half of its subnet without the router (a range holding the
    /// router's address would be GITOPS134, so the hint never leads to the next error).
    /// </summary>
    private static string RangeExample(Network network)
    {
        var bits = network.Subnet.BaseAddress.GetAddressBytes().Length * 8;
        var prefix = Math.Min(network.Subnet.PrefixLength + 1, bits);
        var lower = new IPNetwork(network.Subnet.BaseAddress, prefix);
        var upper = new IPNetwork(IpMath.Offset(IpMath.LastAddress(lower), 1), prefix);
        return (lower.Contains(network.Gateway) && prefix > network.Subnet.PrefixLength ? upper : lower).ToString();
    }
}
