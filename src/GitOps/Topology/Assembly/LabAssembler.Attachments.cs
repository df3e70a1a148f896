using System.Net;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Reading the attachments: network, bridge, CNI name and version, MTU, IPAM, route-fix (the one dhcp daemon socket is <see cref="DhcpDaemonSocketRule"/>).</summary>
internal sealed partial class LabAssembler
{
    /// <remarks>Reports GITOPS112 (DuplicateName), GITOPS113 (MissingElement), GITOPS111 (UnknownReference), GITOPS106 (AttachmentMtuAboveUplink).</remarks>
    private List<Attachment> BuildAttachments(Dictionary<string, Network> networks, List<Node> nodes, MultusSettings multus)
    {
        var result = new List<Attachment>();
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var a in _lab.Attachments)
        {
            var path = $"lab/attachments/{a.QualifiedName}";
            if (!TrySplitQualified(a.QualifiedName, path, a.Source, "default/layer2-bridge", out var ns, out var name))
            {
                continue;
            }

            if (!seen.TryAdd(a.QualifiedName, a.Source))
            {
                _errors.Add(DuplicateName, path, $"the attachment '{a.QualifiedName}' is declared twice{seen[a.QualifiedName].FirstDeclared}; NetworkAttachmentDefinition names are unique per namespace.", a.Source);
                continue;
            }

            _sources.Add($"{path}/ipam", a.IpamChoice?.Source ?? a.Source);
            // A route-fix left at its default is reported at the .Ipvlan(...) call that makes it matter (GITOPS183).
            _sources.Add($"{path}/routeFix", a.RouteFixChoice?.Source ?? default, a.IpvlanChoice?.Source ?? a.Source);
            Network? network = null;
            if (a.NetworkName is not { } networkName)
            {
                _errors.Add(MissingElement, $"{path}/network", "the attachment does not say which network it joins; add .Network(\"lan\").", a.Source);
            }
            else
            {
                network = ResolveNetwork(networks, networkName.Value, a.NetworkIssuer, $"{path}/network", networkName.Source);
            }

            MacvlanOptions? macvlan = null;
            IpvlanOptions? ipvlan = null;
            if (a.MacvlanChoice is { } m)
            {
                macvlan = ResolveMaster(nodes, network, path, m.Source) is { } master ? new MacvlanOptions(m.ModeValue, master) : null;
            }
            else if (a.IpvlanChoice is { } v)
            {
                ipvlan = ResolveMaster(nodes, network, path, v.Source) is { } master ? new IpvlanOptions(v.ModeValue, master) : null;
            }
            else if (a.BridgeName is not { } bridge)
            {
                // The hint names a bridge this lab has on the attachment's network, never the sample's.
                var known = network is null ? null : nodes.SelectMany(n => n.Interfaces).FirstOrDefault(i => i.Network == network && i.Bridge is not null)?.Bridge;
                _errors.Add(MissingElement, $"{path}/bridge",
                    "the attachment does not say which node bridge it plugs into (or that it takes a macvlan/ipvlan child instead); " +
                    $"add .Bridge(\"{known ?? "<bridge>"}\"){(known is null ? $" with the bridge the nodes have on network '{network?.Name ?? "<network>"}' (.Interface(..., i => i.Bridge(\"<bridge>\")))" : "")}, " +
                    "or .Macvlan() / .Ipvlan() when the nodes' interface on that network is a plain one (no bridge).", a.Source);
            }
            else
            {
                // An invalid bridge name is reported once, not also as a bridge no node has.
                if (CheckInterfaceName(bridge.Value, $"{path}/bridge", bridge.Source) && network is not null && nodes.Count > 0)
                {
                    var hasBridge = nodes.Any(n => n.Interfaces.Any(i => i.Bridge == bridge.Value && i.Network == network));
                    if (!hasBridge && !InUnresolvedInterface(bridge.Value, nodes))
                    {
                        var bridges = nodes.SelectMany(n => n.Interfaces).Where(i => i.Network == network && i.Bridge is not null).Select(i => i.Bridge!);
                        // The hint names an interface the lab has on that network (try-out 7: it said "eth0" and "LAN" for any network).
                        var uplink = nodes.SelectMany(n => n.Interfaces).FirstOrDefault(i => i.Network == network)?.Name ?? "<interface>";
                        _errors.Add(UnknownReference, $"{path}/bridge", $"no node has bridge '{bridge.Value}' with an uplink on network '{network.Name}'; " +
                            NameSuggestion.Fix(bridge.Value, bridges, $"make the nodes' interface on '{network.Name}' its port with .Interface(\"{uplink}\", \"{network.Name}\", i => i.Bridge(\"{bridge.Value}\"))."), bridge.Source);
                    }
                }
            }

            var cniName = a.CniName?.Value ?? name;
            if (a.CniName is { } cn)
            {
                CheckDnsName(cn.Value, $"{path}/cniNetworkName", cn.Source);
            }

            CheckCniVersion(a.CniVersionText, $"{path}/cniVersion", multus.Version);
            if (a.MtuValue is { } mtu && CheckMtu(mtu, $"{path}/mtu") && network is not null && mtu.Value > network.EffectiveMtu)
            {
                _errors.Add(AttachmentMtuAboveUplink, $"{path}/mtu", $"MTU {mtu.Value} is above the MTU {network.EffectiveMtu} of network '{network.Name}' the attachment bridges to; frames would be dropped. Use at most {network.EffectiveMtu}.", mtu.Source);
            }

            var ipam = BuildIpam(a, path, network);
            var routeFix = BuildRouteFix(a.RouteFixChoice, path, network);
            if (network is null || (a.BridgeName is null && macvlan is null && ipvlan is null) || ipam is null)
            {
                continue;
            }

            var ipv6 = a.IPv6Enabled || ipam is StaticIpamOptions { IPv6Address: not null };
            result.Add(new Attachment(name, ns, network, a.BridgeName?.Value, macvlan, ipvlan, cniName, a.CniVersionText.Value, a.MtuValue?.Value, ipv6, ipam, routeFix, a.Source) { PodMac = a.PodMacEnabled });
        }

        return result;
    }

    /// <remarks>Reports GITOPS113 (MissingElement), GITOPS119 (InvalidDhcpOption), GITOPS117 (AddressOutsideSubnet), GITOPS103 (GatewayOutsideSubnet), GITOPS121 (InvalidValue).</remarks>
    private AttachmentIpam? BuildIpam(AttachmentBuilder a, string path, Network? network)
    {
        if (a.StaticIPv6 is { } extra && a.IpamChoice is not StaticIpamBuilder)
        {
            _errors.Add(StaticIPv6AddressMisplaced, $"{path}/ipam/ipv6Address",
                $".StaticIPv6Address(\"{extra.Value.Address}\") adds an IPv6 address to a fixed IPv4 one, but the attachment's addresses come from {(a.IpamChoice is null ? "no IPAM" : a.IpamChoice switch { DhcpIpamBuilder => ".Dhcp(...)", HostLocalIpamBuilder => ".HostLocalRange(...)", WhereaboutsIpamBuilder => ".Whereabouts(...)", _ => ".PodAddresses()" })}. " +
                "Give the pod its IPv4 address with .StaticAddress(\"<address>/<prefix>\") beside it, or remove .StaticIPv6Address(...) (with .Dhcp(...), .IPv6() declares SLAAC addresses instead).", extra.Source);
        }

        switch (a.IpamChoice)
        {
            case null:
                _errors.Add(MissingElement, $"{path}/ipam", "the attachment has no IPAM; add .Dhcp(d => d.ProvidePodName()), .StaticAddress(...), .HostLocalRange(...) or .Whereabouts(...).", a.Source);
                return null;
            case DhcpIpamBuilder d:
                foreach (var p in d.Provide)
                {
                    if (p.Value.Option is < 1 or > 254)
                    {
                        _errors.Add(InvalidDhcpOption, $"{path}/ipam/provide", $"DHCP option {p.Value.Option} does not exist; options are 1 to 254 (12 is the host name).", p.Source);
                    }

                    if (string.IsNullOrWhiteSpace(p.Value.FromArg) || p.Value.FromArg.Any(c => c is '=' or ';' || char.IsWhiteSpace(c)))
                    {
                        _errors.Add(InvalidDhcpOption, $"{path}/ipam/provide", $"'{p.Value.FromArg}' is not a CNI_ARGS key; use a key such as K8S_POD_NAME.", p.Source);
                    }
                }

                _sources.Add($"{path}/ipam/daemonSocketPath", d.SocketPath?.Source ?? default, a.Source);
                if (d.SocketPath is { } socket)
                {
                    CheckAbsolutePath(socket, $"{path}/ipam/daemonSocketPath");
                }

                // The dhcp IPAM plugin is a DHCPv4 client only (containernetworking/plugins plugins/ipam/dhcp/lease.go
                // speaks github.com/insomniacslk/dhcp/dhcpv4 and nothing of DHCPv6): on an IPv6 network it gets no lease.
                if (network is not null && !IpMath.IsIPv4(network.Subnet.BaseAddress))
                {
                    _errors.Add(DhcpIPv6Unsupported, $"{path}/ipam",
                        $"network '{network.Name}' is IPv6 ({network.Subnet}) and the dhcp IPAM plugin is a DHCPv4 client only (plugins/ipam/dhcp speaks no DHCPv6), so the pod would get no address. " +
                        $"Use .StaticAddress(\"{IpMath.Offset(network.Subnet.BaseAddress, 0x50)}/{network.Subnet.PrefixLength}\") or .Whereabouts(\"<IPv6 range inside {network.Subnet}>\"); for SLAAC from the router beside DHCPv4, attach an IPv4 network with .Dhcp() and .IPv6().", d.Source);
                }

                return new DhcpIpamOptions(ReadOnly.Copy(d.Provide.Select(p => p.Value)), d.SocketPath?.Value);
            case StaticIpamBuilder s:
            {
                var address = ParseAddressWithPrefix(s.Address, $"{path}/ipam/address", s.Source);
                var gateway = s.Gateway is null ? null : ParseAddress(new(s.Gateway, s.Source), $"{path}/ipam/gateway");
                if (address is { } addr && network is not null && !network.Subnet.Contains(addr.Address))
                {
                    _errors.Add(AddressOutsideSubnet, $"{path}/ipam/address", $"{s.Address} is not in network '{network.Name}' ({network.Subnet}); pick an address inside it.", s.Source);
                }
                else if (address is { } host && network is not null &&
                    (host.Address.Equals(network.Subnet.BaseAddress) || (IpMath.IsIPv4(host.Address) && host.Address.Equals(IpMath.LastAddress(network.Subnet)))))
                {
                    _errors.Add(AddressOutsideSubnet, $"{path}/ipam/address", $"{s.Address} is the network or broadcast address of '{network.Name}' ({network.Subnet}), not a host; pick a host address such as {IpMath.Offset(network.Subnet.BaseAddress, 2)}/{network.Subnet.PrefixLength}.", s.Source);
                }
                else if (address is { } prefixed && network is not null && prefixed.Prefix != network.Subnet.PrefixLength)
                {
                    _errors.Add(AddressOutsideSubnet, $"{path}/ipam/address", $"{s.Address} has prefix /{prefixed.Prefix} but network '{network.Name}' is {network.Subnet}; the pod would route the wrong range on the LAN. Use /{network.Subnet.PrefixLength}.", s.Source);
                }

                if (gateway is not null && network is not null && !network.Subnet.Contains(gateway))
                {
                    _errors.Add(GatewayOutsideSubnet, $"{path}/ipam/gateway", $"gateway {gateway} is not in network '{network.Name}' ({network.Subnet}); use the LAN router, e.g. {network.Gateway}.", s.Source);
                }

                var second = a.StaticIPv6 is { } v6 ? BuildStaticIPv6(v6, path, network) : default;
                if (address is null || (a.StaticIPv6 is not null && second.Address is null))
                {
                    return null;
                }

                return new StaticIpamOptions(address.Value.Address, address.Value.Prefix, gateway) { IPv6Address = second.Address, IPv6PrefixLength = second.Prefix, IPv6Gateway = second.Gateway };
            }

            case HostLocalIpamBuilder h:
            {
                var first = ParseAddress(new(h.First, h.Source), $"{path}/ipam/rangeStart");
                var last = ParseAddress(new(h.Last, h.Source), $"{path}/ipam/rangeEnd");
                if (first is null || last is null)
                {
                    return null;
                }

                if (network is not null && (!network.Subnet.Contains(first) || !network.Subnet.Contains(last)))
                {
                    _errors.Add(AddressOutsideSubnet, $"{path}/ipam/range", $"the range {first}-{last} is not inside network '{network.Name}' ({network.Subnet}); pick addresses inside it.", h.Source);
                }

                if (first.AddressFamily == last.AddressFamily && IpMath.Compare(first, last) > 0)
                {
                    _errors.Add(InvalidValue, $"{path}/ipam/range", $"the range starts at {first}, after its end {last}; swap them.", h.Source);
                }

                return new HostLocalIpamOptions(first, last);
            }

            case WhereaboutsIpamBuilder w:
                return BuildWhereaboutsIpam(w, path, network);

            case PodAddressIpamBuilder:
                return new PodAddressIpamOptions();

            default:
                throw new InvalidOperationException($"Unknown IPAM builder {a.IpamChoice.GetType().Name}.");
        }
    }

    /// <summary>
    /// The IPv6 address of a dual-stack static attachment: an IPv6 host address with a prefix (not the prefix's
    /// all-zero Subnet-Router anycast address, RFC 4291 2.6.1), on a network whose subnet is IPv4. The model knows no
    /// IPv6 prefix of the network, so the address's form is all it can check.
    /// </summary>
    /// <remarks>Reports GITOPS195 (StaticIPv6AddressMisplaced).</remarks>
    private (IPAddress? Address, int? Prefix, IPAddress? Gateway) BuildStaticIPv6(Located<(string Address, string? Gateway)> v6, string path, Network? network)
    {
        var (text, gatewayText) = v6.Value;
        if (!TryParsePrefixed(text, out var address, out var prefix) || IpMath.IsIPv4(address) || prefix is < 1 or > 128 || (prefix < 128 && IpMath.IsCanonical(address, prefix)))
        {
            _errors.Add(StaticIPv6AddressMisplaced, $"{path}/ipam/ipv6Address",
                $"'{text}' is not an IPv6 host address with a prefix; write it like \"fd00:2::50/64\" (an address of the LAN's IPv6 prefix, not the prefix itself).", v6.Source);
            return default;
        }

        if (network is not null && !IpMath.IsIPv4(network.Subnet.BaseAddress))
        {
            _errors.Add(StaticIPv6AddressMisplaced, $"{path}/ipam/ipv6Address",
                $"network '{network.Name}' is IPv6 ({network.Subnet}), so .StaticAddress(...) already takes its IPv6 address; .StaticIPv6Address(\"{text}\") is for an IPv4 network. Give the address to .StaticAddress(\"{text}\") and remove .StaticIPv6Address(...).", v6.Source);
            return default;
        }

        IPAddress? gateway = null;
        if (gatewayText is not null)
        {
            if (!IPAddress.TryParse(gatewayText, out gateway) || IpMath.IsIPv4(gateway) || gatewayText.Contains('%'))
            {
                _errors.Add(StaticIPv6AddressMisplaced, $"{path}/ipam/ipv6Gateway",
                    $"'{gatewayText}' is not an IPv6 address for the IPv6 gateway; write the router's IPv6 address on the LAN, e.g. \"fe80::1\" or \"fd00:2::1\", or leave the gateway out.", v6.Source);
                return default;
            }
        }

        return (address, prefix, gateway);
    }

    /// <remarks>Reports GITOPS103 (GatewayOutsideSubnet).</remarks>
    private RouteFixOptions? BuildRouteFix(RouteFixBuilder? r, string path, Network? network)
    {
        if (r is null)
        {
            return null;
        }

        var routes = new List<ExtraRoute>();
        foreach (var route in r.Routes)
        {
            var dst = ParseCidr(new(route.Value.Destination, route.Source), $"{path}/routeFix/routes/{route.Value.Destination}");
            IPAddress? gw = null;
            if (route.Value.Gateway is { } gwText)
            {
                gw = ParseAddress(new(gwText, route.Source), $"{path}/routeFix/routes/{route.Value.Destination}/via");
                if (gw is not null && network is not null && !network.Subnet.Contains(gw))
                {
                    _errors.Add(GatewayOutsideSubnet, $"{path}/routeFix/routes/{route.Value.Destination}/via", $"gateway {gw} is not on network '{network.Name}' ({network.Subnet}); a route out of the attachment needs a router on that network, e.g. {network.Gateway}.", route.Source);
                }
            }

            if (dst is { } d)
            {
                _sources.Add($"{path}/routeFix/routes/{d}", route.Source);
                routes.Add(new ExtraRoute(d, gw));
            }
        }

        return new RouteFixOptions(r.MulticastRoute, r.BroadcastRoute, r.DropDefaultRoute, ReadOnly.Copy(routes));
    }

    /// <summary>
    /// Whether a node declares <paramref name="bridge"/> on an interface whose network did not resolve (GITOPS111 or
    /// GITOPS128, already reported at that interface): the attachment's bridge check would only repeat that error, with
    /// the interface call the user wrote as its fix.
    /// </summary>
    private bool InUnresolvedInterface(string bridge, List<Node> nodes) =>
        _lab.Nodes.Any(n => n.Interfaces.Any(i => i.BridgeName?.Value == bridge &&
            !nodes.Any(resolved => resolved.Name == n.Name && resolved.Interfaces.Any(r => r.Name == i.Name))));
}
