using System.Globalization;
using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// What the systemd-networkd files (<c>.HostFiles()</c>) need from each node: one uplink per bridge; a MAC for each
/// bridge whose network hosts take DHCP addresses on (its own, or, for a VLAN sub-interface, its parent's); no static
/// addressing; unique MACs.
/// </summary>
/// <remarks>Reports GITOPS410 (HostBridgeUplinkAmbiguous), GITOPS409 (HostBridgeMacMissing), GITOPS411 (HostStaticAddressingUnsupported), GITOPS412 (MacAddressDuplicate).</remarks>
internal sealed class HostFilesRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        if (lab.GitOps is not { HostFiles: true })
        {
            yield break;
        }

        foreach (var node in lab.Nodes)
        {
            foreach (var bridge in node.Interfaces.Where(i => i.Bridge is not null).GroupBy(i => i.Bridge!, StringComparer.Ordinal))
            {
                var uplinks = bridge.ToArray();
                if (uplinks.Length > 1)
                {
                    yield return ModelErrors.Error(HostBridgeUplinkAmbiguous, $"lab/nodes/{node.Name}/interfaces/{uplinks[1].Name}/bridge",
                        $"bridge '{bridge.Key}' on node '{node.Name}' has uplinks {string.Join(" and ", uplinks.Select(u => $"'{u.Name}'"))}; " +
                        "the host files give the bridge its uplink's MAC, so keep one uplink per bridge.", uplinks[1].Source);
                }
                else if (uplinks[0].Network.Addressing != Addressing.None && InheritedMac.UplinkMac(node, uplinks[0]) is null &&
                    // A MAC that was written but is invalid is already reported (GITOPS114); do not also call it missing.
                    !sources.Contains($"lab/nodes/{node.Name}/interfaces/{uplinks[0].Name}/mac"))
                {
                    // A VLAN sub-interface carries its parent's MAC (net/8021q/vlan_dev.c, vlan_dev_init), so a MAC on
                    // the parent is enough; the MAC asked for is the device's own, never a value from another lab.
                    var uplink = uplinks[0];
                    var owner = InheritedMac.MacOwner(node, uplink);
                    var ownerNic = node.Interfaces.FirstOrDefault(i => i.Name == owner) ?? uplink;
                    var inherits = owner != uplink.Name ? $" ('{uplink.Name}' is a VLAN of '{owner}' and carries its MAC)" : "";
                    yield return ModelErrors.Error(HostBridgeMacMissing, $"lab/nodes/{node.Name}/interfaces/{owner}/mac",
                        $"'{uplink.Name}' is the uplink of bridge '{bridge.Key}' on node '{node.Name}' but no MAC is known for it{inherits}; the bridge takes it over " +
                        $"(MACAddress=) so the DHCP server of the '{uplink.Network.Name}' network keeps the node's lease. " +
                        $"Add .Mac(\"…\") to .Interface(\"{owner}\", …) with the link/ether address that 'ip link show {owner}' prints on node '{node.Name}'" +
                        $", or make '{uplink.Network.Name}' pods-only with .HostAddressing(Addressing.None) if the node takes no address there.",
                        ownerNic.Source);
                }
            }

            foreach (var nic in node.Interfaces.Where(i => i.Network.Addressing == Addressing.Static))
            {
                yield return ModelErrors.Error(HostStaticAddressingUnsupported, $"lab/nodes/{node.Name}/interfaces/{nic.Name}",
                    $"network '{nic.Network.Name}' uses static addressing, and the model has no per-node address for '{nic.Name}' to write into the host files; " +
                    $"use .HostAddressing(Addressing.Dhcp) on network '{nic.Network.Name}' (with a reservation on the router), .HostAddressing(Addressing.None) if the nodes only switch it for pods, or leave out .HostFiles().", nic.Source);
            }
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (node, nic) in lab.Nodes.SelectMany(n => n.Interfaces.Where(i => i.Mac is not null).Select(i => (n, i))))
        {
            var mac = string.Join(':', nic.Mac!.GetAddressBytes().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            var where = $"{node.Name}/{nic.Name}";
            // A VLAN sub-interface carries its parent's MAC: the same MAC on one device's VLANs is no slip.
            var owner = $"{node.Name}/{InheritedMac.MacOwner(node, nic)}";
            if (!seen.TryAdd(mac, where) && !owners[mac].Equals(owner, StringComparison.Ordinal))
            {
                yield return ModelErrors.Error(MacAddressDuplicate, $"lab/nodes/{node.Name}/interfaces/{nic.Name}/mac",
                    $"MAC {mac} is also given to {seen[mac]}; every interface has its own MAC (ip link show {nic.Name} on the node).", nic.Source);
            }

            owners.TryAdd(mac, owner);
        }
    }
}
