using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// <c>parent.N</c> interfaces: N is the network's VLAN ID, the parent is an interface (a bridge port too) or
/// a bridge of the node, the VLAN's MTU fits the parent's; with host files the parent must exist to carry VLAN=.
/// </summary>
/// <remarks>Reports GITOPS131 (VlanInterfaceIdMismatch), GITOPS413 (HostVlanParentMissing), GITOPS138 (VlanMtuAboveParent).</remarks>
internal sealed class VlanSubInterfaceRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        foreach (var node in lab.Nodes)
        {
            foreach (var nic in node.Interfaces)
            {
                if (!VlanSubInterface.TryParse(nic.Name, out var parent, out var id))
                {
                    continue;
                }

                var path = $"lab/nodes/{node.Name}/interfaces/{nic.Name}";
                if (nic.Network.VlanId != id)
                {
                    var fix = nic.Network.VlanId is { } tag
                        ? $"network '{nic.Network.Name}' is VLAN {tag}: name the interface {parent}.{tag}, or put it on the network with .Vlan({id})"
                        : $"network '{nic.Network.Name}' is untagged: give it .Vlan({id}) if the switch tags it, or use the untagged interface '{parent}' itself";
                    yield return ModelErrors.Error(VlanInterfaceIdMismatch, $"{path}/network",
                        $"'{nic.Name}' is a VLAN sub-interface with VLAN ID {id}, but {fix}.", nic.Source);
                }

                // A VLAN on a bridge port is fine (GITOPS139 is retired): Linux hands a tagged frame to the port's VLAN
                // device before the bridge's rx_handler sees it (net/core/dev.c, __netif_receive_skb_core: the
                // skb_vlan_tag_present/vlan_do_receive block, then "goto another_round" with skb->dev = the VLAN
                // device, comes before rx_handler = skb->dev->rx_handler; net/8021q/vlan_core.c vlan_do_receive). Read
                // in the source only: this CI kernel has no 8021q, so no test can create the VLAN device.
                var parentNic = node.Interfaces.FirstOrDefault(i => i.Name == parent);
                var bridgeUplink = node.Interfaces.FirstOrDefault(i => i.Bridge == parent);
                var parentNetwork = parentNic?.Network ?? bridgeUplink?.Network;
                if (parentNetwork is null)
                {
                    if (lab.GitOps?.HostFiles == true)
                    {
                        yield return ModelErrors.Error(HostVlanParentMissing, path,
                            $"'{nic.Name}' is tagged on '{parent}', which is neither an interface nor a bridge of node '{node.Name}', so the host files have no .network to write VLAN={nic.Name} into and the VLAN is never created. " +
                            // Suggested parents: the node's bridges and its interfaces that are no bridge's port (a VLAN on a port gets nothing).
                            NameSuggestion.Fix(parent, node.Interfaces.Where(i => i.Bridge is null).Select(i => i.Name).Concat(node.Interfaces.Where(i => i.Bridge is not null).Select(i => i.Bridge!)),
                                $"Declare the parent with .Interface(\"{parent}\", \"<its untagged network>\")."), nic.Source);
                    }

                    continue;
                }

                if (nic.Network.EffectiveMtu > parentNetwork.EffectiveMtu)
                {
                    yield return ModelErrors.Error(VlanMtuAboveParent, path,
                        $"'{nic.Name}' is on network '{nic.Network.Name}' with MTU {nic.Network.EffectiveMtu}, above the MTU {parentNetwork.EffectiveMtu} of '{parent}' (network '{parentNetwork.Name}') it is tagged on; " +
                        $"the kernel refuses a VLAN larger than its parent. Give network '{parentNetwork.Name}' .Mtu({nic.Network.EffectiveMtu}) or network '{nic.Network.Name}' .Mtu({parentNetwork.EffectiveMtu}).", nic.Source);
                }
            }
        }
    }
}
