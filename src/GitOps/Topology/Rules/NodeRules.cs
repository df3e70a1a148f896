using System.Net.NetworkInformation;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Node rules: node names, interfaces, bridges and MACs.</summary>
internal sealed partial class LabAssembler
{
    /// <remarks>Reports GITOPS112 (DuplicateName), GITOPS113 (MissingElement).</remarks>
    private List<Node> BuildNodes(Dictionary<string, Network> networks)
    {
        var nodes = new List<Node>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in _lab.Nodes)
        {
            var path = $"lab/nodes/{n.Name}";
            CheckDnsName(n.Name, path, n.Source);
            if (!seen.Add(n.Name))
            {
                _errors.Add(DuplicateName, path, $"the node name '{n.Name}' is used twice; node names are unique in a cluster.", n.Source);
                continue;
            }

            var interfaces = new List<NodeInterface>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var allNames = n.Interfaces.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var i in n.Interfaces)
            {
                var ipath = $"{path}/interfaces/{i.Name}";
                CheckInterfaceName(i.Name, ipath, i.Source);
                if (!names.Add(i.Name))
                {
                    _errors.Add(DuplicateName, ipath, $"the interface '{i.Name}' is declared twice on node '{n.Name}'.", i.Source);
                }

                if (i.BridgeName is { } bridge)
                {
                    CheckInterfaceName(bridge.Value, $"{ipath}/bridge", bridge.Source);
                    if (allNames.Contains(bridge.Value))
                    {
                        _errors.Add(DuplicateName, $"{ipath}/bridge", $"the bridge '{bridge.Value}' has the name of an interface of node '{n.Name}'; pick another bridge name.", bridge.Source);
                    }
                }

                PhysicalAddress? mac = null;
                if (i.MacText is { } macText)
                {
                    mac = ParseMac(macText, $"{ipath}/mac");
                }

                var network = ResolveNetwork(networks, i.NetworkName, $"{ipath}/network", i.Source);
                if (network is not null)
                {
                    interfaces.Add(new NodeInterface(i.Name, network, i.BridgeName?.Value, mac, i.Source));
                }
            }

            nodes.Add(new Node(n.Name, ReadOnly.Copy(interfaces), n.Source));
        }

        if (_lab.Nodes.Count == 0)
        {
            _errors.Add(MissingElement, "lab/nodes", "the lab has no nodes; add each node and its interfaces with .Node(\"k8s-1\", n => n.Interface(\"eth0\", \"lan\", i => i.Bridge(\"cni0\")).Interface(\"eth1\", \"k8s\")).", _lab.Source);
        }

        return nodes;
    }
}
