using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>macvlan/ipvlan attachments: which node interface is the <c>master</c> (what ipvlan's L3 modes cannot carry: <see cref="IpvlanModeRule"/>).</summary>
internal sealed partial class LabAssembler
{
    /// <summary>
    /// The <c>master</c> of a macvlan/ipvlan attachment: the plain (not bridged) interface each node has on the
    /// network, which must have one name on every such node, because Multus passes the one NAD config to every node
    /// (docs/macvlan-ipvlan.md weighs the alternatives: leaving <c>master</c> out makes the plugins take the node's
    /// default-route interface, macvlan.go/ipvlan.go <c>loadConf</c>, which is the node network's, not this one).
    /// A network the nodes reach only through a bridge port is refused: the kernel will not hang a macvlan/ipvlan child
    /// off a bridge port (drivers/net/macvlan.c <c>macvlan_port_create</c> and drivers/net/ipvlan/ipvlan_main.c
    /// <c>ipvlan_port_create</c> call <c>netdev_rx_handler_register</c>, net/core/dev.c, which returns -EBUSY when the
    /// bridge already holds the port's rx_handler; `ip link add m0 link &lt;port&gt; type macvlan` answers "Device or
    /// resource busy").
    /// </summary>
    /// <remarks>Reports GITOPS180 (MasterIsBridgePort), GITOPS181 (MasterNamesDiffer), GITOPS111 (UnknownReference).</remarks>
    private string? ResolveMaster(List<Node> nodes, Network? network, string path, SourceLocation source)
    {
        if (network is null || nodes.Count == 0)
        {
            return null;
        }

        var plain = nodes
            .Select(n => (Node: n, Interface: n.Interfaces.FirstOrDefault(i => i.Network == network && i.Bridge is null)))
            .Where(x => x.Interface is not null)
            .ToArray();
        if (plain.Length == 0)
        {
            var ports = nodes.SelectMany(n => n.Interfaces.Where(i => i.Network == network && i.Bridge is not null).Select(i => $"{n.Name}: {i.Name} in {i.Bridge}")).ToArray();
            if (ports.Length > 0)
            {
                var bridge = nodes.SelectMany(n => n.Interfaces).First(i => i.Network == network && i.Bridge is not null).Bridge;
                _errors.Add(MasterIsBridgePort, $"{path}/master",
                    $"the nodes reach network '{network.Name}' only through bridge ports ({string.Join(", ", ports)}); the kernel refuses a macvlan/ipvlan child of a bridge port (EBUSY), so the plugin would fail on every pod. " +
                    $"Use .Bridge(\"{bridge}\") for this attachment, or declare the interface without .Bridge(...) on the nodes that should carry it.",
                    source);
            }
            else
            {
                _errors.Add(UnknownReference, $"{path}/master", $"no node has an interface on network '{network.Name}', so a macvlan/ipvlan child has no master; add .Interface(\"eth2\", \"{network.Name}\") to the nodes that carry it.", source);
            }

            return null;
        }

        var names = plain.Select(x => x.Interface!.Name).Distinct(StringComparer.Ordinal).ToArray();
        if (names.Length > 1)
        {
            _errors.Add(MasterNamesDiffer, $"{path}/master",
                $"the nodes name their interface on network '{network.Name}' differently ({string.Join(", ", plain.Select(x => $"{x.Node.Name}: {x.Interface!.Name}"))}); Multus gives every node the one NAD config, so 'master' can name only one of them. " +
                $"Give the interface one name on every node (a systemd .link file: [Match] MACAddress=<its MAC>, [Link] Name={names[0]}) and declare it by that name, or use a bridge attachment.",
                source);
            return null;
        }

        return names[0];
    }
}
