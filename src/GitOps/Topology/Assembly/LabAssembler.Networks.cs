using System.Net;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Reading the networks: names, subnet, gateway, VLAN ID, MTU, and resolving a network by name.</summary>
internal sealed partial class LabAssembler
{
    public const int MinMtu = 68;

    public const int MaxMtu = 9216;

    /// <remarks>Reports GITOPS112 (DuplicateName), GITOPS104 (VlanOutOfRange), GITOPS113 (MissingElement).</remarks>
    private Dictionary<string, Network> BuildNetworks()
    {
        var result = new Dictionary<string, Network>(StringComparer.Ordinal);
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var n in _lab.Networks)
        {
            var path = $"lab/networks/{n.Name}";
            CheckDnsName(n.Name, path, n.Source);
            if (!seen.TryAdd(n.Name, n.Source))
            {
                _errors.Add(DuplicateName, path, $"the network name '{n.Name}' is used twice{seen[n.Name].FirstDeclared}; give each network its own name.", n.Source);
                continue;
            }

            if (n.SubnetText is { } subnetText)
            {
                _sources.Add($"{path}/subnet", subnetText.Source);
            }

            if (n.VlanId is { } vlanId)
            {
                _sources.Add($"{path}/vlan", vlanId.Source);
            }

            var subnet = RequireCidr(n.SubnetText, $"{path}/subnet", n.Source, "add .Subnet(\"192.168.2.0/24\")");
            // The hint names an address of this network's own subnet (its first host, where routers usually sit), never another lab's.
            var gatewayHint = subnet is { } hintSubnet
                ? $"add .Gateway(\"{IpMath.Offset(hintSubnet.BaseAddress, 1)}\")"
                : "add .Gateway(...) with the router's address on the network's subnet";
            var gateway = RequireAddress(n.GatewayText, $"{path}/gateway", n.Source, gatewayHint);
            if (n.VlanId is { } vlan && vlan.Value is < 1 or > 4094)
            {
                _errors.Add(VlanOutOfRange, $"{path}/vlan", $"VLAN ID {vlan.Value} is out of range; 802.1Q VLAN IDs are 1 to 4094 (use .Untagged() for the native VLAN).", vlan.Source);
            }

            if (n.MtuValue is { } mtu)
            {
                CheckMtu(mtu, $"{path}/mtu");
            }

            if (subnet is { } s && gateway is { } g)
            {
                CheckGatewayInside(s, g, $"{path}/gateway", n.GatewayText!.Value.Source);
            }

            if (subnet is null || gateway is null)
            {
                continue;
            }

            result[n.Name] = new Network(n.Name, subnet.Value, gateway, n.VlanId?.Value, n.MtuValue?.Value, n.AddressingMode, n.Source);
        }

        if (_lab.Networks.Count == 0)
        {
            _errors.Add(MissingElement, "lab/networks", "the lab has no networks; add at least the LAN with .Network(\"lan\", n => n.Subnet(\"192.168.2.0/24\").Gateway(\"192.168.2.1\")).", _lab.Source);
        }

        return result;
    }

    /// <remarks>Reports GITOPS105 (MtuOutOfRange).</remarks>
    private bool CheckMtu(Located<int> mtu, string path)
    {
        if (mtu.Value is < MinMtu or > MaxMtu)
        {
            _errors.Add(MtuOutOfRange, path, $"MTU {mtu.Value} is out of range; use {MinMtu} to {MaxMtu} (1500 is standard Ethernet, 9000 jumbo frames).", mtu.Source);
            return false;
        }

        return true;
    }

    /// <remarks>Reports GITOPS103 (GatewayOutsideSubnet).</remarks>
    private void CheckGatewayInside(IPNetwork subnet, IPAddress gateway, string path, SourceLocation source)
    {
        if (!subnet.Contains(gateway))
        {
            _errors.Add(GatewayOutsideSubnet, path, $"gateway {gateway} is not inside {subnet}; use the router's address in that subnet, e.g. {IpMath.Offset(subnet.BaseAddress, 1)}.", source);
        }
        else if (gateway.Equals(subnet.BaseAddress))
        {
            _errors.Add(GatewayOutsideSubnet, path, $"gateway {gateway} is the network address of {subnet}, not a host; use e.g. {IpMath.Offset(subnet.BaseAddress, 1)}.", source);
        }
        else if (IpMath.IsIPv4(gateway) && subnet.PrefixLength <= 30 && gateway.Equals(IpMath.LastAddress(subnet)))
        {
            _errors.Add(GatewayOutsideSubnet, path, $"gateway {gateway} is the broadcast address of {subnet}, not a host; use e.g. {IpMath.Offset(subnet.BaseAddress, 1)}.", source);
        }
    }

    /// <summary>
    /// The network named <paramref name="name"/>; null when there is none (or it failed to parse, already reported), or
    /// when the name came from another lab builder's handle (<paramref name="issuer"/>, GITOPS128).
    /// </summary>
    /// <remarks>Reports GITOPS111 (UnknownReference), GITOPS128 (ForeignReference).</remarks>
    private Network? ResolveNetwork(Dictionary<string, Network> networks, string name, LabBuilder? issuer, string path, SourceLocation source)
    {
        if (!IsOwnHandle(issuer, "network", name, $".Network(\"{name}\", ..., out var {name.Replace('-', '_')})", path, source))
        {
            return null;
        }

        if (networks.TryGetValue(name, out var network))
        {
            return network;
        }

        // A network that failed to parse was already reported; only unknown names are new problems.
        if (_lab.Networks.All(n => n.Name != name))
        {
            var known = networks.Count == 0 ? "none" : string.Join(", ", networks.Keys.Order(StringComparer.Ordinal));
            _errors.Add(UnknownReference, path, $"there is no network named '{name}' (declared: {known}); " +
                NameSuggestion.Fix(name, _lab.Networks.Select(n => n.Name), $"declare it with .Network(\"{name}\", ...) or fix the name."), source);
        }

        return null;
    }
}
